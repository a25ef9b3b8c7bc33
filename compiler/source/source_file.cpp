#include "compiler/source/source_file.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace bicepc::source {

LineMap::LineMap(std::string_view text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    } else if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      line_starts_.push_back(static_cast<std::uint32_t>(i + 1));
    }
  }
}

auto LineMap::Locate(std::string_view text, std::uint32_t offset) const -> LineColumn {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  auto line = static_cast<std::uint32_t>(std::distance(line_starts_.begin(), it) - 1);
  std::uint32_t start = line_starts_[line];
  // A byte-order mark is not part of the text, as the official compiler reads it.
  if (start == 0 && text.starts_with("\xEF\xBB\xBF")) start = std::min<std::uint32_t>(3, offset);
  // Count UTF-16 code units between line start and offset.
  std::uint32_t column = 0;
  for (std::uint32_t i = start; i < offset;) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::uint32_t len = byte < 0x80 ? 1 : (byte >> 5) == 0x6 ? 2 : (byte >> 4) == 0xE ? 3 : (byte >> 3) == 0x1E ? 4 : 1;
    column += len == 4 ? 2 : 1;
    i += len;
  }
  return LineColumn{line, column};
}

SourceFile::SourceFile(std::string path, std::string text)
    : path_{std::move(path)}, text_{std::move(text)}, line_map_{text_} {}

auto ReadFile(const std::string& path) -> std::optional<std::string> {
  std::ifstream in{path, std::ios::binary};
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(buffer).str();
}

}  // namespace bicepc::source
