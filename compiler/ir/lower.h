// The IR phase's entry point: SemanticModel -> lowered ARM template (classic form).
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/template.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::ir {

// Lowers a bound model. Constructs the classic template cannot express (languageVersion 2.0
// features, and features bicepc does not support yet) become BCX004 diagnostics.
auto Lower(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink) -> Template;

}  // namespace bicepc::ir
