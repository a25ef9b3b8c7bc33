// Values of the `any` type where ARM needs a resource: an `any(...)` call as an item of a resource's
// or module's `dependsOn`, or as its `parent` or `scope` (BCP176, as the official type checker);
// a `parent` that is not a direct reference to a resource (BCP240).
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckAnyPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
