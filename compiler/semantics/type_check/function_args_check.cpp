#include "compiler/semantics/type_check/function_args_check.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <string_view>

#include "compiler/syntax/string_literal.h"
#include "stdlib/functions.h"

namespace bicepc::semantics::type_check {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;

constexpr int kMaxDepth = 500;

// The primitive kind a value has from its syntax, and the official display of its type.
struct ArgType {
  std::string_view primitive;  // "string", "int", "bool", "object", "array", "null"; empty = unknown
  std::string display;
};

auto TypeOf(const SyntaxTree& tree, NodeId n, int depth) -> ArgType {
  for (int i = 0; i < kMaxDepth && n && tree.kind(n) == NodeKind::Parenthesized; ++i) n = tree.child(n, 0);
  if (!n || depth > 8) return {};
  switch (tree.kind(n)) {
    case NodeKind::IntegerLiteral: return {"int", std::string{tree.text(n)}};
    case NodeKind::Unary:
      if (tree.child(n, 0) && tree.kind(tree.child(n, 0)) == NodeKind::IntegerLiteral &&
          tree.node(n).flags == static_cast<std::uint8_t>(syntax::UnaryOp::Minus)) {
        std::string negative = "-";
        negative += tree.text(tree.child(n, 0));
        return {"int", negative};
      }
      return {};
    case NodeKind::BooleanLiteral: return {"bool", (tree.node(n).flags & 1) != 0 ? "true" : "false"};
    case NodeKind::NullLiteral: return {"null", "null"};
    case NodeKind::String:
      if (tree.children(n).empty()) return {"string", syntax::QuoteStringLiteral(tree.StringSegments(n)[0])};
      return {"string", "string"};
    case NodeKind::Object: return {"object", "object"};
    case NodeKind::Array: {
      auto items = tree.children(n);
      if (items.empty()) return {"array", "<empty array>"};
      // A tuple of the items' types, as officially ([123], ['a', 'b']); unknown items: "array".
      std::string display = "[";
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto item = TypeOf(tree, items[i], depth + 1);
        if (item.primitive.empty() || tree.kind(items[i]) == NodeKind::Spread) return {"array", "array"};
        if (i > 0) display += ", ";
        display += item.display;
      }
      return {"array", display + "]"};
    }
    default: return {};
  }
}

auto Accepts(std::string_view parameter, std::string_view argument) -> bool {
  if (parameter == "any" || argument.empty()) return true;
  return parameter == argument;
}

auto IsPrimitive(std::string_view t) -> bool {
  return t == "string" || t == "int" || t == "bool" || t == "object" || t == "array";
}

// Names the file declares (functions, variables, parameters, imports): a call of such a name is
// not a built-in.
auto DeclaredNames(const SyntaxTree& tree) -> std::set<std::string, std::less<>> {
  std::set<std::string, std::less<>> names;
  for (auto stmt : tree.children(tree.root())) {
    switch (tree.kind(stmt)) {
      case NodeKind::ImportDecl:
        for (auto k : tree.children(stmt)) {
          if (!k) continue;
          for (auto item : tree.children(k)) {
            for (auto part : tree.children(item)) {
              if (part && tree.kind(part) == NodeKind::Identifier) names.emplace(tree.text(part));
            }
          }
        }
        break;
      default: {
        auto name = tree.child(stmt, 1);
        if (name && tree.kind(name) == NodeKind::Identifier) names.emplace(tree.text(name));
        break;
      }
    }
  }
  return names;
}

class Checker {
 public:
  Checker(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink) : tree_{tree}, sink_{sink}, declared_{DeclaredNames(tree)} {}

  void Visit(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    if (tree_.kind(n) == NodeKind::FunctionCall) CheckCall(n, 1, std::nullopt);
    if (tree_.kind(n) == NodeKind::InstanceFunctionCall) {
      auto base = tree_.child(n, 0);
      if (base && tree_.kind(base) == NodeKind::VariableAccess && !declared_.contains(tree_.text(base))) {
        if (tree_.text(base) == "sys") CheckCall(n, 2, stdlib::Namespace::Sys);
        if (tree_.text(base) == "az") CheckCall(n, 2, stdlib::Namespace::Az);
      }
    }
    for (auto k : tree_.children(n)) Visit(k, depth + 1);
  }

  std::vector<NodeId> reported;

 private:
  void CheckCall(NodeId call, std::size_t first_arg, std::optional<stdlib::Namespace> ns) {
    auto name = tree_.text(tree_.child(call, first_arg - 1));
    if (!ns && declared_.contains(name)) return;
    auto info = ns ? stdlib::FindFunction(*ns, name) : stdlib::FindFunction(stdlib::Namespace::Sys, name);
    if (!info && !ns) info = stdlib::FindFunction(stdlib::Namespace::Az, name);
    if (!info || info->parameter_types.empty() || info->name != name) return;
    // The parameter types, one per fixed parameter, then the variadic one.
    std::vector<std::string_view> fixed;
    std::string_view variadic;
    std::string_view rest = info->parameter_types;
    while (!rest.empty()) {
      auto semi = rest.find(';');
      auto part = rest.substr(0, semi);
      if (part.starts_with("...")) variadic = part.substr(3);
      else fixed.push_back(part);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
    }
    auto kids = tree_.children(call);
    // With the wrong number of arguments the official compiler reports only that (BCP071).
    const auto count = static_cast<int>(kids.size() - first_arg);
    if (count < info->min_args || (info->max_args >= 0 && count > info->max_args)) return;
    for (std::size_t i = first_arg; i < kids.size(); ++i) {
      auto index = i - first_arg;
      std::string_view parameter = index < fixed.size() ? fixed[index] : variadic;
      if (!IsPrimitive(parameter)) continue;
      auto arg = TypeOf(tree_, kids[i], 0);
      if (arg.primitive.empty() || arg.primitive == "null" || Accepts(parameter, arg.primitive)) continue;
      sink_.Emit(diagnostics::DiagnosticKind::ArgumentTypeMismatch, tree_.file(), tree_.range(kids[i]),
                 {arg.display, std::string{parameter}});
      reported.push_back(kids[i]);
    }
  }

  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::set<std::string, std::less<>> declared_;
};

}  // namespace

auto CheckFunctionArguments(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink) -> std::vector<NodeId> {
  Checker checker{tree, sink};
  checker.Visit(tree.root(), 0);
  return std::move(checker.reported);
}

}  // namespace bicepc::semantics::type_check
