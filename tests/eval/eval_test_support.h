// Helpers for the eval tests: parse an ARM string value ("[expr]") and evaluate it.
#pragma once

#include <string>
#include <string_view>

#include "compiler/eval/arm_expression.h"
#include "compiler/eval/evaluate.h"

namespace bicepc::eval::testing {

// Evaluates "[expr]" (or a literal) and returns the value; on failure returns a JSON
// object {"error": message} so CHECKs can show it.
inline auto Run(std::string_view value, const EvalContext& context) -> Json {
  auto parsed = ParseArmString(value);
  if (!parsed) return Json{{"parse_error", parsed.error().message}};
  auto result = Evaluate(*parsed, context);
  if (!result) return Json{{"error", result.error().message}};
  return *result;
}

inline auto Run(std::string_view value) -> Json { return Run(value, EvalContext::WithDefaults()); }

// The error message of a failing evaluation, or "" when it succeeds.
inline auto ErrorOf(std::string_view value, const EvalContext& context) -> std::string {
  auto parsed = ParseArmString(value);
  if (!parsed) return "parse: " + parsed.error().message;
  auto result = Evaluate(*parsed, context);
  return result ? std::string{} : result.error().message;
}

inline auto ErrorOf(std::string_view value) -> std::string { return ErrorOf(value, EvalContext::WithDefaults()); }

inline auto J(std::string_view text) -> Json { return Json::parse(text); }

}  // namespace bicepc::eval::testing
