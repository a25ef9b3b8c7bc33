// The diagnostics half of conformance: for each Invalid* baseline, our errors against the
// official ones annotated in main.diagnostics.bicep, matched by (code, line, start column).
#pragma once

#include <filesystem>

namespace bicepc::conformance {

struct DiagnosticsFigures {
  int expected = 0;  // official errors
  int found = 0;     // of them, reported by bicepc with the same code at the same place
  int extra = 0;     // bicepc errors the official compiler does not report there
};

// Prints one line per Invalid* baseline (expected, found, missing, extra, rate) and the totals;
// with `list_missing`, every missing error. Returns the totals. With `params`, the parameters-file
// baselines instead (bicepparam/Invalid_*: parameters.bicepparam against parameters.diagnostics.bicepparam).
auto CompareInvalidBaselines(const std::filesystem::path& baselines, bool list_missing, bool params = false)
    -> DiagnosticsFigures;

}  // namespace bicepc::conformance
