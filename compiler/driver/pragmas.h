// Applies `#disable-next-line`, `#disable-diagnostics` and `#restore-diagnostics` pragmas
// of one file to the diagnostics reported for it.
#pragma once

#include <cstddef>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::driver {

// Drops diagnostics at index >= `first` in `sink` that point into tree.file() and are
// suppressed by one of its pragmas; reports BCP226 for a `#disable-next-line` without codes.
void ApplyPragmas(const syntax::SyntaxTree& tree, std::size_t first, diagnostics::DiagnosticSink& sink);

}  // namespace bicepc::driver
