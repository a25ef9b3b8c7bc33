// Object literals and object types that declare a property twice (BCP025 on every occurrence's
// key), as the official type assignment reports them. Keys compare ordinally (case-sensitive), and
// interpolated keys are not compared.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics::type_check {

void CheckDuplicateProperties(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::semantics::type_check
