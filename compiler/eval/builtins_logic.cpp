// Logical, comparison and numeric built-ins (Microsoft Learn: template-functions-logical,
// template-functions-comparison, template-functions-numeric), and the lookup table.
#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "compiler/eval/builtins.h"

namespace bicepc::eval::detail {
namespace {

auto TypeError(std::string_view name, std::size_t i, std::string_view expected, const Json& v) -> Unexpected<FnError> {
  return Fail(fmt::format("The function '{}' expects {} for argument {}, but received a value of type '{}'.", name, expected,
                          i + 1, TypeName(v)),
              static_cast<int>(i));
}

auto AndOr(std::string_view name, Args args, bool is_and) -> FnResult {
  bool result = is_and;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args[i].is_boolean()) return TypeError(name, i, "a boolean", args[i]);
    if (is_and) result = result && args[i].get<bool>();
    if (!is_and) result = result || args[i].get<bool>();
  }
  return Json(result);
}
auto And(std::string_view name, Args args) -> FnResult { return AndOr(name, args, true); }
auto Or(std::string_view name, Args args) -> FnResult { return AndOr(name, args, false); }

auto Not(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_boolean()) return TypeError(name, 0, "a boolean", args[0]);
  return Json(!args[0].get<bool>());
}

auto BoolFn(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (v.is_boolean()) return v;
  if (IsInt(v)) return Json(AsInt(v) != 0);
  if (v.is_number_float()) return Json(AsDouble(v) != 0.0);
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (EqualsIgnoreCase(s, "true")) return Json(true);
    if (EqualsIgnoreCase(s, "false")) return Json(false);
    return Fail(fmt::format("The function '{}' cannot convert the string '{}' to a boolean.", name, s), 0);
  }
  return TypeError(name, 0, "a boolean, an integer or a string", v);
}

auto True(std::string_view, Args) -> FnResult { return Json(true); }
auto False(std::string_view, Args) -> FnResult { return Json(false); }
auto Null(std::string_view, Args) -> FnResult { return Json(nullptr); }

auto Equals(std::string_view, Args args) -> FnResult { return Json(DeepEquals(args[0], args[1])); }

