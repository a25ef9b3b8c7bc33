// Where for-expressions may stand, as the official ForSyntaxValidatorVisitor decides it: as the
// value of a resource, module, variable or output declaration, or as a property value of a
// resource or module body reached through object and array literals only (BCP138 elsewhere), one
// such property loop deep (BCP142), never under a computed property name (BCP143); no nested
// resource in a looped resource (BCP160, and BCP157 on its type); a resource or module collection
// referenced without an indexer only in a top-level dependsOn, in `properties`/`params`, or in a
// variable or output value outside loops (BCP144; the official check through inlined variables is
// not made).
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckLoopPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
