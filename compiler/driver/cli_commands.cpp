#include "compiler/driver/cli_commands.h"
#include "compiler/driver/generate_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>
#include <vector>

#include "compiler/diagnostics/render.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/dump.h"
#include "compiler/driver/file_pattern.h"
#include "compiler/driver/output.h"
#include "compiler/driver/params.h"

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;

auto Lower(std::string_view text) -> std::string {
  std::string out{text};
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

auto Absolute(const std::string& working_dir, const std::string& path) -> std::string {
  fs::path p{path};
  if (p.is_relative()) p = fs::path{working_dir} / p;
  return p.lexically_normal().string();
}

auto EqualsIgnoreCaseAscii(std::string_view a, std::string_view b) -> bool { return Lower(a) == Lower(b); }

auto HasExtension(const std::string& path, std::string_view extension) -> bool {
  return Lower(fs::path{path}.extension().string()) == extension;
}

// Shared checks for commands that take an input file or --pattern.
auto ValidateInputOrPattern(const std::optional<std::string>& input, const std::optional<std::string>& pattern)
    -> std::optional<std::string> {
  if (!input && !pattern) return "Either the input file path or the --pattern parameter must be specified";
  if (input && pattern) return "The input file path and the --pattern parameter cannot both be specified";
  if (input && input->find('\\') != std::string::npos) {
    return fmt::format("The specified input \"{}\" contains a backslash; use forward slashes in paths.", *input);
  }
  return std::nullopt;
}

// Resolves the input file or the pattern's matches to absolute paths.
auto ResolveInputs(const std::optional<std::string>& input, const std::optional<std::string>& pattern,
                   const std::string& working_dir) -> std::vector<std::string> {
  if (input) return {Absolute(working_dir, *input)};
  return ExpandFilePattern(working_dir, *pattern);
}

// Renders one compilation's diagnostics in the default format, or keeps them for one SARIF log.
class DiagnosticReporter {
 public:
  DiagnosticReporter(DiagnosticsFormat format, std::ostream& text_stream, std::ostream& sarif_stream)
      : format_{format}, text_stream_{text_stream}, sarif_stream_{sarif_stream} {}

  void Report(const diagnostics::DiagnosticSink& sink) {
    auto sorted = sink.Sorted();
    if (format_ == DiagnosticsFormat::Default) {
      text_stream_ << diagnostics::RenderText(sorted);
      text_stream_.flush();
    } else {
      for (auto& d : sorted) pending_.push_back(std::move(d));
    }
  }

  void Finish() {
    if (format_ == DiagnosticsFormat::Sarif) {
      sarif_stream_ << diagnostics::RenderSarif(pending_, "bicepc", Version());
      sarif_stream_.flush();
    }
  }

 private:
  DiagnosticsFormat format_;
  std::ostream& text_stream_;
  std::ostream& sarif_stream_;
  // Kept alive with the compilations whose files they point into (see RunBuild/RunLint).
  std::vector<diagnostics::Diagnostic> pending_;
};

auto ParseDumpKind(std::string_view text) -> std::optional<DumpKind> {
  const auto lower = Lower(text);
  if (lower == "tokens") return DumpKind::Tokens;
  if (lower == "syntax") return DumpKind::Syntax;
  return std::nullopt;
}

// The official messages for the output options that exclude each other.
auto OutputOptionConflict(bool to_stdout, const std::optional<std::string>& outdir,
                          const std::optional<std::string>& outfile) -> std::optional<std::string> {
  if (to_stdout && outdir) return "The --outdir and --stdout parameters cannot both be used";
  if (to_stdout && outfile) return "The --outfile and --stdout parameters cannot both be used";
  if (outdir && outfile) return "The --outdir and --outfile parameters cannot both be used";
  return std::nullopt;
}

// --outdir made absolute; false (with the official message on `err`) when it is not a directory.
auto ResolveOutdir(const std::string& working_dir, const std::optional<std::string>& option,
                   std::optional<std::string>& outdir, std::ostream& err) -> bool {
  if (!option) return true;
  outdir = Absolute(working_dir, *option);
  std::error_code ec;
  if (!fs::is_directory(*outdir, ec)) {
    err << fmt::format("The specified output directory \"{}\" does not exist.", *outdir) << '\n';
    return false;
  }
  return true;
}

// Where an output goes: --outfile, else <outdir>/<name>, else <name> next to the input.
auto OutputPath(const std::string& working_dir, const std::string& input, const std::optional<std::string>& outfile,
                const std::optional<std::string>& outdir, const std::string& name) -> std::string {
  if (outfile) return Absolute(working_dir, *outfile);
  if (outdir) return (fs::path{*outdir} / name).string();
  return (fs::path{input}.parent_path() / name).string();
}

}  // namespace

auto ParseDiagnosticsFormat(std::string_view text) -> std::optional<DiagnosticsFormat> {
  const auto lower = Lower(text);
  if (lower == "default") return DiagnosticsFormat::Default;
  if (lower == "sarif") return DiagnosticsFormat::Sarif;
  return std::nullopt;
}

