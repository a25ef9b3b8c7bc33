// The IR phase's entry point: SemanticModel -> lowered ARM template.
#pragma once

#include <functional>
#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/template.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::ir {

// A file named by `import ... from '<path>'`, loaded and bound by the driver.
struct ImportedFile {
  const semantics::SemanticModel* model = nullptr;  // null when the file could not be loaded
  std::string identifier;  // its path relative to the entry template's folder ('/' separated)
};

// Loads the file an ImportDecl of `from` names (the driver owns the loaded models).
using ImportResolver = std::function<ImportedFile(const semantics::SemanticModel& from, syntax::NodeId import_decl)>;

struct LowerOptions {
  // bicepconfig.json experimentalFeaturesEnabled.symbolicNameCodegen: always emit languageVersion 2.0.
  bool symbolic_name_codegen = false;
  // Compile-time imports; without a resolver, `import` declarations are reported as not supported.
  ImportResolver resolve_import;
};

// Lowers a bound model: a classic template, or a languageVersion 2.0 (symbolic-name) one when the
// source uses a feature that needs it or the options ask for it. Features bicepc does not support
// yet become BCX004 diagnostics.
auto Lower(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink, const LowerOptions& options = {})
    -> Template;

}  // namespace bicepc::ir
