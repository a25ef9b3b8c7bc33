// `bicepc build --dump=tokens|syntax`: the golden-test formats of the early phases,
// so a failing golden test can be reproduced with one command.
#pragma once

#include <optional>
#include <string>

#include "compiler/driver/compile.h"

namespace bicepc::driver {

enum class DumpKind : std::uint8_t { Tokens, Syntax };

struct DumpOutput {
  Compilation compilation;          // files read and diagnostics of the phases that ran
  std::optional<std::string> text;  // the dump; nullopt when this kind is not available yet
};

// Parses the file at `path` (no binding or emission) and dumps the requested phase output.
auto DumpBicepFile(const std::string& path, DumpKind kind) -> DumpOutput;

}  // namespace bicepc::driver
