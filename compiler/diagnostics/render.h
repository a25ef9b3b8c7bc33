// Renderers: diagnostics to text (the official CLI's format), SARIF 2.1.0 and JSON.
#pragma once

#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"

namespace bicepc::diagnostics {

// One line per diagnostic, official format:
// path(line,col) : Error BCP018: Expected the "}" character at this location. [https://aka.ms/...]
auto RenderText(const std::vector<Diagnostic>& sorted) -> std::string;
auto RenderTextLine(const Diagnostic& diagnostic) -> std::string;

}  // namespace bicepc::diagnostics