// -1, 0, 1; strings compare culture-aware (case-insensitive first), numbers numerically.
auto Compare(std::string_view name, Args args) -> Expected<int, FnError> {
  const auto& a = args[0];
  const auto& b = args[1];
  if (IsText(a) || IsText(b)) {
    if (!IsText(a)) return TypeError(name, 0, "a string (both arguments must be strings or both numbers)", a);
    if (!IsText(b)) return TypeError(name, 1, "a string (both arguments must be strings or both numbers)", b);
    return CompareIgnoreCase(TextOf(a), TextOf(b));
  }
  if (!a.is_number()) return TypeError(name, 0, "an integer or a string", a);
  if (!b.is_number()) return TypeError(name, 1, "an integer or a string", b);
  if (IsInt(a) && IsInt(b)) {
    auto x = AsInt(a);
    auto y = AsInt(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  auto x = AsDouble(a);
  auto y = AsDouble(b);
  return x < y ? -1 : (x > y ? 1 : 0);
}

auto Less(std::string_view name, Args args) -> FnResult {
  auto c = Compare(name, args);
  if (!c) return MakeUnexpected(c.error());
  return Json(*c < 0);
}
auto LessOrEquals(std::string_view name, Args args) -> FnResult {
  auto c = Compare(name, args);
  if (!c) return MakeUnexpected(c.error());
  return Json(*c <= 0);
}
auto Greater(std::string_view name, Args args) -> FnResult {
  auto c = Compare(name, args);
  if (!c) return MakeUnexpected(c.error());
  return Json(*c > 0);
}
auto GreaterOrEquals(std::string_view name, Args args) -> FnResult {
  auto c = Compare(name, args);
  if (!c) return MakeUnexpected(c.error());
  return Json(*c >= 0);
}

enum class Op { Add, Sub, Mul, Div, Mod };

auto Arith(std::string_view name, Args args, Op op) -> FnResult {
  for (std::size_t i = 0; i < 2; ++i) {
    if (!IsInt(args[i])) return TypeError(name, i, "an integer", args[i]);
  }
  auto a = AsInt(args[0]);
  auto b = AsInt(args[1]);
  std::int64_t r = 0;
  bool overflow = false;
  switch (op) {
    case Op::Add:
      overflow = __builtin_add_overflow(a, b, &r);
      break;
    case Op::Sub:
      overflow = __builtin_sub_overflow(a, b, &r);
      break;
    case Op::Mul:
      overflow = __builtin_mul_overflow(a, b, &r);
      break;
    case Op::Div:
    case Op::Mod:
      if (b == 0) return Fail(fmt::format("The function '{}' cannot divide by zero.", name), 1);
      if (a == std::numeric_limits<std::int64_t>::min() && b == -1) {
        overflow = true;
        break;
      }
      r = op == Op::Div ? a / b : a % b;
      break;
  }
  if (overflow) return Fail(fmt::format("The function '{}' overflowed the range of a 64-bit integer.", name));
  return Json(r);
}
auto Add(std::string_view name, Args args) -> FnResult { return Arith(name, args, Op::Add); }
auto Sub(std::string_view name, Args args) -> FnResult { return Arith(name, args, Op::Sub); }
auto Mul(std::string_view name, Args args) -> FnResult { return Arith(name, args, Op::Mul); }
auto Div(std::string_view name, Args args) -> FnResult { return Arith(name, args, Op::Div); }
auto Mod(std::string_view name, Args args) -> FnResult { return Arith(name, args, Op::Mod); }

auto IntFn(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (IsInt(v)) return Json(AsInt(v));
  if (v.is_number_float()) {
    // Truncates toward zero when it fits.
    double d = AsDouble(v);
    if (!std::isfinite(d) || d < -9.2233720368547758e18 || d >= 9.2233720368547758e18) {
      return Fail(fmt::format("The function '{}' cannot convert the value to a 64-bit integer.", name), 0);
    }
    return Json(static_cast<std::int64_t>(d));
  }
  if (!v.is_string()) return TypeError(name, 0, "an integer or a string", v);
  // long.TryParse: optional surrounding white space and one leading sign.
  std::string_view s = v.get_ref<const std::string&>();
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (s.empty() || ec != std::errc{} || ptr != s.data() + s.size()) {
    return Fail(fmt::format("The function '{}' cannot convert the string '{}' to an integer.", name,
                            v.get_ref<const std::string&>()),
                0);
  }
  return Json(out);
}

auto FloatFn(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (v.is_number()) return Json(AsDouble(v));
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    double d = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
    if (!s.empty() && ec == std::errc{} && ptr == s.data() + s.size()) return Json(d);
    return Fail(fmt::format("The function '{}' cannot convert the string '{}' to a floating point number.", name, s), 0);
  }
  return TypeError(name, 0, "a number or a string", v);
}

constexpr Builtin kLogicBuiltins[] = {
    {"add", 2, 2, Add},
    {"and", 2, -1, And},
    {"bool", 1, 1, BoolFn},
    {"div", 2, 2, Div},
    {"equals", 2, 2, Equals},
    {"false", 0, 0, False},
    {"float", 1, 1, FloatFn},
    {"greater", 2, 2, Greater},
    {"greaterOrEquals", 2, 2, GreaterOrEquals},
    {"int", 1, 1, IntFn},
    {"less", 2, 2, Less},
    {"lessOrEquals", 2, 2, LessOrEquals},
    {"mod", 2, 2, Mod},
    {"mul", 2, 2, Mul},
    {"not", 1, 1, Not},
    {"null", 0, 0, Null},
    {"or", 2, -1, Or},
    {"sub", 2, 2, Sub},
    {"true", 0, 0, True},
};

}  // namespace

auto LogicBuiltins() -> std::span<const Builtin> { return kLogicBuiltins; }

auto FindBuiltin(std::string_view name) -> const Builtin* {
  for (auto table : {StringBuiltins(), CollectionBuiltins(), LogicBuiltins(), DateBuiltins()}) {
    for (const auto& b : table) {
      if (EqualsIgnoreCase(b.name, name)) return &b;
    }
  }
  return nullptr;
}

}  // namespace bicepc::eval::detail
