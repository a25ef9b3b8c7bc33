#include "compiler/driver/compile.h"

#include "compiler/syntax/parse.h"

namespace bicepc::driver {

auto Version() -> std::string { return BICEPC_VERSION; }

auto CompileBicepSource(const std::string& path, std::string text, const CompileOptions& options) -> Compilation {
  (void)options;
  Compilation result;
  result.files.push_back(std::make_unique<source::SourceFile>(path, std::move(text)));
  const auto& file = *result.files.back();
  auto tree = syntax::Parse(file, result.diagnostics);
  (void)tree;
  // Binding, lowering and emission plug in here.
  return result;
}

auto CompileBicepFile(const std::string& path, const CompileOptions& options) -> Compilation {
  auto text = source::ReadFile(path);
  if (!text) {
    Compilation result;
    result.files.push_back(std::make_unique<source::SourceFile>(path, std::string{}));
    result.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, *result.files.back(), {},
                            {path, "no such file or it cannot be opened"});
    return result;
  }
  return CompileBicepSource(path, std::move(*text), options);
}

}  // namespace bicepc::driver