auto ValidateBuildCommand(const BuildCommand& c) -> std::optional<std::string> {
  if (auto error = ValidateInputOrPattern(c.input, c.pattern)) return error;
  if (c.pattern) {
    if (c.to_stdout) return "The --stdout parameter cannot be used with the --pattern parameter";
    if (c.outfile) return "The --outfile parameter cannot be used with the --pattern parameter";
  }
  if (auto error = OutputOptionConflict(c.to_stdout, c.outdir, c.outfile)) return error;
  if (c.dump && !ParseDumpKind(*c.dump)) {
    return fmt::format("The --dump parameter only accepts these values: tokens | syntax (got \"{}\")", *c.dump);
  }
  return std::nullopt;
}

auto ValidateBuildParamsCommand(const BuildParamsCommand& c) -> std::optional<std::string> {
  if (auto error = ValidateInputOrPattern(c.input, std::nullopt)) return error;
  if (auto error = OutputOptionConflict(c.to_stdout, c.outdir, c.outfile)) return error;
  return std::nullopt;
}

auto RunBuildParams(const BuildParamsCommand& command, const std::string& working_dir, std::ostream& out,
                    std::ostream& err) -> int {
  if (auto error = ValidateBuildParamsCommand(command)) {
    err << *error << '\n';
    return 1;
  }
  std::optional<std::string> outdir;
  if (!ResolveOutdir(working_dir, command.outdir, outdir, err)) return 1;
  const auto input = Absolute(working_dir, *command.input);
  if (!HasExtension(input, ".bicepparam")) {
    err << fmt::format(
               "The specified input \"{}\" was not recognized as a Bicep parameters file. Bicep parameters files "
               "must use the .bicepparam extension.",
               input)
        << '\n';
    return 1;
  }
  ParamsOptions options;
  if (command.bicep_file) options.bicep_file = Absolute(working_dir, *command.bicep_file);
  auto compilation = CompileParamsFile(input, options);
  DiagnosticReporter reporter{command.diagnostics_format, err, err};
  reporter.Report(compilation.diagnostics);
  reporter.Finish();
  if (compilation.usage_error) {
    err << *compilation.usage_error << '\n';
    return 1;
  }
  if (compilation.Failed()) return 1;
  if (command.to_stdout) {
    out << ParamsStdoutJson(compilation);
    out.flush();
    return 0;
  }
  const auto target = OutputPath(working_dir, input, command.outfile, outdir, fs::path{input}.stem().string() + ".json");
  if (auto error = WriteFileAtomically(target, *compilation.parameters_json)) {
    err << *error << '\n';
    return 1;
  }
  return 0;
}

auto RunGenerateParams(const GenerateParamsCommand& command, const std::string& working_dir, std::ostream& out,
                       std::ostream& err) -> int {
  if (auto error = ValidateInputOrPattern(command.input, std::nullopt)) {
    err << *error << '\n';
    return 1;
  }
  if (auto error = OutputOptionConflict(command.to_stdout, command.outdir, command.outfile)) {
    err << *error << '\n';
    return 1;
  }
  auto format = command.output_format.value_or("json");
  if (!EqualsIgnoreCaseAscii(format, "json") && !EqualsIgnoreCaseAscii(format, "bicepparam")) {
    err << "The --output-format parameter only accepts these values: json | bicepparam\n";
    return 1;
  }
  auto include_text = command.include_params.value_or("requiredonly");
  if (!EqualsIgnoreCaseAscii(include_text, "requiredonly") && !EqualsIgnoreCaseAscii(include_text, "all")) {
    err << "The --include-params parameter only accepts these values: requiredonly | all\n";
    return 1;
  }
  auto include = EqualsIgnoreCaseAscii(include_text, "all") ? IncludeParams::All : IncludeParams::RequiredOnly;
  const auto input = Absolute(working_dir, *command.input);
  std::optional<std::string> outdir;
  if (!command.outfile && !ResolveOutdir(working_dir, command.outdir, outdir, err)) return 1;
  const bool bicepparam = EqualsIgnoreCaseAscii(format, "bicepparam");
  const auto target = OutputPath(working_dir, input, command.outfile, outdir,
                                 fs::path{input}.stem().string() + (bicepparam ? ".bicepparam" : ".parameters.json"));
  // As the official command: the file is compiled first, its diagnostics printed, and nothing is
  // generated when it has errors.
  DiagnosticReporter reporter{DiagnosticsFormat::Default, err, err};
  CompileOptions compile_options;
  compile_options.generator_version = Version();
  auto compilation = CompileBicepFile(input, compile_options);
  reporter.Report(compilation.diagnostics);
  if (compilation.diagnostics.HasErrors()) {
    reporter.Finish();
    return 1;
  }
  auto existing = command.to_stdout || bicepparam ? std::optional<std::string>{} : source::ReadFile(target);
  auto generated = bicepparam ? GenerateParametersBicepParam(input, include)
                              : GenerateParametersJson(input, include, existing.value_or(std::string{}));
  reporter.Report(generated.diagnostics);
  reporter.Finish();
  if (!generated.json) return 1;
  if (command.to_stdout) {
    out << *generated.json;
    out.flush();
    return 0;
  }
  if (auto error = WriteFileAtomically(target, *generated.json)) {
    err << *error << '\n';
    return 1;
  }
  return 0;
}

