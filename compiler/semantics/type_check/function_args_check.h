// Argument types of built-in function calls (BCP070), from the syntax alone: a literal, an
// interpolated string, an object or an array passed where the catalogue's only signature wants a
// different primitive type ("Argument of type "123" is not assignable to parameter of type
// "string"."). Overloaded functions, unions, `any` and lambda parameters are not checked yet, and
// names the file declares itself (functions, imports, variables) are never taken for built-ins.
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
