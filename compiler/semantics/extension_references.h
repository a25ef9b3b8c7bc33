// An extension's symbol may only be read inside a module's `extensionConfigs` (BCP418): its
// config values are objects of { value, keyVaultReference } that nothing else can use.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckExtensionReferences(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
