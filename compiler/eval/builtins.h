// Internal to compiler/eval: the table of eager built-in functions (arguments already
// evaluated) and the value helpers they share. Lazy functions (if, and, or, lambdas,
// context lookups) live in evaluate.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "compiler/eval/evaluate.h"
#include "compiler/eval/expected.h"

namespace bicepc::eval::detail {

struct FnError {
  std::string message;
  int arg = -1;  // index of the offending argument, or -1 for the call itself
};
using FnResult = Expected<Json, FnError>;
using Args = std::span<const Json>;
using BuiltinFn = FnResult (*)(std::string_view name, Args args);

struct Builtin {
  std::string_view name;
  int min_args;
  int max_args;  // -1: unbounded
  BuiltinFn fn;
};

// Case-insensitive lookup over all eager built-ins; nullptr when unknown.
auto FindBuiltin(std::string_view name) -> const Builtin*;
auto StringBuiltins() -> std::span<const Builtin>;
auto CollectionBuiltins() -> std::span<const Builtin>;
auto LogicBuiltins() -> std::span<const Builtin>;
auto DateBuiltins() -> std::span<const Builtin>;

inline auto Fail(std::string message, int arg = -1) -> Unexpected<FnError> {
  return MakeUnexpected(FnError{std::move(message), arg});
}

// ---- value helpers (values.cpp) ----
auto IsInt(const Json& v) -> bool;      // a JSON integer within int64
auto AsInt(const Json& v) -> std::int64_t;
auto IsNumber(const Json& v) -> bool;   // integer or float
auto AsDouble(const Json& v) -> double;
auto IsText(const Json& v) -> bool;     // string or null ("text-based" in ARM)
auto TextOf(const Json& v) -> std::string;  // null -> ""
auto TypeName(const Json& v) -> std::string_view;  // "String", "Integer", "Float", "Boolean", "Array", "Object", "Null"
// Text of a scalar as concat()/format() print it: booleans "True"/"False", null "".
auto DisplayString(const Json& v) -> std::string;
// Compact JSON as Newtonsoft writes it (no whitespace, non-ASCII kept).
auto CompactJson(const Json& v) -> std::string;
// JToken.DeepEquals: arrays ordered, objects unordered with exact keys, 1 == 1.0.
auto DeepEquals(const Json& a, const Json& b) -> bool;
// Object property lookup, case-insensitive (ASCII), first match.
auto FindProperty(const Json& object, std::string_view key) -> const Json*;
auto FindPropertyKey(const Json& object, std::string_view key) -> const std::string*;
auto EqualsIgnoreCase(std::string_view a, std::string_view b) -> bool;
auto CompareIgnoreCase(std::string_view a, std::string_view b) -> int;
auto ToLowerInvariant(std::string_view s) -> std::string;
auto ToUpperInvariant(std::string_view s) -> std::string;
// .NET strings are UTF-16: lengths and indices count UTF-16 code units.
auto ToUtf16(std::string_view s) -> std::u16string;
auto FromUtf16(std::u16string_view s) -> std::string;
// Lenient JSON as Newtonsoft reads it: single-quoted strings and comments allowed.
auto ParseJsonText(std::string_view text) -> std::optional<Json>;
// A JSON float, or an integer if it is integral and fits (for results of float()).
auto MakeInt(std::int64_t v) -> Json;

}  // namespace bicepc::eval::detail
