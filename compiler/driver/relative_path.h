// The checks the official compiler makes on a relative file path written in a template (module
// paths and the load*() functions), in its order: empty, absolute, per character a backslash, a
// forbidden or a control character, then a forbidden last character.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"

namespace bicepc::driver {

struct PathProblem {
  diagnostics::DiagnosticKind kind;
  std::vector<std::string> args;
};

auto CheckRelativePath(std::string_view path) -> std::optional<PathProblem>;

}  // namespace bicepc::driver
