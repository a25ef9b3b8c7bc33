// Helpers for the syntax tests: parse a string, look at diagnostics and the tree.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

namespace bicepc::syntax::testing {

struct Parsed {
  std::unique_ptr<source::SourceFile> file;
  diagnostics::DiagnosticSink sink;
  SyntaxTree tree;

  auto codes() const -> std::vector<std::string> {
    std::vector<std::string> out;
    for (const auto& d : sink.Sorted()) out.push_back(d.code);
    return out;
  }
  auto errors() const -> std::size_t { return sink.ErrorCount(); }
  auto has(std::string_view code) const -> bool {
    for (const auto& d : sink.diagnostics()) {
      if (d.code == code) return true;
    }
    return false;
  }
  auto dump() const -> std::string { return DumpSyntax(tree); }
  // The i-th statement of the program.
  auto stmt(std::size_t i) const -> NodeId { return tree.child(tree.root(), i); }
  // Follows a path of child indexes from `id`.
  auto at(NodeId id, std::initializer_list<std::size_t> path) const -> NodeId {
    for (auto i : path) id = id ? tree.child(id, i) : NodeId{};
    return id;
  }
};

inline auto ParseText(std::string text, FileKind kind = FileKind::Bicep, ParseOptions options = {})
    -> std::unique_ptr<Parsed> {
  auto p = std::make_unique<Parsed>();
  p->file = std::make_unique<source::SourceFile>(kind == FileKind::Bicep ? "test.bicep" : "test.bicepparam",
                                                 std::move(text));
  options.kind = kind;
  p->tree = Parse(*p->file, p->sink, options);
  return p;
}

}  // namespace bicepc::syntax::testing
