#include "compiler/semantics/type_check/condition_types.h"

#include <algorithm>
#include <string>
#include <vector>

#include "compiler/syntax/string_literal.h"
#include "compiler/syntax/syntax_tree.h"
#include "stdlib/functions.h"

namespace bicepc::semantics::type_check {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

class Conditions {
 public:
  Conditions(const SemanticModel& model, std::size_t first_diagnostic, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {
    const auto& all = sink.diagnostics();
    for (auto i = first_diagnostic; i < all.size(); ++i) {
      if (all[i].file == &tree_.file() && all[i].level == diagnostics::Level::Error) errors_.push_back(all[i].range.begin);
    }
    std::sort(errors_.begin(), errors_.end());
  }

  void Run() {
    if (!tree_.root()) return;
    for (auto stmt : tree_.children(tree_.root())) {
      statement_ = stmt;
      Visit(stmt, 1);
    }
  }

 private:
  void Visit(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    for (auto k : tree_.children(n)) Visit(k, depth + 1);  // innermost first
    switch (tree_.kind(n)) {
      case NodeKind::Ternary:
        if (!HasErrorIn(n)) Check(tree_.child(n, 0), tree_.child(n, 0));
        return;
      case NodeKind::ForExpr: CheckIterable(tree_.child(n, 2)); return;
      case NodeKind::IfCondition: {
        // reported on the parentheses; not when the declaration has no name (it has no type then)
        auto cond = tree_.child(n, 0);
        if (!cond) return;
        auto text = tree_.file().text();
        auto r = tree_.range(cond);
        auto begin = r.begin;
        while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
        if (begin == 0 || text[begin - 1] != '(') return;
        --begin;
        auto end = r.end;
        while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) ++end;
        if (end >= text.size() || text[end] != ')') return;
        ++end;
        auto name = tree_.child(statement_, 1);
        if (!name || tree_.kind(name) != NodeKind::Identifier || HasErrorIn(cond)) return;
        if (NotBool(cond, 0)) Report({begin, end});
        return;
      }
      default: return;
    }
  }
  // A loop's iterable whose type follows from the syntax (a literal, or a variable holding one)
  // must be an array (BCP137).
  void CheckIterable(NodeId iterable) {
    if (!iterable || HasErrorIn(iterable)) return;
    auto value = iterable;
    for (int guard = 0; value && guard < 16; ++guard) {
      if (tree_.kind(value) == NodeKind::Parenthesized) {
        value = tree_.child(value, 0);
        continue;
      }
      if (tree_.kind(value) != NodeKind::VariableAccess) break;
      const auto& b = model_.binding(value);
      if (b.kind != Binding::Kind::Symbol || model_.symbol(b.symbol).kind != SymbolKind::Variable) return;
      auto decl = model_.symbol(b.symbol).decl;
      if (!decl || tree_.kind(decl) != NodeKind::VarDecl || tree_.child(decl, 2)) return;  // typed: not modelled
      value = tree_.child(decl, 3);
    }
    if (!value) return;
    std::string name;
    switch (tree_.kind(value)) {
      case NodeKind::BooleanLiteral: name = (tree_.node(value).flags & 1) != 0 ? "true" : "false"; break;
      case NodeKind::IntegerLiteral: name = std::string{tree_.text(value)}; break;
      case NodeKind::NullLiteral: name = "null"; break;
      case NodeKind::String:
        if (!tree_.children(value).empty()) return;
        name = syntax::QuoteStringLiteral(tree_.StringSegments(value)[0]);
        break;
      default: return;
    }
    sink_.Emit(DiagnosticKind::LoopIterableNotArray, tree_.file(), tree_.range(iterable), {name});
    errors_.insert(std::upper_bound(errors_.begin(), errors_.end(), tree_.range(iterable).begin), tree_.range(iterable).begin);
  }
  void Check(NodeId condition, NodeId at) {
    if (NotBool(condition, 0)) Report(tree_.range(at));
  }
  void Report(source::SourceRange at) {
    sink_.Emit(DiagnosticKind::ExpectedBoolValue, tree_.file(), at);
    errors_.insert(std::upper_bound(errors_.begin(), errors_.end(), at.begin), at.begin);
  }
  // Whether the expression's type is known from the syntax and is not bool.
  auto NotBool(NodeId n, int depth) const -> bool {
    if (!n || depth > 64) return false;
    switch (tree_.kind(n)) {
      case NodeKind::Parenthesized: return NotBool(tree_.child(n, 0), depth + 1);
      case NodeKind::NullLiteral:
      case NodeKind::IntegerLiteral:
      case NodeKind::String:
      case NodeKind::Array:
      case NodeKind::Object: return true;
      case NodeKind::Unary:
        return static_cast<syntax::UnaryOp>(tree_.node(n).flags) == syntax::UnaryOp::Minus;
      case NodeKind::FunctionCall: {
        const auto& b = model_.binding(n);
        if (b.kind != Binding::Kind::BuiltinFunction || !tree_.child(n, 0)) return false;
        auto info = stdlib::FindFunction(b.ns, tree_.text(tree_.child(n, 0)));
        if (!info) return false;
        auto r = info->return_type;
        return r == "string" || r == "int" || r == "array" || r == "object";
      }
      default: return false;
    }
  }
  auto HasErrorIn(NodeId n) const -> bool { return HasErrorIn(tree_.range(n)); }
  auto HasErrorIn(source::SourceRange r) const -> bool {
    auto it = std::lower_bound(errors_.begin(), errors_.end(), r.begin);
    return it != errors_.end() && *it < std::max(r.end, r.begin + 1);
  }

  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::vector<std::uint32_t> errors_;  // starts of errors in this file, sorted
  NodeId statement_;                   // the top-level statement being visited
};

}  // namespace

void CheckConditionTypes(const SemanticModel& model, std::size_t first_diagnostic, diagnostics::DiagnosticSink& sink) {
  Conditions{model, first_diagnostic, sink}.Run();
}

}  // namespace bicepc::semantics::type_check
