// Module-body checks against the referenced template's signature, with the official codes and
// wording: the module's own properties (BCP037/BCP089 unknown, BCP073 `outputs` is read-only,
// BCP035 `params` missing when a parameter is required, `scope` missing when the module deploys
// to another scope), the `params` object (BCP037/BCP089 unknown parameter, BCP035 required ones
// missing, BCP036/BCP088 literal values of the wrong type or not allowed), the scope a module is
// deployed to (BCP134, BCP036), and property access on a module (BCP053 on `mod.x` and on
// `mod.outputs.x`). Values whose type does not follow from the syntax are not checked.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics::type_check {

struct ModuleParameter {
  std::string name;
  std::string type;                  // "string", "int", "bool", "object", "array"; empty: not checked
  std::vector<std::string> allowed;  // string values the parameter accepts (empty: any of its type)
  bool required = false;
  bool nullable = false;             // has a default value or a nullable type: null is accepted too
};

// What a module's template declares, as the driver read it (a .bicep or an ARM .json file).
struct ModuleSignature {
  std::vector<ModuleParameter> params;
  std::vector<std::string> outputs;
  std::optional<TargetScope> target_scope;  // the scope it deploys to
};

// The signature of a module declaration's template; nullptr when it is not known (a registry
// module, a file that cannot be read or has errors).
using ModuleSignatureOf = std::function<const ModuleSignature*(syntax::NodeId module_decl)>;

void CheckModuleBodies(const SemanticModel& model, const ModuleSignatureOf& signature_of,
                       diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics::type_check
