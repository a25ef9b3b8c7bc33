// Type declarations that contain themselves as a required part (BCP298 for one declaration, BCP299
// with the cycle's path), found in the two graphs the official compiler builds: references at the
// top of a declared type (not inside array items, object properties or tuple items, but again
// inside property accesses), and references inside arrays, objects, tuples and discriminated
// unions whose contained type is not nullable (`*:` never counts). Each graph's cycles are the
// official CycleDetector's: the shortest cycle through each declaration, from that declaration.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckTypeCycles(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
