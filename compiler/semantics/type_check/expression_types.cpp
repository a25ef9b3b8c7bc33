#include "compiler/semantics/type_check/expression_types.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/semantics/type_check/spelling.h"
#include "compiler/source/ascii.h"
#include "compiler/syntax/string_literal.h"

namespace bicepc::semantics::type_check {
namespace {

using source::EqualsIgnoreCase;

using diagnostics::DiagnosticKind;
using syntax::BinaryOp;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;
using syntax::UnaryOp;

constexpr int kMaxDepth = 200;

// A type as far as the syntax and the binder tell. Unknown is the official `any` (nothing is
// reported about it); Error is a type whose problem was reported already.
struct Type {
  enum class Kind : std::uint8_t { Unknown, Error, Null, Bool, Int, String, Object, Array };
  Kind kind = Kind::Unknown;
  bool literal = false;  // Bool / Int / String with a known value
  bool bool_value = false;
  std::int64_t int_value = 0;
  std::string string_value;
  std::string display;  // the official rendering; empty when not known exactly
  NodeId object;        // Object: the object literal whose properties are known, if any
};

using Kind = Type::Kind;

auto Unknown() -> Type { return {}; }
auto ErrorType() -> Type {
  Type t;
  t.kind = Kind::Error;
  return t;
}
auto Primitive(Kind kind, std::string display) -> Type {
  Type t;
  t.kind = kind;
  t.display = std::move(display);
  return t;
}
auto BoolLiteral(bool value) -> Type {
  Type t = Primitive(Kind::Bool, value ? "true" : "false");
  t.literal = true;
  t.bool_value = value;
  return t;
}
auto IntLiteral(std::int64_t value) -> Type {
  Type t = Primitive(Kind::Int, std::to_string(value));
  t.literal = true;
  t.int_value = value;
  return t;
}
auto StringLiteral(std::string value) -> Type {
  Type t = Primitive(Kind::String, syntax::QuoteStringLiteral(value));
  t.literal = true;
  t.string_value = std::move(value);
  return t;
}

auto Known(const Type& t) -> bool { return t.kind != Kind::Unknown && t.kind != Kind::Error; }
auto Reportable(const Type& t) -> bool { return Known(t) && !t.display.empty(); }

// The official AreTypesAssignable for the primitive targets modelled here.
auto Assignable(const Type& source, Kind target) -> bool { return source.kind == target; }

auto OperatorText(BinaryOp op) -> std::string_view {
  switch (op) {
    case BinaryOp::LogicalOr: return "||";
    case BinaryOp::LogicalAnd: return "&&";
    case BinaryOp::Equals: return "==";
    case BinaryOp::NotEquals: return "!=";
    case BinaryOp::EqualsInsensitive: return "=~";
    case BinaryOp::NotEqualsInsensitive: return "!~";
    case BinaryOp::LessThan: return "<";
    case BinaryOp::LessThanOrEqual: return "<=";
    case BinaryOp::GreaterThan: return ">";
    case BinaryOp::GreaterThanOrEqual: return ">=";
    case BinaryOp::Add: return "+";
    case BinaryOp::Subtract: return "-";
    case BinaryOp::Multiply: return "*";
    case BinaryOp::Divide: return "/";
    case BinaryOp::Modulo: return "%";
    case BinaryOp::Coalesce: return "??";
  }
  return "";
}

// The property names of an object literal, or nullopt when they are not all known (spread,
// interpolated keys, nested resources, duplicates).
auto LiteralProperties(const SyntaxTree& tree, NodeId object) -> std::optional<std::vector<std::pair<std::string, NodeId>>> {
  std::vector<std::pair<std::string, NodeId>> props;
  for (auto p : tree.children(object)) {
    if (!p || tree.kind(p) != NodeKind::ObjectProperty) return std::nullopt;
    auto key = tree.child(p, 0);
    auto value = tree.child(p, 1);
    if (!key || !value) return std::nullopt;
    std::string name;
    if (tree.kind(key) == NodeKind::Identifier) {
      name = tree.text(key);
    } else if (tree.kind(key) == NodeKind::String && tree.children(key).empty()) {
      name = tree.StringSegments(key)[0];
    } else {
      return std::nullopt;
    }
    for (const auto& [other, unused] : props) {
      if (std::equal(other.begin(), other.end(), name.begin(), name.end(),
                     [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) ==
                                                 std::tolower(static_cast<unsigned char>(b)); })) {
        return std::nullopt;
      }
    }
    props.emplace_back(std::move(name), value);
  }
  return props;
}

auto IsPrimitiveTypeName(std::string_view name) -> std::optional<Kind> {
  if (name == "string") return Kind::String;
  if (name == "int") return Kind::Int;
  if (name == "bool") return Kind::Bool;
  if (name == "object") return Kind::Object;
  if (name == "array") return Kind::Array;
  return std::nullopt;
}

class Checker {
 public:
  Checker(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {
    for (const auto& d : sink.diagnostics()) {
      if (d.level == diagnostics::Level::Error && d.file == &tree_.file()) prior_errors_.push_back(d.range);
    }
    for (const auto& s : model.symbols()) ++name_counts_[s.name];
  }

  void Run() {
    for (auto stmt : tree_.children(tree_.root())) {
      if (!stmt || tree_.kind(stmt) == NodeKind::Error) continue;
      Visit(stmt, 0);
      CheckDeclaredValue(stmt);
    }
  }

 private:
  // Types every expression below `n` (each once), so operator and property problems anywhere
  // are reported.
  void Visit(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::Error: return;
      case NodeKind::Unary:
      case NodeKind::Binary:
      case NodeKind::PropertyAccess:
        TypeOf(n, 0);
        break;
      default: break;
    }
    for (auto k : tree_.children(n)) Visit(k, depth + 1);
  }

