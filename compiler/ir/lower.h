// The IR phase's entry point: SemanticModel -> lowered ARM template.
#pragma once

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/template.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::ir {

struct LowerOptions {
  // bicepconfig.json experimentalFeaturesEnabled.symbolicNameCodegen: always emit languageVersion 2.0.
  bool symbolic_name_codegen = false;
};

// Lowers a bound model: a classic template, or a languageVersion 2.0 (symbolic-name) one when the
// source uses a feature that needs it or the options ask for it. Features bicepc does not support
// yet become BCX004 diagnostics.
auto Lower(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink, const LowerOptions& options = {})
    -> Template;

}  // namespace bicepc::ir
