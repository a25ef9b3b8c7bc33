// `bicepc generate-params`: a parameters file with a placeholder (or the default) value for each
// parameter of a Bicep file, as the official PlaceholderParametersJsonWriter writes it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"

namespace bicepc::driver {

enum class IncludeParams { RequiredOnly, All };

struct GeneratedParams {
  std::unique_ptr<source::SourceFile> file;  // kept alive for diagnostics
  diagnostics::DiagnosticSink diagnostics;
  std::optional<std::string> json;  // set when there are no errors
};

// `existing`: the current content of the output file, whose parameter values and contentVersion are kept.
auto GenerateParametersJson(const std::string& bicep_path, IncludeParams include, const std::string& existing)
    -> GeneratedParams;

// The same as a .bicepparam file (`--output-format bicepparam`), as the official
// PlaceholderParametersBicepParamWriter prints it: `using './<file>.bicep'`, then one `param` per
// parameter with its default value (a call replaced by a `? /* TODO ... */` placeholder) or a
// placeholder for its type (the first @allowed value where there is one). An existing file is replaced.
// The result is in GeneratedParams::json (the text of the file).
auto GenerateParametersBicepParam(const std::string& bicep_path, IncludeParams include) -> GeneratedParams;

}  // namespace bicepc::driver
