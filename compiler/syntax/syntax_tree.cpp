#include "compiler/syntax/syntax_tree.h"

#include <array>

namespace bicepc::syntax {

auto NodeKindName(NodeKind kind) -> std::string_view {
  static constexpr std::array kNames = {
#define BICEPC_NODE_KIND(Name) std::string_view{#Name},
#include "compiler/syntax/node_kind.def"
#undef BICEPC_NODE_KIND
  };
  return kNames.at(static_cast<std::size_t>(kind));
}

auto SyntaxTree::Add(NodeKind kind, source::SourceRange range, std::span<const NodeId> kids, std::uint8_t flags)
    -> NodeId {
  Node n;
  n.kind = kind;
  n.flags = flags;
  n.range = range;
  n.first_child = static_cast<std::uint32_t>(child_ids_.size());
  n.child_count = static_cast<std::uint32_t>(kids.size());
  child_ids_.insert(child_ids_.end(), kids.begin(), kids.end());
  nodes_.push_back(n);
  return NodeId{static_cast<std::uint32_t>(nodes_.size() - 1)};
}

auto SyntaxTree::AddText(std::string text) -> std::uint32_t {
  texts_.push_back(std::move(text));
  return static_cast<std::uint32_t>(texts_.size() - 1);
}

auto LiteralKey(const SyntaxTree& tree, NodeId key) -> std::optional<std::string> {
  if (!key) return std::nullopt;
  if (tree.kind(key) == NodeKind::Identifier) return std::string{tree.text(key)};
  if (tree.kind(key) == NodeKind::String && tree.node(key).child_count == 0 && tree.node(key).text != Node::kNoText) {
    return tree.StringSegments(key)[0];
  }
  return std::nullopt;
}

auto PropertyValue(const SyntaxTree& tree, NodeId object, std::string_view key) -> NodeId {
  if (!object || tree.kind(object) != NodeKind::Object) return {};
  for (auto c : tree.children(object)) {
    if (c && tree.kind(c) == NodeKind::ObjectProperty && LiteralKey(tree, tree.child(c, 0)) == key) return tree.child(c, 1);
  }
  return {};
}

auto DeclarationBody(const SyntaxTree& tree, NodeId value) -> NodeId {
  for (int guard = 0; value && guard < 4; ++guard) {
    switch (tree.kind(value)) {
      case NodeKind::Object: return value;
      case NodeKind::IfCondition: value = tree.child(value, 1); break;
      case NodeKind::ForExpr: value = tree.child(value, 3); break;
      default: return {};
    }
  }
  return {};
}

}  // namespace bicepc::syntax
