// The syntax phase's entry point: source text to our own SyntaxTree.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::syntax {

enum class FileKind : std::uint8_t { Bicep, BicepParam };

struct ParseOptions {
  FileKind kind = FileKind::Bicep;
  std::uint32_t max_nesting = 512;   // brackets, parentheses and string holes, checked before ANTLR runs
  std::uint32_t max_tree_depth = 2000;  // checked while building our tree
  std::uint32_t max_tokens = 1'000'000;  // larger files get a diagnostic instead of a parse (ANTLR needs ~0.5 KB a token)
};

// Parses `file`. Never throws; syntax errors become diagnostics with the official
// BCP codes where they exist. The returned tree references `file`, which must outlive it.
auto Parse(const source::SourceFile& file, diagnostics::DiagnosticSink& sink, const ParseOptions& options = {})
    -> SyntaxTree;

// A readable dump of the tree (the golden ".syntax" format, `bicepc build --dump=syntax`).
auto DumpSyntax(const SyntaxTree& tree) -> std::string;

}  // namespace bicepc::syntax
