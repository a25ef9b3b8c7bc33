#include "compiler/semantics/loop_placement.h"

#include <unordered_set>

#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

class LoopPlacement {
 public:
  LoopPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {}

  void Run() {
    for (auto decl : tree_.children(tree_.root())) Declaration(decl, 0);
  }

 private:
  enum class Owner : std::uint8_t { None, Resource, Module, Variable, Output };
  // Whether a property loop may still stand here: the official PropertyLoopCapability.
  enum class Capability : std::uint8_t { Inconclusive, Allowed, Disallowed };
  struct State {
    Owner owner = Owner::None;
    Capability capability = Capability::Inconclusive;
    int property_loops = 0;
    int loop_level = 0;
    bool in_depends_on = false;
    bool in_properties = false;
  };

  void Declaration(NodeId decl, int depth) {
    if (!decl || depth > kMaxDepth) return;
    State s;
    switch (tree_.kind(decl)) {
      case NodeKind::ResourceDecl:
      case NodeKind::ModuleDecl: {
        s.owner = tree_.kind(decl) == NodeKind::ResourceDecl ? Owner::Resource : Owner::Module;
        auto saved_body = body_;
        body_ = syntax::DeclarationBody(tree_, tree_.child(decl, 3));
        auto saved_looped = in_looped_resource_;
        auto value = tree_.child(decl, 3);
        in_looped_resource_ = in_looped_resource_ || (value && tree_.kind(value) == NodeKind::ForExpr);
        Value(value, s, depth + 1, true);
        body_ = saved_body;
        in_looped_resource_ = saved_looped;
        return;
      }
      case NodeKind::VarDecl: s.owner = Owner::Variable; Value(tree_.child(decl, 3), s, depth + 1, true); return;
      case NodeKind::OutputDecl: s.owner = Owner::Output; Value(tree_.child(decl, 3), s, depth + 1, true); return;
      default:
        for (auto k : tree_.children(decl)) Value(k, s, depth + 1, false);
        return;
    }
  }

  auto PropertyNamed(NodeId object, std::string_view name) const -> NodeId {
    if (!object) return {};
    for (auto p : tree_.children(object)) {
      if (tree_.kind(p) != NodeKind::ObjectProperty) continue;
      auto key = tree_.child(p, 0);
      if (key && tree_.kind(key) == NodeKind::Identifier && tree_.text(key) == name) return p;
      if (key && tree_.kind(key) == NodeKind::String && tree_.children(key).empty() &&
          tree_.StringSegments(key)[0] == name) {
        return p;
      }
    }
    return {};
  }

  static auto CapabilityOf(NodeKind kind) -> Capability {
    switch (kind) {
      case NodeKind::Object:
      case NodeKind::ObjectProperty:
      case NodeKind::Array:
        return Capability::Allowed;
      // not expressions in the official tree: they leave the decision as it is
      case NodeKind::ForExpr:
      case NodeKind::IfCondition:
      case NodeKind::Identifier:
      case NodeKind::Decorators:
      case NodeKind::Decorator:
      case NodeKind::LocalVariable:
      case NodeKind::Error:
        return Capability::Inconclusive;
      default:
        return Capability::Disallowed;
    }
  }