auto ValidateLintCommand(const LintCommand& c) -> std::optional<std::string> {
  return ValidateInputOrPattern(c.input, c.pattern);
}

auto RunBuild(const BuildCommand& command, const std::string& working_dir, std::ostream& out, std::ostream& err)
    -> int {
  if (auto error = ValidateBuildCommand(command)) {
    err << *error << '\n';
    return 1;
  }
  std::optional<std::string> outdir;
  if (!ResolveOutdir(working_dir, command.outdir, outdir, err)) return 1;
  const auto inputs = ResolveInputs(command.input, command.pattern, working_dir);
  if (inputs.empty()) {
    err << fmt::format("No files matched the pattern \"{}\".", command.pattern.value_or("")) << '\n';
    return 1;
  }
  for (const auto& input : inputs) {
    if (!HasExtension(input, ".bicep")) {
      err << fmt::format(
                 "The specified input \"{}\" was not recognized as a Bicep file. Bicep files must use the .bicep "
                 "extension.",
                 input)
          << '\n';
      return 1;
    }
  }

  DiagnosticReporter reporter{command.diagnostics_format, err, err};
  std::vector<Compilation> keep_alive;  // SARIF diagnostics point into these files
  int exit_code = 0;

  if (command.dump) {
    const auto kind = *ParseDumpKind(*command.dump);
    for (const auto& input : inputs) {
      auto dumped = DumpBicepFile(input, kind);
      reporter.Report(dumped.compilation.diagnostics);
      if (!dumped.text) {
        err << fmt::format("bicepc: --dump={} is not available yet.", Lower(*command.dump)) << '\n';
        exit_code = 1;
      } else {
        out << *dumped.text;
        out.flush();
      }
      if (dumped.compilation.diagnostics.HasErrors()) exit_code = 1;
      keep_alive.push_back(std::move(dumped.compilation));
    }
    reporter.Finish();
    return exit_code;
  }

  CompileOptions options;
  options.generator_version = Version();
  for (const auto& input : inputs) {
    auto compilation = CompileBicepFile(input, options);
    reporter.Report(compilation.diagnostics);
    if (compilation.diagnostics.HasErrors()) {
      exit_code = 1;  // nothing is written; an existing output file stays as it was
    } else if (!compilation.json) {
      err << fmt::format("bicepc: internal error: compiling \"{}\" produced no template and no error.", input)
          << '\n';
      exit_code = 1;
    } else if (command.to_stdout) {
      out << *compilation.json;
      out.flush();
    } else {
      const auto stem = fs::path{input}.stem().string() + ".json";
      const auto target = OutputPath(working_dir, input, command.outfile, outdir, stem);
      if (auto error = WriteFileAtomically(target, *compilation.json)) {
        err << *error << '\n';
        exit_code = 1;
      }
    }
    keep_alive.push_back(std::move(compilation));
  }
  reporter.Finish();
  return exit_code;
}

auto RunLint(const LintCommand& command, const std::string& working_dir, std::ostream& out, std::ostream& err)
    -> int {
  if (auto error = ValidateLintCommand(command)) {
    err << *error << '\n';
    return 1;
  }
  const auto inputs = ResolveInputs(command.input, command.pattern, working_dir);
  if (inputs.empty()) {
    err << fmt::format("No files matched the pattern \"{}\".", command.pattern.value_or("")) << '\n';
    return 1;
  }
  for (const auto& input : inputs) {
    if (HasExtension(input, ".bicepparam")) {
      err << fmt::format("bicepc does not support Bicep parameters files yet: \"{}\".", input) << '\n';
      return 1;
    }
    if (!HasExtension(input, ".bicep")) {
      err << fmt::format(
                 "The specified input \"{}\" was not recognized as a Bicep or Bicep Parameters file. Valid files "
                 "must either the .bicep or .bicepparam extension",
                 input)
          << '\n';
      return 1;
    }
  }
  DiagnosticReporter reporter{command.diagnostics_format, err, out};
  std::vector<Compilation> keep_alive;
  int exit_code = 0;
  CompileOptions options;
  options.generator_version = Version();
  for (const auto& input : inputs) {
    auto compilation = CompileBicepFile(input, options);
    reporter.Report(compilation.diagnostics);
    if (compilation.diagnostics.HasErrors()) exit_code = 1;
    keep_alive.push_back(std::move(compilation));
  }
  reporter.Finish();
  return exit_code;
}

}  // namespace bicepc::driver
