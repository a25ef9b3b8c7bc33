// Expression types from the syntax and the binder: literal types ('foo', 3, true, null), object
// and array literals, parameters and typed variables with a primitive declared type, variables
// through their values, and what the operators fold to. Reports, with the official codes and
// wording: BCP044 / BCP045 (operator operand types), BCP033 (value of an output, a parameter
// default, a typed variable or a function body not assignable to its declared primitive or
// literal type), BCP052 / BCP053 / BCP083 (property not on an object literal's type) and
// BCP055 (property access on a non-object).
//
// Conservative: a value whose type is not known exactly (function calls, resources, modules,
// loops, lambda locals, unions, decorated parameters...) is `any` and nothing is reported about
// it; an operand containing an error reported before this pass is an error type (as officially,
// errors propagate and are not reported twice).
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/semantic_model.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics::type_check {

void CheckExpressionTypes(const SemanticModel& model, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics::type_check
