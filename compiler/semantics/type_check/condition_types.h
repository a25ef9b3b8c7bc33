// Conditions must be booleans: a ternary's condition and the `if (...)` of a resource, module or
// filtered loop whose type follows from the syntax (a literal, an array or object, a built-in
// function's declared return type) and is not bool is BCP046, as officially. A ternary whose parts
// already have errors is not checked (its type is an error officially), so nested ternaries report
// only the innermost problem. A loop over a literal that is no array (directly or through an
// untyped variable) is BCP137.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics::type_check {

void CheckConditionTypes(const SemanticModel& model, std::size_t first_diagnostic, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics::type_check