  // BCP033: the value of an output, a parameter default, a typed variable or a function body
  // against a declared primitive or literal type.
  void CheckDeclaredValue(NodeId stmt) {
    NodeId type;
    NodeId value;
    switch (tree_.kind(stmt)) {
      case NodeKind::OutputDecl:
        if (!OnlyNeutralDecorators(tree_.child(stmt, 0))) return;
        type = tree_.child(stmt, 2);
        value = tree_.child(stmt, 3);
        break;
      case NodeKind::VarDecl:
        if (!OnlyNeutralDecorators(tree_.child(stmt, 0))) return;
        type = tree_.child(stmt, 2);
        value = tree_.child(stmt, 3);
        break;
      case NodeKind::ParamDecl:
        if (!OnlyNeutralDecorators(tree_.child(stmt, 0))) return;
        type = tree_.child(stmt, 2);
        value = tree_.child(stmt, 3);
        break;
      case NodeKind::FuncDecl: {
        auto lambda = tree_.child(stmt, 2);
        if (!lambda || tree_.kind(lambda) != NodeKind::TypedLambda) return;
        auto kids = tree_.children(lambda);
        if (kids.size() < 2) return;
        type = kids[kids.size() - 2];
        value = kids[kids.size() - 1];
        break;
      }
      default: return;
    }
    if (!type || !value) return;
    auto expected = DeclaredType(type);
    if (!Reportable(expected)) return;
    auto actual = TypeOf(value, 0);
    if (!Reportable(actual) || actual.kind == Kind::Null) return;
    bool ok = false;
    if (expected.literal) {
      if (!actual.literal) return;  // might fold to the literal officially
      ok = actual.kind == expected.kind && actual.display == expected.display;
    } else {
      ok = Assignable(actual, expected.kind);
    }
    if (ok || HasPriorError(value)) return;
    sink_.Emit(DiagnosticKind::ParamsValueTypeMismatch, tree_.file(), tree_.range(value), {expected.display, actual.display});
  }

  // Decorators that leave a parameter's type as declared.
  auto OnlyNeutralDecorators(NodeId decorators) const -> bool {
    if (!decorators) return true;
    for (auto d : tree_.children(decorators)) {
      auto name = DecoratorName(tree_, d);
      if (name != "description" && name != "metadata" && name != "export") return false;
    }
    return true;
  }

  // A declared type this pass models: a primitive keyword (not redefined by the file) or a
  // literal type.
  auto DeclaredType(NodeId type) const -> Type {
    switch (tree_.kind(type)) {
      case NodeKind::TypeVariableAccess: {
        auto name = tree_.text(type);
        auto kind = IsPrimitiveTypeName(name);
        if (!kind || model_.Lookup(name)) return Unknown();
        return Primitive(*kind, std::string{name});
      }
      case NodeKind::IntegerLiteral:
      case NodeKind::BooleanLiteral:
      case NodeKind::String: {
        auto t = LiteralOf(type);
        return t ? *t : Unknown();
      }
      default: return Unknown();
    }
  }

