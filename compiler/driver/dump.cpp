#include "compiler/driver/dump.h"

#include "compiler/syntax/parse.h"

namespace bicepc::driver {

auto DumpBicepFile(const std::string& path, DumpKind kind) -> DumpOutput {
  DumpOutput out;
  auto& compilation = out.compilation;
  auto text = source::ReadFile(path);
  if (!text) {
    compilation.files.push_back(std::make_unique<source::SourceFile>(path, std::string{}));
    compilation.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, *compilation.files.back(), {},
                                 {path, "no such file or it cannot be opened"});
    return out;
  }
  compilation.files.push_back(std::make_unique<source::SourceFile>(path, std::move(*text)));
  const auto& file = *compilation.files.back();
  switch (kind) {
    case DumpKind::Syntax: {
      auto tree = syntax::Parse(file, compilation.diagnostics);
      out.text = syntax::DumpSyntax(tree);
      break;
    }
    case DumpKind::Tokens:
      // The syntax phase has no token dump interface yet.
      break;
  }
  return out;
}

}  // namespace bicepc::driver
