// The .bicepparam pipeline behind `bicepc build-params`: parse the parameters file, compile the
// template named by its `using` declaration, evaluate every `param` value at compile time and
// write the official deploymentParameters JSON. Key Vault references (az.getSecret) become
// `reference` entries; their secret value is never known to, nor written by, bicepc.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"

namespace bicepc::driver {

struct ParamsOptions {
  // --bicep-file: must name the same file as the `using` declaration.
  std::optional<std::string> bicep_file;
  // Environment lookup for readEnvironmentVariable() and BICEP_PARAMETERS_OVERRIDES;
  // defaults to the process environment (std::getenv).
  std::function<std::optional<std::string>(const std::string&)> get_env;
};

struct ParamsCompilation {
  std::vector<std::unique_ptr<source::SourceFile>> files;  // kept alive for diagnostics
  diagnostics::DiagnosticSink diagnostics;
  std::optional<std::string> usage_error;      // a plain error message (e.g. --bicep-file mismatch)
  std::optional<std::string> parameters_json;  // set only when there are no errors
  std::optional<std::string> template_json;    // the compiled `using` template (null for `using none`)
  auto Failed() const -> bool { return usage_error.has_value() || diagnostics.HasErrors() || !parameters_json; }
};

// Compiles a .bicepparam file (absolute path) to parameters JSON text.
auto CompileParamsFile(const std::string& path, const ParamsOptions& options) -> ParamsCompilation;

// Same, for in-memory source; `path` locates the `using` target and load*() files.
auto CompileParamsSource(const std::string& path, std::string text, const ParamsOptions& options)
    -> ParamsCompilation;

// The official `build-params --stdout` object: {"parametersJson", "templateJson", "templateSpecId": null}.
auto ParamsStdoutJson(const ParamsCompilation& compilation) -> std::string;

}  // namespace bicepc::driver
