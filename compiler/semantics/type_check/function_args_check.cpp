#include "compiler/semantics/type_check/function_args_check.h"

#include <fmt/format.h>

#include <optional>
#include <set>
#include <unordered_map>
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

// What the syntax tells of an argument's type: its primitive kind and the official display of the
// type ("'foo'", "123", "object", "[1, 2]"). An unknown kind behaves like the official `any`: it is
// assignable to every parameter.
struct ArgType {
  std::string_view primitive;  // "string", "int", "bool", "object", "array", "null", "lambda"; empty = unknown
  std::string display;
  bool literal = false;        // display is the literal value (strings: quoted)
  std::optional<long long> int_value = std::nullopt;
};

auto Make(std::string_view primitive, std::string display, bool literal = false,
          std::optional<long long> int_value = std::nullopt) -> ArgType {
  return ArgType{primitive, std::move(display), literal, int_value};
}

auto Trim(std::string_view s) -> std::string_view {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Splits a type display at its top-level `sep` (outside parentheses, brackets and quotes).
auto SplitTopLevel(std::string_view type, std::string_view sep) -> std::vector<std::string_view> {
  std::vector<std::string_view> parts;
  int depth = 0;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (c == '\'') quoted = !quoted;
    if (quoted) continue;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth == 0 && type.substr(i, sep.size()) == sep) {
      parts.push_back(Trim(type.substr(start, i - start)));
      start = i + sep.size();
      i += sep.size() - 1;
    }
  }
  parts.push_back(Trim(type.substr(start)));
  return parts;
}

// The primitive kind of a built-in's declared return type ("string[]" is an array); empty when the
// type is not one the checks know.
auto ReturnPrimitive(std::string_view type) -> std::string_view {
  if (type == "string" || type == "int" || type == "bool" || type == "object" || type == "array") return type;
  if (type.ends_with("[]")) return "array";
  return {};
}

class Checker {
 public:
  Checker(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink) : tree_{tree}, sink_{sink}, declared_{DeclaredNames()} {}

  void Visit(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    if (auto call = AsBuiltInCall(n)) Resolve(n, call->first_arg, call->ns, /*report=*/true, 0);
    for (auto k : tree_.children(n)) Visit(k, depth + 1);
  }

  std::vector<NodeId> reported;

 private:
  struct BuiltInCall {
    std::size_t first_arg;
    stdlib::Namespace ns;
  };

  // A call of a built-in function (`f(...)`, `sys.f(...)`, `az.f(...)`), unless the file declares
  // the name itself.
  auto AsBuiltInCall(NodeId n) const -> std::optional<BuiltInCall> {
    if (tree_.kind(n) == NodeKind::FunctionCall) {
      auto name = tree_.text(tree_.child(n, 0));
      if (declared_.contains(name)) return std::nullopt;
      if (!stdlib::FindOverloads(stdlib::Namespace::Sys, name).empty()) return BuiltInCall{1, stdlib::Namespace::Sys};
      if (!stdlib::FindOverloads(stdlib::Namespace::Az, name).empty()) return BuiltInCall{1, stdlib::Namespace::Az};
      return std::nullopt;
    }
    if (tree_.kind(n) == NodeKind::InstanceFunctionCall) {
      auto base = tree_.child(n, 0);
      if (!base || tree_.kind(base) != NodeKind::VariableAccess || declared_.contains(tree_.text(base))) return std::nullopt;
      if (tree_.text(base) == "sys") return BuiltInCall{2, stdlib::Namespace::Sys};
      if (tree_.text(base) == "az") return BuiltInCall{2, stdlib::Namespace::Az};
    }
    return std::nullopt;
  }

