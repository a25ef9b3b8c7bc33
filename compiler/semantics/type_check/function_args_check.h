// Argument types of built-in function calls, from the syntax alone, resolved against every
// overload of the official catalogue as the official compiler does: a literal, an interpolated
// string, an object, an array, a lambda, folded integer arithmetic or another built-in's declared
// return type passed where no overload accepts it ("Argument of type "123" is not assignable to
// parameter of type "string"." BCP070, or BCP048 when every overload fails at the same argument).
// References, property accesses and lambda bodies are not typed yet (taken as `any`), and names the
// file declares itself (functions, imports, variables) are never taken for built-ins.
#pragma once

#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics::type_check {

// Checks every call in the tree; returns the arguments it reported (BCP070), so that a caller
// evaluating values (parameters files) can leave those values alone, as the official compiler does.
auto CheckFunctionArguments(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink)
    -> std::vector<syntax::NodeId>;

}  // namespace bicepc::semantics::type_check
