#include "compiler/diagnostics/render.h"

#include <fmt/format.h>

namespace bicepc::diagnostics {

auto RenderTextLine(const Diagnostic& d) -> std::string {
  source::LineColumn lc;
  std::string path;
  if (d.file != nullptr) {
    lc = d.file->Locate(d.range.begin);
    path = d.file->path();
  }
  return fmt::format("{}({},{}) : {} {}: {} [{}]", path, lc.line + 1, lc.column + 1, LevelName(d.level), d.code,
                     d.message, d.Uri());
}

auto RenderText(const std::vector<Diagnostic>& sorted) -> std::string {
  std::string out;
  for (const auto& d : sorted) {
    out += RenderTextLine(d);
    out += '\n';
  }
  return out;
}

}  // namespace bicepc::diagnostics
