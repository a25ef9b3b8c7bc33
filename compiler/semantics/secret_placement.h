// Where a Key Vault secret reference may appear (BCP180): `vault.getSecret('name')` becomes an ARM
// Key Vault reference, which ARM resolves only for a module parameter declared @secure(). Anywhere
// else (outputs, variables, resource properties, interpolations, a plain module parameter) the
// official compiler reports "Function "getSecret" is not valid at this location"; a ternary
// between two references counts as a direct assignment.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

// The @secure() parameters of the module a declaration uses; nullopt when the module cannot be
// read here (a registry reference, a missing file): its parameters are then not checked.
using SecureParamsOf = std::function<std::optional<std::set<std::string>>(syntax::NodeId module_decl)>;

void CheckSecretPlacement(const SemanticModel& model, const SecureParamsOf& secure_params,
                          diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
