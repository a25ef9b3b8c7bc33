#include "compiler/semantics/invalid_references.h"

#include <algorithm>
#include <string_view>
#include <vector>

namespace bicepc::semantics {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeKind;

// Errors about where a value is used rather than about its type.
auto PropagatesToType(const diagnostics::Diagnostic& d) -> bool {
  if (d.level != diagnostics::Level::Error) return false;
  switch (d.kind) {
    case DiagnosticKind::RuntimeValueInProperty:
    case DiagnosticKind::RuntimeValueInIfCondition:
    case DiagnosticKind::RuntimeValueInForExpression:
    case DiagnosticKind::RuntimeValueInFunctionArguments:
    case DiagnosticKind::RuntimeValueInVariableForBody:
    case DiagnosticKind::UnexpectedCommaSeparator: return false;  // the parser keeps the item: the value is well-formed
    default: return true;
  }
}

}  // namespace

void CheckInvalidReferences(const SemanticModel& model, std::size_t first_diagnostic,
                            diagnostics::DiagnosticSink& sink) {
  const auto& tree = model.tree();
  const auto& symbols = model.symbols();
  // Error positions inside this file, sorted, to test "an error inside this value" by range.
  std::vector<std::uint32_t> error_starts;
  const auto& all = sink.diagnostics();
  for (std::size_t i = first_diagnostic; i < all.size(); ++i) {
    if (all[i].file == &tree.file() && PropagatesToType(all[i])) error_starts.push_back(all[i].range.begin);
  }
  std::sort(error_starts.begin(), error_starts.end());
  auto has_error_in = [&](syntax::NodeId n) {
    // parentheses around a skipped inside (`(\n)`, reported by nothing else) have no type either
    for (int guard = 0; n && tree.kind(n) == NodeKind::Parenthesized && guard < 64; ++guard) n = tree.child(n, 0);
    if (!n || tree.kind(n) == NodeKind::Error) return true;  // a missing or skipped value is a syntax error
    // an array or object has its own type whatever errors its items have
    if (tree.kind(n) == NodeKind::Array || tree.kind(n) == NodeKind::Object) {
      return false;
    }
    auto r = tree.range(n);
    auto it = std::lower_bound(error_starts.begin(), error_starts.end(), r.begin);
    return it != error_starts.end() && *it < std::max(r.end, r.begin + 1);
  };

  std::vector<std::uint32_t> cycle_starts;
  for (std::size_t i = first_diagnostic; i < all.size(); ++i) {
    if (all[i].kind == DiagnosticKind::CyclicExpressionSelfReference || all[i].kind == DiagnosticKind::CyclicExpression) {
      cycle_starts.push_back(all[i].range.begin);
    }
  }
  auto cycle_at = [&](std::uint32_t begin) {
    return std::find(cycle_starts.begin(), cycle_starts.end(), begin) != cycle_starts.end();
  };

  // Untyped variables whose value has an error; then, to a fixed point, those referencing one.
  std::vector<char> invalid(symbols.size(), 0);
  std::vector<std::uint32_t> variables;
  for (std::uint32_t i = 0; i < symbols.size(); ++i) {
    const auto& s = symbols[i];
    if (s.kind != SymbolKind::Variable || !s.decl || tree.kind(s.decl) != NodeKind::VarDecl) continue;
    if (tree.child(s.decl, 2)) continue;  // a declared type is the variable's type
    variables.push_back(i);
    if (has_error_in(tree.child(s.decl, 3))) invalid[i] = 1;
  }
  for (bool changed = true; changed;) {
    changed = false;
    for (auto v : variables) {
      if (invalid[v]) continue;
      for (const auto& [target, node] : model.references(SymbolId{v})) {
        if (target.index < invalid.size() && invalid[target.index]) {
          invalid[v] = 1;
          changed = true;
          break;
        }
      }
    }
  }
  if (std::find(invalid.begin(), invalid.end(), 1) == invalid.end()) return;
  for (std::uint32_t i = 0; i < symbols.size(); ++i) {
    for (const auto& [target, node] : model.references(SymbolId{i})) {
      if (target.index >= invalid.size() || !invalid[target.index] || !node) continue;
      if (cycle_at(tree.range(node).begin)) continue;  // a reference in a cycle is BCP079/BCP080 only
      sink.Emit(DiagnosticKind::ReferencedDeclarationInvalid, tree.file(), tree.range(node), {symbols[target.index].name});
    }
  }
}

}  // namespace bicepc::semantics
