// A source file held in memory, and the line map that turns byte offsets into
// 1-based line and UTF-16 column numbers, computed only when rendering.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bicepc::source {

// A half-open byte range [begin, end) in one file.
struct SourceRange {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct LineColumn {
  std::uint32_t line = 0;    // 0-based
  std::uint32_t column = 0;  // 0-based, in UTF-16 code units (as the official compiler counts)
};

class LineMap {
 public:
  LineMap() = default;
  explicit LineMap(std::string_view text);
  // 0-based line/column of a byte offset (offset may equal text size).
  auto Locate(std::string_view text, std::uint32_t offset) const -> LineColumn;
  auto line_count() const -> std::size_t { return line_starts_.size(); }
  auto line_start(std::size_t line) const -> std::uint32_t { return line_starts_[line]; }

 private:
  std::vector<std::uint32_t> line_starts_;
};

class SourceFile {
 public:
  // `path` is kept as given (the driver passes absolute paths). A leading UTF-8
  // BOM is kept in text(); offsets count it, as the official lexer skips it.
  SourceFile(std::string path, std::string text);

  auto path() const -> const std::string& { return path_; }
  auto text() const -> std::string_view { return text_; }
  auto line_map() const -> const LineMap& { return line_map_; }
  auto Locate(std::uint32_t offset) const -> LineColumn { return line_map_.Locate(text_, offset); }

 private:
  std::string path_;
  std::string text_;
  LineMap line_map_;
};

// Reads a whole file; nullopt when it cannot be read.
auto ReadFile(const std::string& path) -> std::optional<std::string>;

}  // namespace bicepc::source
