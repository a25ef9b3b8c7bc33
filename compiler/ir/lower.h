// The IR phase's entry point: SemanticModel -> lowered ARM template.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>
#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/template.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::ir {

// A symbol of an ARM JSON template named by an import, pre-parsed by the driver (ARM expression
// strings already turned into Expr trees).
struct ArmSymbol {
  enum class Kind : std::uint8_t { Type, Variable };
  Kind kind = Kind::Variable;
  std::string name;
  bool exported = false;
  Expr value;                      // a variable's value, or a type's schema object
  std::optional<Expr> copy_count;  // copy variables (variables.copy[]): count and input
  std::optional<Expr> copy_input;
};

struct ArmImport {
  std::vector<ArmSymbol> symbols;
};

// A file named by `import ... from '<path>'`, loaded and bound by the driver.
struct ImportedFile {
  const semantics::SemanticModel* model = nullptr;  // a Bicep file; null when not loaded (or ARM JSON)
  std::string identifier;  // its path relative to the entry template's folder ('/' separated)
  const ArmImport* arm = nullptr;  // an ARM JSON template
};

// Loads the file an ImportDecl of `from` names (the driver owns the loaded models).
using ImportResolver = std::function<ImportedFile(const semantics::SemanticModel& from, syntax::NodeId import_decl)>;

// The compile-time value of a load*() call (read by the driver: lowering does no IO).
struct LoadedValue {
  nlohmann::ordered_json value;
  // loadJsonContent/loadYamlContent/loadDirectoryFileInfo always get a `$fxv#N` variable;
  // loadTextContent/loadFileAsBase64 only when not the whole value of a variable.
  bool always_variable = false;
};

struct LowerOptions {
  // bicepconfig.json experimentalFeaturesEnabled.symbolicNameCodegen: always emit languageVersion 2.0.
  bool symbolic_name_codegen = false;
  // Compile-time imports; without a resolver, `import` declarations are reported as not supported.
  ImportResolver resolve_import;
  // The names of the @secure() outputs of a local module (its path as written); modules with secure
  // outputs switch the template to languageVersion 2.0 and are read with listOutputsWithSecureValues().
  std::function<std::vector<std::string>(const std::string& module_path)> secure_outputs_of;
  // load*() results by call node index; a call missing here is reported as not supported.
  const std::unordered_map<std::uint32_t, LoadedValue>* loaded_values = nullptr;
};

// Lowers a bound model: a classic template, or a languageVersion 2.0 (symbolic-name) one when the
// source uses a feature that needs it or the options ask for it. Features bicepc does not support
// yet become BCX004 diagnostics.
auto Lower(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink, const LowerOptions& options = {})
    -> Template;

}  // namespace bicepc::ir