  auto TypeOf(NodeId n, int depth) -> ArgType {
    for (int i = 0; i < kMaxDepth && n && tree_.kind(n) == NodeKind::Parenthesized; ++i) n = tree_.child(n, 0);
    if (!n || depth > 8) return {};
    switch (tree_.kind(n)) {
      case NodeKind::IntegerLiteral: {
        ArgType t = Make("int", std::string{tree_.text(n)}, true);
        long long v = 0;
        auto text = tree_.text(n);
        if (text.size() < 18) {
          for (char c : text) v = v * 10 + (c - '0');
          t.int_value = v;
        }
        return t;
      }
      case NodeKind::Unary: {
        if (tree_.node(n).flags != static_cast<std::uint8_t>(syntax::UnaryOp::Minus)) return {};
        auto operand = TypeOf(tree_.child(n, 0), depth + 1);
        if (!operand.int_value) return {};
        return Make("int", std::to_string(-*operand.int_value), true, -*operand.int_value);
      }
      case NodeKind::Binary: {
        // Integer arithmetic on literals folds to a literal type, as officially (`1 + 2` is "3").
        auto op = static_cast<syntax::BinaryOp>(tree_.node(n).flags);
        if (op != syntax::BinaryOp::Add && op != syntax::BinaryOp::Subtract && op != syntax::BinaryOp::Multiply) return {};
        auto l = TypeOf(tree_.child(n, 0), depth + 1);
        auto r = TypeOf(tree_.child(n, 1), depth + 1);
        if (!l.int_value || !r.int_value) return {};
        long long a = *l.int_value, b = *r.int_value;
        if (a > 1'000'000'000 || a < -1'000'000'000 || b > 1'000'000'000 || b < -1'000'000'000) return {};
        long long v = op == syntax::BinaryOp::Add ? a + b : op == syntax::BinaryOp::Subtract ? a - b : a * b;
        return Make("int", std::to_string(v), true, v);
      }
      case NodeKind::BooleanLiteral: return Make("bool", (tree_.node(n).flags & 1) != 0 ? "true" : "false", true);
      case NodeKind::NullLiteral: return Make("null", "null", true);
      case NodeKind::String:
        if (tree_.children(n).empty()) return Make("string", syntax::QuoteStringLiteral(tree_.StringSegments(n)[0]), true);
        return Make("string", "string");
      case NodeKind::Object: return Make("object", "object");
      case NodeKind::Lambda: {
        // Untyped parameters display as `any`, as officially for a lambda outside a typed context.
        auto params = tree_.children(n).size() - 1;
        std::string display = params == 1 ? "any" : "(";
        for (std::size_t i = 0; params != 1 && i < params; ++i) display += i > 0 ? ", any" : "any";
        if (params != 1) display += ")";
        return Make("lambda", display + " => any");
      }
      case NodeKind::Array: {
        auto items = tree_.children(n);
        if (items.empty()) return Make("array", "<empty array>");
        // A tuple of the items' types, as officially ([123], ['a', 'b']); unknown items: "array".
        std::string display = "[";
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (tree_.kind(items[i]) == NodeKind::Spread) return Make("array", "array");
          auto item = TypeOf(items[i], depth + 1);
          if (item.primitive.empty() || item.primitive == "lambda") return Make("array", "array");
          if (i > 0) display += ", ";
          display += item.display;
        }
        return Make("array", display + "]");
      }
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        auto call = AsBuiltInCall(n);
        if (!call) return {};
        // A nested call is resolved once per depth for its ancestors' sake (its own visit reports);
        // the depth is part of the key because the depth limit shapes the result.
        const auto key = (std::uint64_t{n.index} << 4) | static_cast<std::uint64_t>(depth + 1);
        auto cached = returns_.find(key);
        auto returned = cached != returns_.end()
                            ? cached->second
                            : returns_[key] = Resolve(n, call->first_arg, call->ns, /*report=*/false, depth + 1);
        auto primitive = ReturnPrimitive(returned);
        if (primitive.empty()) return {};
        return Make(primitive, std::string{returned});
      }
      default: return {};
    }
  }

  // Whether an argument is assignable to a parameter type of the catalogue ("string",
  // "array | string", "(bool | int | string)[]", "'utf-8' | 'utf-16'", "any => string"). Types the
  // checks do not model are taken as assignable, so that no false error is reported.
  auto Assignable(const ArgType& arg, NodeId node, std::string_view parameter, int depth) -> bool {
    parameter = Trim(parameter);
    if (arg.primitive.empty() || arg.primitive == "null" || parameter == "any" || depth > 8) return true;
    if (auto members = SplitTopLevel(parameter, " | "); members.size() > 1) {
      for (auto m : members) {
        if (Assignable(arg, node, m, depth + 1)) return true;
      }
      return false;
    }
    if (SplitTopLevel(parameter, "=>").size() > 1) return arg.primitive == "lambda";
    if (arg.primitive == "lambda") return false;
    if (parameter.starts_with("(") && parameter.ends_with(")")) return Assignable(arg, node, parameter.substr(1, parameter.size() - 2), depth + 1);
    if (parameter.ends_with("[]")) {
      // An array literal's items that do not fit the item type are reported on the items (BCP033),
      // not as an argument mismatch; that check is not made here.
      return arg.primitive == "array";
    }
    if (parameter.starts_with("'")) {
      // A string literal type: only a literal of another value is certainly not assignable.
      return arg.primitive == "string" && (!arg.literal || arg.display == parameter);
    }
    if (parameter == "string" || parameter == "int" || parameter == "bool" || parameter == "object" ||
        parameter == "array" || parameter == "null") {
      return arg.primitive == parameter;
    }
    return true;
  }

  struct Mismatch {
    const stdlib::OverloadInfo* overload;
    std::size_t index;
    std::string argument;
    std::string parameter;
  };

  // Resolves a call against the overloads as the official compiler does: the first overload every
  // argument is assignable to wins; without one, the argument type mismatch with the largest index
  // is reported (BCP070), or BCP048 when every overload fails at the same argument. Returns the
  // matched overload's return type ("" when there is none or the match is ambiguous).
  auto Resolve(NodeId call, std::size_t first_arg, stdlib::Namespace ns, bool report, int depth) -> std::string_view {
    auto kids = tree_.children(call);
    auto overloads = stdlib::FindOverloads(ns, tree_.text(kids[first_arg - 1]));
    const auto count = static_cast<int>(kids.size() - first_arg);
    std::vector<ArgType> args;
    for (std::size_t i = first_arg; i < kids.size(); ++i) args.push_back(TypeOf(kids[i], depth));
    std::vector<Mismatch> mismatches;
    std::string_view returned;
    int matches = 0;
    for (const auto& overload : overloads) {
      if (count < overload.min_args || (overload.max_args >= 0 && count > overload.max_args)) continue;
      std::vector<std::string_view> fixed;
      std::string_view variadic;
      for (auto part : SplitTopLevel(overload.parameter_types, ";")) {
        if (part.starts_with("...")) variadic = part.substr(3);
        else if (!part.empty()) fixed.push_back(part);
      }
      std::optional<Mismatch> mismatch;
      for (std::size_t i = 0; i < args.size() && !mismatch; ++i) {
        std::string_view parameter = i < fixed.size() ? fixed[i] : variadic;
        if (parameter.empty()) parameter = "any";
        if (!Assignable(args[i], kids[first_arg + i], parameter, 0)) {
          mismatch = Mismatch{&overload, i, args[i].display, std::string{parameter}};
        }
      }
      if (mismatch) {
        mismatches.push_back(std::move(*mismatch));
        continue;
      }
      ++matches;
      if (matches == 1) returned = overload.return_type;
      else if (returned != overload.return_type) returned = {};
    }
    if (matches > 0 || mismatches.empty()) return matches > 0 ? returned : std::string_view{};
    if (!report) return {};
    bool same_index = mismatches.size() > 1;
    for (const auto& m : mismatches) same_index = same_index && m.index == mismatches[0].index;
    if (same_index) {
      std::string text;
      for (std::size_t i = 0; i < mismatches.size(); ++i) {
        text += fmt::format("\n  Overload {} of {}, \"{}\", gave the following error:\n    Argument of type \"{}\" is not "
                            "assignable to parameter of type \"{}\".",
                            i + 1, mismatches.size(), mismatches[i].overload->signature, mismatches[i].argument,
                            mismatches[i].parameter);
      }
      auto arg = kids[first_arg + mismatches[0].index];
      sink_.Emit(diagnostics::DiagnosticKind::CannotResolveFunctionOverload, tree_.file(), tree_.range(arg), {text});
      reported.push_back(arg);
      return {};
    }
    const Mismatch* best = &mismatches[0];
    for (const auto& m : mismatches) {
      if (m.index >= best->index) best = &m;
    }
    auto arg = kids[first_arg + best->index];
    sink_.Emit(diagnostics::DiagnosticKind::ArgumentTypeMismatch, tree_.file(), tree_.range(arg),
               {best->argument, best->parameter});
    reported.push_back(arg);
    return {};
  }

  // Names the file declares (functions, variables, parameters, imports): a call of such a name is
  // not a built-in.
  auto DeclaredNames() const -> std::set<std::string, std::less<>> {
    std::set<std::string, std::less<>> names;
    for (auto stmt : tree_.children(tree_.root())) {
      switch (tree_.kind(stmt)) {
        case NodeKind::ImportDecl:
          for (auto k : tree_.children(stmt)) {
            if (!k) continue;
            for (auto item : tree_.children(k)) {
              for (auto part : tree_.children(item)) {
                if (part && tree_.kind(part) == NodeKind::Identifier) names.emplace(tree_.text(part));
              }
            }
          }
          break;
        default: {
          auto name = tree_.child(stmt, 1);
          if (name && tree_.kind(name) == NodeKind::Identifier) names.emplace(tree_.text(name));
          break;
        }
      }
    }
    return names;
  }

  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::set<std::string, std::less<>> declared_;
  std::unordered_map<std::uint64_t, std::string_view> returns_;  // (call node, depth) -> resolved return type
};

}  // namespace

auto CheckFunctionArguments(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink) -> std::vector<NodeId> {
  Checker checker{tree, sink};
  checker.Visit(tree.root(), 0);
  return std::move(checker.reported);
}

}  // namespace bicepc::semantics::type_check
