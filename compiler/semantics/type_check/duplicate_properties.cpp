#include "compiler/semantics/type_check/duplicate_properties.h"

#include <map>
#include <string>
#include <vector>

namespace bicepc::semantics::type_check {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;

void CheckObject(const SyntaxTree& tree, NodeId object, diagnostics::DiagnosticSink& sink) {
  const bool type_object = tree.kind(object) == NodeKind::TypeObject;
  const auto property_kind = type_object ? NodeKind::TypeObjectProperty : NodeKind::ObjectProperty;
  const std::size_t key_index = type_object ? 1 : 0;
  // Keys in order of first appearance, each with its occurrences.
  std::vector<std::string> order;
  std::map<std::string, std::vector<NodeId>> keys;
  for (auto c : tree.children(object)) {
    if (!c || tree.kind(c) != property_kind) continue;
    auto key_node = tree.child(c, key_index);
    auto key = syntax::LiteralKey(tree, key_node);
    if (!key) continue;
    auto [it, inserted] = keys.try_emplace(*key);
    if (inserted) order.push_back(*key);
    it->second.push_back(key_node);
  }
  for (const auto& key : order) {
    const auto& occurrences = keys.at(key);
    if (occurrences.size() < 2) continue;
    for (auto k : occurrences) {
      sink.Emit(diagnostics::DiagnosticKind::PropertyMultipleDeclarations, tree.file(), tree.range(k), {key});
    }
  }
}

}  // namespace

void CheckDuplicateProperties(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink) {
  // Iterative, so that deeply nested objects cannot exhaust the stack.
  std::vector<NodeId> pending{tree.root()};
  while (!pending.empty()) {
    auto n = pending.back();
    pending.pop_back();
    if (!n) continue;
    if (tree.kind(n) == NodeKind::Object || tree.kind(n) == NodeKind::TypeObject) CheckObject(tree, n, sink);
    for (auto k : tree.children(n)) pending.push_back(k);
  }
}

}  // namespace bicepc::semantics::type_check
