// Resources and modules one deployment would create twice (BCP121, BCP122), as the official
// compiler detects them before emitting: two resources of the same type and API version, at the
// same scope, with the same name (their ancestors' names included), or two modules with the same
// deployment name at the same scope. Names count as equal only when they are the same literal
// string (a string literal, an interpolation of literals, a variable holding one) or the very same
// expression (the shared parent of two children); declarations with a condition other than
// `true` are left out, since ARM enforces unique IDs only among resources that are deployed.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckDuplicateNames(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
