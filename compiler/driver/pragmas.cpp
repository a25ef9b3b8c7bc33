#include "compiler/driver/pragmas.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

namespace bicepc::driver {
namespace {

struct Suppression {
  std::string code;
  std::uint32_t begin = 0;  // byte range the suppression covers
  std::uint32_t end = 0;
};

auto SameCode(std::string_view a, std::string_view b) -> bool {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

void ApplyPragmas(const syntax::SyntaxTree& tree, std::size_t first, diagnostics::DiagnosticSink& sink) {
  const auto& file = tree.file();
  const auto& lines = file.line_map();
  const auto size = static_cast<std::uint32_t>(file.text().size());
  auto line_begin = [&](std::size_t line) -> std::uint32_t {
    return line < lines.line_count() ? lines.line_start(line) : size;
  };

  std::vector<Suppression> suppressions;
  std::vector<Suppression> open;  // #disable-diagnostics not yet restored
  for (const auto& pragma : tree.pragmas()) {
    auto line = file.Locate(pragma.range.begin).line;
    switch (pragma.kind) {
      case syntax::PragmaKind::DisableNextLine:
        if (pragma.codes.empty()) {
          sink.Emit(diagnostics::DiagnosticKind::DisableNextLineMissingCodes, file,
                    {pragma.range.end, pragma.range.end});
        }
        for (const auto& code : pragma.codes) {
          suppressions.push_back({code, line_begin(line + 1), line_begin(line + 2)});
        }
        break;
      case syntax::PragmaKind::DisableDiagnostics:
        for (const auto& code : pragma.codes) open.push_back({code, pragma.range.end, size});
        break;
      case syntax::PragmaKind::RestoreDiagnostics:
        for (const auto& code : pragma.codes) {
          auto it = std::find_if(open.begin(), open.end(), [&](const Suppression& s) { return SameCode(s.code, code); });
          if (it != open.end()) {
            it->end = pragma.range.begin;
            suppressions.push_back(*it);
            open.erase(it);
          }
        }
        break;
    }
  }
  suppressions.insert(suppressions.end(), open.begin(), open.end());
  if (suppressions.empty()) return;
  sink.RemoveFrom(first, [&](const diagnostics::Diagnostic& d) {
    if (d.file != &file) return false;
    return std::any_of(suppressions.begin(), suppressions.end(), [&](const Suppression& s) {
      return d.range.begin >= s.begin && d.range.begin < s.end && SameCode(d.code, s.code);
    });
  });
}

}  // namespace bicepc::driver
