// The ARM template expression language: text <-> ir::Expr.
//
// ARM template JSON stores expressions inside strings: "[concat('a', parameters('x'))]".
// A string is an expression when it starts with '[' and ends with ']'; "[[...]" is the
// escaped literal "[...]". Inside, the language has function calls (names may carry one
// namespace, `ns.fn(...)`), single-quoted strings ('' escapes a quote), 64-bit integer
// literals (with an optional '-'), and `.name` / `[expr]` access chains after any
// operand. `true()`, `false()` and `null()` parse to Bool/Null literals.
//
// Every parse is depth-bounded and reports errors as data (message + byte offset).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "compiler/eval/expected.h"
#include "compiler/ir/template.h"

namespace bicepc::eval {

struct ParseError {
  std::string message;
  std::uint32_t offset = 0;  // byte offset into the text that was parsed
};

using ParseResult = Expected<ir::Expr, ParseError>;

// Nesting limit (calls, brackets, JSON containers) for every parse.
inline constexpr int kMaxParseDepth = 200;

// Parses expression-language text without the surrounding brackets, e.g.
// "concat('a', parameters('x'))". Ranges in the result are byte offsets into `text`
// plus `base_offset`.
auto ParseArmExpression(std::string_view text, std::uint32_t base_offset = 0) -> ParseResult;

// True when a JSON string value holds an expression: "[...]" but not "[[...]".
auto IsArmExpressionString(std::string_view value) -> bool;

// Parses one JSON string value: "[expr]" -> the expression (ranges count the leading '['),
// "[[...]" -> the literal without its first '[', anything else -> a String literal.
auto ParseArmString(std::string_view value) -> ParseResult;

// Turns a whole JSON value into one Expr tree: objects -> Object (keys parsed like string
// values), arrays -> Array, strings -> ParseArmString, integers -> Int, other numbers ->
// json('<n>'), booleans -> Bool, null -> Null. Ranges are offsets inside each string.
auto ParseArmValue(const nlohmann::ordered_json& value) -> ParseResult;

// Prints an Expr back as expression-language text (no brackets): literals as `'s'`, `5`,
// `true()`, `null()`; Array/Object nodes as createArray()/createObject(). Used for
// round trips and messages. Recursion is bounded; deeper trees print "...".
auto FormatArmExpression(const ir::Expr& expr) -> std::string;

}  // namespace bicepc::eval