  auto LiteralOf(NodeId n) const -> std::optional<Type> {
    switch (tree_.kind(n)) {
      case NodeKind::IntegerLiteral: {
        auto digits = tree_.text(n);
        std::int64_t value = 0;
        auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
        return IntLiteral(value);
      }
      case NodeKind::BooleanLiteral: return BoolLiteral((tree_.node(n).flags & 1) != 0);
      case NodeKind::String:
        if (!tree_.children(n).empty()) return std::nullopt;
        return StringLiteral(tree_.StringSegments(n)[0]);
      default: return std::nullopt;
    }
  }

  auto HasPriorError(NodeId n) const -> bool {
    auto r = tree_.range(n);
    return std::any_of(prior_errors_.begin(), prior_errors_.end(),
                       [&](const source::SourceRange& e) { return e.begin >= r.begin && e.end <= r.end; });
  }

  auto TypeOf(NodeId n, int depth) -> Type {
    if (!n) return Unknown();
    if (auto it = memo_.find(n.index); it != memo_.end()) return it->second;
    if (depth > kMaxDepth) return Unknown();
    auto t = Compute(n, depth);
    memo_.emplace(n.index, t);
    return t;
  }

  auto Compute(NodeId n, int depth) -> Type {
    switch (tree_.kind(n)) {
      case NodeKind::IntegerLiteral:
      case NodeKind::BooleanLiteral: {
        auto t = LiteralOf(n);
        return t ? *t : ErrorType();  // too large: BCP010 was reported
      }
      case NodeKind::NullLiteral: return Primitive(Kind::Null, "null");
      case NodeKind::String: {
        if (tree_.children(n).empty()) return *LiteralOf(n);
        // Interpolation folds to a literal when the holes are literals; the display is not
        // modelled, only that it is a string (or an error).
        for (auto hole : tree_.children(n)) {
          if (TypeOf(hole, depth + 1).kind == Kind::Error) return ErrorType();
        }
        return Primitive(Kind::String, "");
      }
      case NodeKind::Parenthesized: return TypeOf(tree_.child(n, 0), depth + 1);
      case NodeKind::Object: {
        Type t = Primitive(Kind::Object, "object");
        for (auto p : tree_.children(n)) {
          if (!p) continue;
          NodeId v = tree_.kind(p) == NodeKind::ObjectProperty || tree_.kind(p) == NodeKind::Spread
                         ? tree_.child(p, tree_.kind(p) == NodeKind::ObjectProperty ? 1 : 0)
                         : NodeId{};
          if (v && TypeOf(v, depth + 1).kind == Kind::Error) return ErrorType();
        }
        if (LiteralProperties(tree_, n)) t.object = n;
        return t;
      }
      case NodeKind::Array: {
        auto items = tree_.children(n);
        if (items.empty()) return Primitive(Kind::Array, "<empty array>");
        std::string display = "[";
        bool exact = true;
        for (std::size_t i = 0; i < items.size(); ++i) {
          if (!items[i]) return Unknown();
          if (tree_.kind(items[i]) == NodeKind::Spread) {
            if (TypeOf(tree_.child(items[i], 0), depth + 1).kind == Kind::Error) return ErrorType();
            exact = false;
            continue;
          }
          auto item = TypeOf(items[i], depth + 1);
          if (item.kind == Kind::Error) return ErrorType();
          if (!Reportable(item)) exact = false;
          if (i > 0) display += ", ";
          display += item.display;
        }
        return Primitive(Kind::Array, exact ? display + "]" : "");
      }
      case NodeKind::VariableAccess: return TypeOfReference(n, depth);
      case NodeKind::Unary: return TypeOfUnary(n, depth);
      case NodeKind::Binary: return TypeOfBinary(n, depth);
      case NodeKind::Ternary: {
        auto condition = TypeOf(tree_.child(n, 0), depth + 1);
        auto a = TypeOf(tree_.child(n, 1), depth + 1);
        auto b = TypeOf(tree_.child(n, 2), depth + 1);
        if (condition.kind == Kind::Error || a.kind == Kind::Error || b.kind == Kind::Error) return ErrorType();
        if (Reportable(a) && Reportable(b) && a.kind == b.kind && a.display == b.display && !a.object && !b.object) return a;
        return Unknown();
      }
      case NodeKind::PropertyAccess: return TypeOfPropertyAccess(n, depth);
      default: return Unknown();
    }
  }

