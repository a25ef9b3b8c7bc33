// Temporary: replaced by parser.cpp (the ANTLR adapter).
#include "compiler/syntax/parse.h"
namespace bicepc::syntax {
auto Parse(const source::SourceFile& file, diagnostics::DiagnosticSink&, const ParseOptions&) -> SyntaxTree {
  SyntaxTree tree{file};
  tree.SetRoot(tree.Add(NodeKind::Program, {0, static_cast<std::uint32_t>(file.text().size())}));
  return tree;
}
auto DumpSyntax(const SyntaxTree&) -> std::string { return {}; }
}  // namespace bicepc::syntax
