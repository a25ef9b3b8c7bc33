// Our own syntax tree: immutable, flat storage indexed by typed ids (no recursive
// destructors), every node with a byte range into its SourceFile. No ANTLR type
// ever appears here; compiler/syntax/parser.cpp builds this from the parse tree
// and drops the parse tree. Child layouts per kind are fixed in node_kind.def.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source_file.h"

namespace bicepc::syntax {

enum class NodeKind : std::uint8_t {
#define BICEPC_NODE_KIND(Name) Name,
#include "compiler/syntax/node_kind.def"
#undef BICEPC_NODE_KIND
};

auto NodeKindName(NodeKind kind) -> std::string_view;

// Binary operators, in Node::flags of a Binary node.
enum class BinaryOp : std::uint8_t {
  LogicalOr,           // ||
  LogicalAnd,          // &&
  Equals,              // ==
  NotEquals,           // !=
  EqualsInsensitive,   // =~
  NotEqualsInsensitive,  // !~
  LessThan,            // <
  LessThanOrEqual,     // <=
  GreaterThan,         // >
  GreaterThanOrEqual,  // >=
  Add,                 // +
  Subtract,            // -
  Multiply,            // *
  Divide,              // /
  Modulo,              // %
  Coalesce,            // ??
};

enum class UnaryOp : std::uint8_t {
  Not,    // !
  Minus,  // -
};

struct NodeId {
  static constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t index = kNone;
  constexpr explicit operator bool() const { return index != kNone; }
  friend constexpr auto operator==(NodeId, NodeId) -> bool = default;
};

struct Node {
  NodeKind kind = NodeKind::Error;
  std::uint8_t flags = 0;
  source::SourceRange range;         // byte offsets into the file
  std::uint32_t first_child = 0;     // index into SyntaxTree::child_ids_
  std::uint32_t child_count = 0;
  std::uint32_t text = kNoText;      // index into SyntaxTree::texts_ (names, digits, string segments)
  static constexpr std::uint32_t kNoText = std::numeric_limits<std::uint32_t>::max();
};

enum class CommentKind : std::uint8_t { Line, Block };

struct Comment {
  CommentKind kind;
  source::SourceRange range;  // includes the // or /* */ delimiters
};

enum class PragmaKind : std::uint8_t { DisableNextLine, DisableDiagnostics, RestoreDiagnostics };

struct Pragma {
  PragmaKind kind;
  source::SourceRange range;        // the whole pragma text
  std::vector<std::string> codes;   // codes named after the pragma (may be empty)
};

class SyntaxTree {
 public:
  SyntaxTree() = default;
  explicit SyntaxTree(const source::SourceFile& file) : file_{&file} {}

  auto file() const -> const source::SourceFile& { return *file_; }
  auto root() const -> NodeId { return root_; }
  auto node(NodeId id) const -> const Node& { return nodes_[id.index]; }
  auto kind(NodeId id) const -> NodeKind { return nodes_[id.index].kind; }
  auto range(NodeId id) const -> source::SourceRange { return nodes_[id.index].range; }
  auto children(NodeId id) const -> std::span<const NodeId> {
    const auto& n = nodes_[id.index];
    return std::span<const NodeId>{child_ids_}.subspan(n.first_child, n.child_count);
  }
  // The i-th child, or NodeId{} when the index is past the end or the child is absent.
  auto child(NodeId id, std::size_t i) const -> NodeId {
    auto c = children(id);
    return i < c.size() ? c[i] : NodeId{};
  }
  auto text(NodeId id) const -> std::string_view {
    auto t = nodes_[id.index].text;
    return t == Node::kNoText ? std::string_view{} : std::string_view{texts_[t]};
  }
  // Decoded segments of a String node: child_count + 1 pieces around the holes.
  auto StringSegments(NodeId id) const -> std::span<const std::string> {
    const auto& n = nodes_[id.index];
    return std::span<const std::string>{texts_}.subspan(n.text, n.child_count + 1);
  }
  // The source text a node covers.
  auto SourceText(NodeId id) const -> std::string_view {
    auto r = range(id);
    return file_->text().substr(r.begin, r.end - r.begin);
  }
  auto node_count() const -> std::size_t { return nodes_.size(); }
  auto comments() const -> const std::vector<Comment>& { return comments_; }
  auto pragmas() const -> const std::vector<Pragma>& { return pragmas_; }

  // ---- building (used by the parser only) ----
  // Adds a node whose children are `kids` (NodeId{} allowed for absent optional children).
  auto Add(NodeKind kind, source::SourceRange range, std::span<const NodeId> kids = {}, std::uint8_t flags = 0)
      -> NodeId;
  auto AddText(std::string text) -> std::uint32_t;
  void SetText(NodeId id, std::uint32_t text) { nodes_[id.index].text = text; }
  void SetRoot(NodeId id) { root_ = id; }
  void AddComment(Comment c) { comments_.push_back(c); }
  void AddPragma(Pragma p) { pragmas_.push_back(std::move(p)); }

 private:
  const source::SourceFile* file_ = nullptr;
  NodeId root_;
  std::vector<Node> nodes_;
  std::vector<NodeId> child_ids_;
  std::vector<std::string> texts_;
  std::vector<Comment> comments_;
  std::vector<Pragma> pragmas_;
};

// The literal key of an ObjectProperty: an Identifier or a String without interpolation.
auto LiteralKey(const SyntaxTree& tree, NodeId key) -> std::optional<std::string>;

// The value of a body's property with a literal key (`name`, `scope`, ...), or none.
auto PropertyValue(const SyntaxTree& tree, NodeId object, std::string_view key) -> NodeId;

// The Object of a resource or module declaration's value, through its condition and its loop
// (`{...}`, `if (c) {...}`, `[for x in xs: {...}]`, `[for x in xs: if (c) {...}]`), or none.
auto DeclarationBody(const SyntaxTree& tree, NodeId value) -> NodeId;

}  // namespace bicepc::syntax