  auto TypeOfReference(NodeId n, int depth) -> Type {
    const auto& binding = model_.binding(n);
    if (binding.kind != Binding::Kind::Symbol || !binding.symbol) return Unknown();
    const auto& symbol = model_.symbol(binding.symbol);
    if (name_counts_[symbol.name] != 1 || !symbol.decl) return Unknown();
    auto decl = symbol.decl;
    if (symbol.kind == SymbolKind::Parameter && tree_.kind(decl) == NodeKind::ParamDecl) {
      if (!OnlyNeutralDecorators(tree_.child(decl, 0))) return Unknown();
      auto type = tree_.child(decl, 2);
      if (!type || tree_.kind(type) != NodeKind::TypeVariableAccess) return Unknown();
      auto declared = DeclaredType(type);
      if (declared.literal) return Unknown();
      return declared;
    }
    if (symbol.kind == SymbolKind::Variable && tree_.kind(decl) == NodeKind::VarDecl) {
      if (tree_.child(decl, 2)) return Unknown();  // typed variables: the declared type rules
      auto value = tree_.child(decl, 3);
      if (!value || in_progress_.size() > 50) return Unknown();
      if (std::find(in_progress_.begin(), in_progress_.end(), decl) != in_progress_.end()) return Unknown();
      in_progress_.push_back(decl);
      auto t = TypeOf(value, depth + 1);
      in_progress_.pop_back();
      if (t.kind != Kind::Error && HasPriorError(value)) return ErrorType();
      return t;
    }
    return Unknown();
  }

  auto TypeOfUnary(NodeId n, int depth) -> Type {
    auto operand_node = tree_.child(n, 0);
    auto operand = TypeOf(operand_node, depth + 1);
    if (!Known(operand)) return operand;
    const auto op = static_cast<UnaryOp>(tree_.node(n).flags);
    if (op == UnaryOp::Not && operand.kind == Kind::Bool) {
      return operand.literal ? BoolLiteral(!operand.bool_value) : Primitive(Kind::Bool, "bool");
    }
    if (op == UnaryOp::Minus && operand.kind == Kind::Int) {
      if (!operand.literal) return Primitive(Kind::Int, "");  // a ranged int prints its range
      if (operand.int_value == std::numeric_limits<std::int64_t>::min()) return Primitive(Kind::Int, "");
      return IntLiteral(-operand.int_value);
    }
    if (!Reportable(operand) || HasPriorError(operand_node)) return Unknown();
    sink_.Emit(DiagnosticKind::UnaryOperatorInvalidType, tree_.file(), tree_.range(n),
               {op == UnaryOp::Not ? "!" : "-", operand.display});
    return ErrorType();
  }

