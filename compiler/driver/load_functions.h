// The load*() functions (loadTextContent, loadFileAsBase64, loadJsonContent,
// loadDirectoryFileInfo): the driver reads the files at compile time, relative to the file that
// calls them, and hands the values to the lowering (ir::LowerOptions::loaded_values).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/ir/lower.h"
#include "compiler/semantics/semantic_model.h"

namespace bicepc::driver {

// Evaluates every load*() call of the model whose arguments are compile-time constants; problems
// (non-constant arguments, missing files, size limits, bad JSON paths) become the official
// diagnostics. loadYamlContent reads YAML with libyaml (compiler/driver/yaml.h).
auto EvaluateLoadFunctions(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink)
    -> std::unordered_map<std::uint32_t, ir::LoadedValue>;

// Text decoding as .NET's StreamReader does it with BOM detection: a byte order mark selects UTF-8,
// UTF-16 LE or BE; otherwise `encoding` ("utf-8", "utf-16", "utf-16BE", "us-ascii", "iso-8859-1").
// Returns UTF-8 text.
auto DecodeText(std::string_view bytes, std::string_view encoding) -> std::string;

// Newtonsoft's SelectTokens over a JSONPath subset: `$`, `.name`, `['name']`, `[n]`, `[*]`, `.*` and
// filters `[?(@.a.b OP literal)]` (OP: == != < <= > >=). The selected tokens (possibly none); nullopt
// when the path uses syntax outside the subset.
auto SelectJsonPath(const nlohmann::ordered_json& root, std::string_view path)
    -> std::optional<std::vector<nlohmann::ordered_json>>;

}  // namespace bicepc::driver
