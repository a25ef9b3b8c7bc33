// Test helper: builds SyntaxTrees by hand (following node_kind.def) so the semantics, IR
// and emit phases can be unit-tested without the parser. Ranges are synthetic: every node
// gets a distinct one-byte range in a file of spaces.
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "compiler/source/source_file.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::testing {

class TreeBuilder {
 public:
  using NodeId = syntax::NodeId;
  using NodeKind = syntax::NodeKind;

  TreeBuilder() : file_{std::make_unique<source::SourceFile>("/test/main.bicep", std::string(100000, ' '))}, tree_{*file_} {}

  auto N(NodeKind kind, std::vector<NodeId> kids = {}, std::uint8_t flags = 0) -> NodeId {
    auto at = next_++;
    return tree_.Add(kind, {at, at + 1}, kids, flags);
  }
  auto Named(NodeKind kind, std::string_view text, std::vector<NodeId> kids = {}, std::uint8_t flags = 0) -> NodeId {
    auto id = N(kind, std::move(kids), flags);
    tree_.SetText(id, tree_.AddText(std::string{text}));
    return id;
  }
  auto Id(std::string_view name) -> NodeId { return Named(NodeKind::Identifier, name); }
  auto Var(std::string_view name) -> NodeId { return Named(NodeKind::VariableAccess, name); }
  auto Int(std::string_view digits) -> NodeId { return Named(NodeKind::IntegerLiteral, digits); }
  auto Bool(bool b) -> NodeId { return N(NodeKind::BooleanLiteral, {}, b ? 1 : 0); }
  auto Null() -> NodeId { return N(NodeKind::NullLiteral); }
  // A string with holes: segments.size() == holes.size() + 1.
  auto Str(std::vector<std::string> segments, std::vector<NodeId> holes = {}) -> NodeId {
    auto id = N(NodeKind::String, std::move(holes));
    std::uint32_t first = 0;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      auto t = tree_.AddText(segments[i]);
      if (i == 0) {
        first = t;
      }
    }
    tree_.SetText(id, first);
    return id;
  }
  auto Str(std::string_view s) -> NodeId { return Str(std::vector<std::string>{std::string{s}}); }
  auto Obj(std::vector<std::pair<std::string, NodeId>> props) -> NodeId {
    std::vector<NodeId> kids;
    for (auto& [k, v] : props) {
      kids.push_back(N(NodeKind::ObjectProperty, {Id(k), v}));
    }
    return N(NodeKind::Object, kids);
  }
  auto Arr(std::vector<NodeId> items) -> NodeId { return N(NodeKind::Array, std::move(items)); }
  auto Call(std::string_view name, std::vector<NodeId> args = {}) -> NodeId {
    std::vector<NodeId> kids{Id(name)};
    kids.insert(kids.end(), args.begin(), args.end());
    return N(NodeKind::FunctionCall, kids);
  }
  auto NsCall(std::string_view ns, std::string_view name, std::vector<NodeId> args = {}) -> NodeId {
    std::vector<NodeId> kids{Var(ns), Id(name)};
    kids.insert(kids.end(), args.begin(), args.end());
    return N(NodeKind::InstanceFunctionCall, kids);
  }
  auto Prop(NodeId base, std::string_view name) -> NodeId { return N(NodeKind::PropertyAccess, {base, Id(name)}); }
  auto Bin(syntax::BinaryOp op, NodeId l, NodeId r) -> NodeId {
    return N(NodeKind::Binary, {l, r}, static_cast<std::uint8_t>(op));
  }
  auto Not(NodeId e) -> NodeId { return N(NodeKind::Unary, {e}, static_cast<std::uint8_t>(syntax::UnaryOp::Not)); }
  auto Neg(NodeId e) -> NodeId { return N(NodeKind::Unary, {e}, static_cast<std::uint8_t>(syntax::UnaryOp::Minus)); }
  auto Decorators(std::vector<NodeId> calls = {}) -> NodeId {
    std::vector<NodeId> kids;
    for (auto c : calls) {
      kids.push_back(N(NodeKind::Decorator, {c}));
    }
    return N(NodeKind::Decorators, kids);
  }
  auto Type(std::string_view name) -> NodeId { return Named(NodeKind::TypeVariableAccess, name); }

  // ---- statements (added to the program in call order) ----
  auto Param(std::string_view name, std::string_view type, NodeId def = {}, std::vector<NodeId> decorators = {})
      -> NodeId {
    return Stmt(N(NodeKind::ParamDecl, {Decorators(std::move(decorators)), Id(name), Type(type), def}));
  }
  auto VarDecl(std::string_view name, NodeId value) -> NodeId {
    return Stmt(N(NodeKind::VarDecl, {Decorators(), Id(name), NodeId{}, value}));
  }
  auto Output(std::string_view name, std::string_view type, NodeId value, std::vector<NodeId> decorators = {})
      -> NodeId {
    return Stmt(N(NodeKind::OutputDecl, {Decorators(std::move(decorators)), Id(name), Type(type), value}));
  }
  auto Metadata(std::string_view name, NodeId value) -> NodeId {
    return Stmt(N(NodeKind::MetadataDecl, {Decorators(), Id(name), value}));
  }
  auto TargetScope(std::string_view scope) -> NodeId {
    return Stmt(N(NodeKind::TargetScopeDecl, {Decorators(), Str(scope)}));
  }
  // A resource declaration node (not added: pass it to Stmt, or nest it in an Object).
  auto Resource(std::string_view name, std::string_view type_at_version, NodeId body, bool existing = false)
      -> NodeId {
    return N(NodeKind::ResourceDecl, {Decorators(), Id(name), Str(type_at_version), body}, existing ? 1 : 0);
  }
  auto Stmt(NodeId decl) -> NodeId {
    statements_.push_back(decl);
    return decl;
  }

  auto Finish() -> const syntax::SyntaxTree& {
    tree_.SetRoot(N(NodeKind::Program, statements_));
    return tree_;
  }
  auto file() const -> const source::SourceFile& { return *file_; }
  auto tree() const -> const syntax::SyntaxTree& { return tree_; }

 private:
  std::unique_ptr<source::SourceFile> file_;
  syntax::SyntaxTree tree_;
  std::vector<NodeId> statements_;
  std::uint32_t next_ = 0;
};

}  // namespace bicepc::testing
