// Compile-time evaluation of ARM expressions (ir::Expr) to JSON values, with ARM's
// function semantics. Used for .bicepparam values and by the policy checker.
//
// Values are nlohmann::ordered_json; integers are 64-bit. Functions whose value is only
// known at deployment time (reference, list*, newGuid, utcNow, ...) fail with a
// "not available at compile time" error. Every failure is data: a message plus the
// source range of the offending node; nothing throws and recursion is depth-bounded.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/eval/expected.h"
#include "compiler/ir/template.h"
#include "compiler/source/source_file.h"

namespace bicepc::eval {

using Json = nlohmann::ordered_json;

// ARM names (parameters, variables, functions) compare case-insensitively (ASCII).
struct CaseInsensitiveLess {
  using is_transparent = void;
  auto operator()(std::string_view a, std::string_view b) const -> bool;
};

template <typename T>
using NameMap = std::map<std::string, T, CaseInsensitiveLess>;

// A user-defined function (`functions` section; Bicep emits them in namespace `__bicep`):
// the body reads its arguments through parameters('<name>').
struct UserFunction {
  std::vector<std::string> parameter_names;
  ir::Expr output;
};

struct EvalContext {
  NameMap<Json> parameters;  // parameters('x')
  NameMap<Json> variables;   // variables('x')
  NameMap<UserFunction> functions;  // key "namespace.name", e.g. "__bicep.double"
  // Deployment context objects, as returned by the functions of the same name.
  Json subscription;     // subscription(): id, subscriptionId, tenantId, displayName
  Json resource_group;   // resourceGroup(): id, name, type, location, properties; null at other scopes
  Json deployment;       // deployment(): name, properties, location?
  Json tenant;           // tenant(): tenantId, countryCode, displayName
  Json environment;      // environment(): name, suffixes, authentication, ...
  Json management_group;  // managementGroup(): id, name, properties; null unless set
  // copyIndex() / copyIndex('loop'): set by the caller when evaluating inside a copy loop.
  std::optional<std::int64_t> copy_index;
  NameMap<std::int64_t> named_copy_indices;

  // A context with placeholder values: subscription 00000000-0000-0000-0000-000000000000,
  // resource group "resourceGroup" in "westus", deployment "deployment", AzureCloud.
  static auto WithDefaults() -> EvalContext;
};

struct EvalError {
  std::string message;
  source::SourceRange range;  // range of the offending Expr node
};

using EvalResult = Expected<Json, EvalError>;

// Evaluation nesting limit (expression depth plus lambda/user-function calls).
inline constexpr int kMaxEvalDepth = 256;

auto Evaluate(const ir::Expr& expr, const EvalContext& context) -> EvalResult;

}  // namespace bicepc::eval