  void Value(NodeId n, State s, int depth, bool top) {
    if (!n || depth > kMaxDepth) return;
    auto kind = tree_.kind(n);
    auto here = CapabilityOf(kind);
    if (s.capability == Capability::Inconclusive) {
      s.capability = here;
    } else if (s.capability == Capability::Allowed && here != Capability::Inconclusive) {
      s.capability = here;
    }
    switch (kind) {
      case NodeKind::ForExpr: {
        Loop(n, s, top);
        s.loop_level++;
        for (auto k : tree_.children(n)) Value(k, s, depth + 1, false);
        return;
      }
      case NodeKind::ResourceDecl: {
        // a nested resource: inside a looped resource, an error; it is loop-capable itself
        if (in_looped_resource_) {
          sink_.Emit(DiagnosticKind::NestedResourceNotAllowedInLoop, tree_.file(), tree_.range(n));
          // its type is then unknown (the official compiler reports it on the type string)
          if (auto type = tree_.child(n, 2)) {
            sink_.Emit(DiagnosticKind::NestedResourceTypeUnknown, tree_.file(), tree_.range(type));
          }
        }
        Declaration(n, depth + 1);
        return;
      }
      case NodeKind::ObjectProperty: {
        auto key = tree_.child(n, 0);
        auto value = tree_.child(n, 1);
        if (value && tree_.kind(value) == NodeKind::ForExpr && key && tree_.kind(key) == NodeKind::String &&
            !tree_.children(key).empty()) {
          sink_.Emit(DiagnosticKind::ExpressionedPropertiesNotAllowedWithLoops, tree_.file(), tree_.range(key));
        }
        if (body_ && n == PropertyNamed(body_, "dependsOn")) s.in_depends_on = true;
        auto props = PropertyNamed(body_, s.owner == Owner::Module ? "params" : "properties");
        if (body_ && n == props) s.in_properties = true;
        for (auto k : tree_.children(n)) Value(k, s, depth + 1, false);
        return;
      }
      case NodeKind::VariableAccess:
      case NodeKind::ResourceAccess:
        Collection(n, s);
        break;
      case NodeKind::FunctionCall:
        if (tree_.text(tree_.child(n, 0)) == "nameof") return;  // argument value independent
        break;
      default: break;
    }
    for (auto k : tree_.children(n)) Value(k, s, depth + 1, false);
  }

  void Loop(NodeId loop, State& s, bool top) {
    auto at = ForKeyword(loop);
    if (s.owner == Owner::None) {
      sink_.Emit(DiagnosticKind::ForExpressionsNotSupportedHere, tree_.file(), at);
      return;
    }
    if (top) return;
    if (s.owner == Owner::Variable || s.owner == Owner::Output || s.capability == Capability::Disallowed ||
        !IsPropertyValue(loop)) {
      sink_.Emit(DiagnosticKind::ForExpressionsNotSupportedHere, tree_.file(), at);
      return;
    }
    if (++s.property_loops > 1) sink_.Emit(DiagnosticKind::TooManyPropertyForExpressions, tree_.file(), at);
  }
  // Whether a loop is the value of an object property (its parent is one).
  auto IsPropertyValue(NodeId loop) const -> bool { return property_values_.contains(loop.index); }

  void Collection(NodeId access, const State& s) {
    auto target = ResourceSymbolOf(model_, access);
    if (!target) return;
    const auto* info = model_.resource(target);
    if (info == nullptr || !info->loop) return;
    if (indexed_.contains(access.index) || s.in_depends_on) return;
    bool ok = s.loop_level == 0 && (s.in_properties || s.owner == Owner::Output || s.owner == Owner::Variable);
    if (!ok) sink_.Emit(DiagnosticKind::DirectAccessToCollectionNotSupported, tree_.file(), tree_.range(access), {""});
  }

  // The `for` keyword's range: the loop starts with `[`, then newlines, then `for`.
  auto ForKeyword(NodeId loop) const -> source::SourceRange {
    auto text = tree_.file().text();
    auto r = tree_.range(loop);
    auto i = r.begin + 1;
    while (i < r.end && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
    return {i, std::min<std::uint32_t>(i + 3, r.end)};
  }

 public:
  // Precomputes which loops are property values and which accesses sit under an indexer or a
  // member access (so are not direct references to a collection).
  void Index() {
    for (std::uint32_t i = 0; i < tree_.node_count(); ++i) {
      NodeId n{i};
      switch (tree_.kind(n)) {
        case NodeKind::ObjectProperty:
          if (auto v = tree_.child(n, 1); v && tree_.kind(v) == NodeKind::ForExpr) property_values_.insert(v.index);
          break;
        case NodeKind::ArrayAccess:
        case NodeKind::PropertyAccess:
        case NodeKind::ResourceAccess:
        case NodeKind::InstanceFunctionCall:
        case NodeKind::NonNullAssert: {
          auto base = tree_.child(n, 0);
          while (base && tree_.kind(base) == NodeKind::Parenthesized) base = tree_.child(base, 0);
          if (base) indexed_.insert(base.index);
          break;
        }
        default: break;
      }
    }
  }

 private:
  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  NodeId body_;
  bool in_looped_resource_ = false;
  std::unordered_set<std::uint32_t> property_values_;
  std::unordered_set<std::uint32_t> indexed_;
};

}  // namespace

void CheckLoopPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  LoopPlacement check{model, sink};
  check.Index();
  check.Run();
}

}  // namespace bicepc::semantics
