#include "compiler/driver/relative_path.h"

namespace bicepc::driver {

using diagnostics::DiagnosticKind;

auto CheckRelativePath(std::string_view path) -> std::optional<PathProblem> {
  if (path.empty()) return PathProblem{DiagnosticKind::FilePathIsEmpty, {}};
  auto is_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (path.front() == '/' || (path.size() >= 2 && is_letter(path[0]) && path[1] == ':')) {
    return PathProblem{DiagnosticKind::FilePathBeginsWithForwardSlash, {}};
  }
  constexpr std::string_view kForbidden = "\"*:<>?\\|";  // sorted, as the message lists them
  for (char c : path) {
    if (c == '\\') return PathProblem{DiagnosticKind::FilePathContainsBackSlash, {}};
    if (kForbidden.find(c) != std::string_view::npos) {
      std::string list;
      for (char f : kForbidden) list += (list.empty() ? "\"" : ", \"") + std::string(1, f) + "\"";
      return PathProblem{DiagnosticKind::FilePathContainsForbiddenCharacters, {list}};
    }
    if (static_cast<unsigned char>(c) <= 31) return PathProblem{DiagnosticKind::FilePathContainsControlChars, {}};
  }
  if (path.back() == ' ' || path.back() == '.') {
    return PathProblem{DiagnosticKind::FilePathHasForbiddenTerminator, {"\" \", \".\""}};
  }
  return std::nullopt;
}

}  // namespace bicepc::driver
