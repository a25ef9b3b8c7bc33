// The bicepc commands behind the command line (tools/bicepc parses flags with CLI11 and
// calls these). Messages, output locations and exit codes follow the official `bicep` CLI:
// exit 0 on success (warnings allowed), 1 on any error diagnostic or usage error.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace bicepc::driver {

enum class DiagnosticsFormat : std::uint8_t { Default, Sarif };

struct BuildCommand {
  std::optional<std::string> input;    // positional file
  std::optional<std::string> outfile;  // --outfile
  std::optional<std::string> outdir;   // --outdir
  std::optional<std::string> pattern;  // --pattern
  bool to_stdout = false;              // --stdout
  bool no_restore = false;             // --no-restore (accepted; bicepc never restores)
  DiagnosticsFormat diagnostics_format = DiagnosticsFormat::Default;
  std::optional<std::string> dump;     // --dump=tokens|syntax (bicepc only)
};

struct BuildParamsCommand {
  std::optional<std::string> input;      // positional .bicepparam file
  std::optional<std::string> outfile;    // --outfile
  std::optional<std::string> outdir;     // --outdir
  std::optional<std::string> bicep_file; // --bicep-file (must equal the `using` target)
  bool to_stdout = false;                // --stdout
  bool no_restore = false;               // --no-restore
  DiagnosticsFormat diagnostics_format = DiagnosticsFormat::Default;
};

struct GenerateParamsCommand {
  std::optional<std::string> input;        // positional .bicep file
  std::optional<std::string> outfile;      // --outfile
  std::optional<std::string> outdir;       // --outdir
  std::optional<std::string> output_format;   // --output-format json | bicepparam
  std::optional<std::string> include_params;  // --include-params requiredonly | all
  bool to_stdout = false;                  // --stdout
  bool no_restore = false;                 // --no-restore
};

struct LintCommand {
  std::optional<std::string> input;
  std::optional<std::string> pattern;
  bool no_restore = false;
  DiagnosticsFormat diagnostics_format = DiagnosticsFormat::Default;
};

// The official usage error for a combination of options, or nullopt when the combination is valid.
auto ValidateBuildCommand(const BuildCommand& command) -> std::optional<std::string>;
auto ValidateBuildParamsCommand(const BuildParamsCommand& command) -> std::optional<std::string>;
auto ValidateLintCommand(const LintCommand& command) -> std::optional<std::string>;

// Paths are resolved against `working_dir` (normally the process's current directory).
// Diagnostics go to `err` (SARIF too, as the official build does); JSON from --stdout to `out`.
auto RunBuild(const BuildCommand& command, const std::string& working_dir, std::ostream& out, std::ostream& err)
    -> int;
// `build-params`: writes <name>.json (or --outfile / --outdir), or prints the official
// {"parametersJson", "templateJson", "templateSpecId"} object with --stdout. Nothing is written on errors.
auto RunBuildParams(const BuildParamsCommand& command, const std::string& working_dir, std::ostream& out,
                    std::ostream& err) -> int;

// Diagnostics go to `err` in the default format, SARIF to `out` (as the official lint does).
// bicepc generate-params: <name>.parameters.json with a placeholder or default value per parameter.
auto RunGenerateParams(const GenerateParamsCommand& command, const std::string& working_dir, std::ostream& out,
                       std::ostream& err) -> int;

auto RunLint(const LintCommand& command, const std::string& working_dir, std::ostream& out, std::ostream& err)
    -> int;

// "--diagnostics-format" value parser (case-insensitive "default" | "sarif").
auto ParseDiagnosticsFormat(std::string_view text) -> std::optional<DiagnosticsFormat>;

}  // namespace bicepc::driver
