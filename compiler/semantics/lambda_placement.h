// Where lambdas and their variables may stand, as the official emit limitations decide it: a lambda
// only as a function argument, possibly in parentheses (BCP242); a lambda variable neither in an
// argument of reference() or a list*() function (BCP248) nor in the index of a resource or module
// collection (BCP247), since ARM must resolve those before it evaluates the lambda.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::semantics {

void CheckLambdaPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics
