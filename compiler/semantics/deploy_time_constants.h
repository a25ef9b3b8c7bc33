// Deploy-time constant checks: places that need a value calculable at the start of the
// deployment (resource and module names, scope, parent and the other top-level properties
// Azure requires up front, if-conditions, for-expressions, the for-body of variables, and
// the arguments of reference()/list*()) must not read runtime values: whole resources or
// modules, their non-constant properties (properties, outputs, ...), or reference()/list*()
// results, directly or through variables. Official codes BCP120, BCP177, BCP178, BCP181 and
// BCP182 with the official wording (variable chain, offending property, readable properties).
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckDeployTimeConstants(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
