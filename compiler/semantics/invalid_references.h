// References to declarations whose type is an error (BCP062). A variable without a declared
// type has the type of its value; an error reported inside that value (an undefined name, an
// operator or property that does not fit the operand types, a function argument of the wrong
// type, a syntax error...) makes the type an error, and every reference to the variable is then
// reported as "The referenced declaration with name ... is not valid", as the official compiler
// does. Invalidity propagates: a variable referencing an invalid one is invalid too. Errors that
// do not come from typing the value (deploy-time constant checks) do not count.
#pragma once

#include <cstddef>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

// `first_diagnostic`: the index in `sink` of the first diagnostic of this file's compilation.
void CheckInvalidReferences(const SemanticModel& model, std::size_t first_diagnostic,
                            diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