  auto TypeOfBinary(NodeId n, int depth) -> Type {
    auto left_node = tree_.child(n, 0);
    auto right_node = tree_.child(n, 1);
    auto left = TypeOf(left_node, depth + 1);
    auto right = TypeOf(right_node, depth + 1);
    if (left.kind == Kind::Error || right.kind == Kind::Error) return ErrorType();
    const auto op = static_cast<BinaryOp>(tree_.node(n).flags);
    if (op == BinaryOp::Coalesce) {
      if (left.kind == Kind::Null) return right;
      return Known(left) ? left : Unknown();
    }
    if (op == BinaryOp::Equals || op == BinaryOp::NotEquals) return Primitive(Kind::Bool, "");
    if (!Known(left) || !Known(right)) return Unknown();
    auto both = [&](Kind k) { return left.kind == k && right.kind == k; };
    switch (op) {
      case BinaryOp::LogicalOr:
      case BinaryOp::LogicalAnd:
        if (both(Kind::Bool)) {
          const bool is_or = op == BinaryOp::LogicalOr;
          // true || x, x || true are true; false && x, x && false are false.
          if ((left.literal && left.bool_value == is_or) || (right.literal && right.bool_value == is_or)) {
            return BoolLiteral(is_or);
          }
          if (left.literal && right.literal) return BoolLiteral(!is_or);
          return Primitive(Kind::Bool, "bool");
        }
        break;
      case BinaryOp::EqualsInsensitive:
      case BinaryOp::NotEqualsInsensitive:
        if (both(Kind::String)) return Primitive(Kind::Bool, left.literal && right.literal ? "" : "bool");
        break;
      case BinaryOp::LessThan:
      case BinaryOp::LessThanOrEqual:
      case BinaryOp::GreaterThan:
      case BinaryOp::GreaterThanOrEqual:
        if (both(Kind::Int) || both(Kind::String)) return Primitive(Kind::Bool, "");
        break;
      case BinaryOp::Add:
      case BinaryOp::Subtract:
        if (both(Kind::Int)) {
          if (left.literal && right.literal) {
            std::int64_t result = 0;
            const bool overflow = op == BinaryOp::Add ? __builtin_add_overflow(left.int_value, right.int_value, &result)
                                                      : __builtin_sub_overflow(left.int_value, right.int_value, &result);
            if (!overflow) return IntLiteral(result);
          }
          return Primitive(Kind::Int, "");
        }
        break;
      case BinaryOp::Multiply:
      case BinaryOp::Divide:
      case BinaryOp::Modulo:
        if (both(Kind::Int)) return Primitive(Kind::Int, "");
        break;
      default: return Unknown();
    }
    if (!Reportable(left) || !Reportable(right) || HasPriorError(left_node) || HasPriorError(right_node)) {
      return Unknown();
    }
    std::vector<std::string> args{std::string{OperatorText(op)}, left.display, right.display, ""};
    if (op == BinaryOp::Add && both(Kind::String)) args[3] = " Use string interpolation instead.";
    sink_.Emit(DiagnosticKind::BinaryOperatorInvalidType, tree_.file(), tree_.range(n), std::move(args));
    return ErrorType();
  }

  auto TypeOfPropertyAccess(NodeId n, int depth) -> Type {
    auto base_node = tree_.child(n, 0);
    auto name_node = tree_.child(n, 1);
    if (!base_node || !name_node || tree_.kind(name_node) != NodeKind::Identifier) return Unknown();
    if (tree_.node(n).flags & 1) return Unknown();  // safe access: null-propagation not modelled
    for (auto b = base_node; b && (tree_.kind(b) == NodeKind::PropertyAccess || tree_.kind(b) == NodeKind::ArrayAccess);
         b = tree_.child(b, 0)) {
      if (tree_.node(b).flags & 1) return Unknown();
    }
    auto base = TypeOf(base_node, depth + 1);
    if (!Known(base)) return base;
    const auto name = tree_.text(name_node);
    if (base.kind == Kind::Object) {
      if (!base.object) return Unknown();
      auto props = LiteralProperties(tree_, base.object);
      if (!props) return Unknown();
      for (const auto& [key, value] : *props) {
        if (EqualsIgnoreCase(key, name)) return TypeOf(value, depth + 1);
      }
      if (HasPriorError(base_node)) return Unknown();
      std::vector<std::string> names;
      for (const auto& [key, value] : *props) names.push_back(key);
      std::sort(names.begin(), names.end(), CultureLess);
      const auto range = tree_.range(name_node);
      if (names.empty()) {
        sink_.Emit(DiagnosticKind::UnknownPropertyOnType, tree_.file(), range, {base.display, std::string{name}});
      } else if (auto suggestion = SpellingSuggestion(name, names)) {
        sink_.Emit(DiagnosticKind::UnknownPropertyWithSuggestion, tree_.file(), range,
                   {base.display, std::string{name}, *suggestion});
      } else {
        sink_.Emit(DiagnosticKind::UnknownPropertyWithAvailableProperties, tree_.file(), range,
                   {base.display, std::string{name}, QuotedList(names)});
      }
      return ErrorType();
    }
    if (!Reportable(base) || HasPriorError(base_node)) return Unknown();
    sink_.Emit(DiagnosticKind::ObjectRequiredForPropertyAccess, tree_.file(), tree_.range(name_node), {base.display});
    return ErrorType();
  }

  const SemanticModel& model_;
  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::vector<source::SourceRange> prior_errors_;
  std::unordered_map<std::string, int> name_counts_;
  std::unordered_map<std::uint32_t, Type> memo_;
  std::vector<NodeId> in_progress_;
};

}  // namespace

void CheckExpressionTypes(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  Checker checker{model, sink};
  checker.Run();
}

}  // namespace bicepc::semantics::type_check
