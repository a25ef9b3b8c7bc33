// bicepc: the command line. A thin CLI11 layer over compiler/driver: it parses flags,
// maps usage errors to the official `bicep` CLI's messages, and calls the driver.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "compiler/driver/cli_commands.h"
#include "compiler/driver/compile.h"

namespace {

using bicepc::driver::BuildCommand;
using bicepc::driver::DiagnosticsFormat;
using bicepc::driver::LintCommand;

// Options collect every occurrence, so a repeated option can get the official message.
struct RawOption {
  std::vector<std::string> values;
  CLI::Option* option = nullptr;
};

void AddValueOption(CLI::App& command, RawOption& raw, const std::string& name, const std::string& help) {
  raw.option = command.add_option(name, raw.values, help)->allow_extra_args(false)->type_size(1);
}

auto UsageError(const std::string& message) -> int {
  std::cerr << message << '\n';
  return 1;
}

// Turns a repeated or empty value option into the official message; sets `target` otherwise.
auto TakeSingle(const RawOption& raw, std::string_view name, std::optional<std::string>& target)
    -> std::optional<std::string> {
  if (raw.values.size() > 1) return fmt::format("The {} parameter cannot be specified twice", name);
  if (raw.values.size() == 1) target = raw.values.front();
  return std::nullopt;
}

auto CheckExtras(const CLI::App& command, const std::vector<std::string>& positionals,
                 std::optional<std::string>& input) -> std::optional<std::string> {
  for (const auto& extra : command.remaining()) {
    if (extra.starts_with("--")) return fmt::format("Unrecognized parameter \"{}\"", extra);
  }
  std::vector<std::string> all = positionals;
  for (const auto& extra : command.remaining()) all.push_back(extra);
  if (all.size() > 1) return std::string{"The input file path cannot be specified multiple times"};
  if (all.size() == 1) input = all.front();
  return std::nullopt;
}

auto ParseFormat(const std::vector<std::string>& values, DiagnosticsFormat& format) -> std::optional<std::string> {
  if (values.size() > 1) return std::string{"The --diagnostics-format parameter cannot be specified twice"};
  if (values.empty()) return std::nullopt;
  auto parsed = bicepc::driver::ParseDiagnosticsFormat(values.front());
  if (!parsed) return std::string{"The --diagnostics-format parameter only accepts these values: Default | Sarif"};
  format = *parsed;
  return std::nullopt;
}

auto WorkingDir() -> std::string {
  std::error_code ec;
  auto cwd = std::filesystem::current_path(ec);
  return ec ? std::string{"."} : cwd.string();
}

}  // namespace

auto main(int argc, char** argv) -> int {
  CLI::App app{"bicepc: compiles Azure Bicep templates to ARM template JSON.", "bicepc"};
  app.allow_extras();
  app.ignore_case();
  app.option_defaults()->ignore_case();
  app.require_subcommand(0, 1);
  bool print_version = false;
  app.add_flag("-v,--version", print_version, "Print the version and exit.");

  // build
  auto* build = app.add_subcommand("build", "Build a Bicep file into an ARM template (<name>.json next to it).");
  build->allow_extras();
  build->ignore_case();
  build->option_defaults()->ignore_case();
  std::vector<std::string> build_files;
  RawOption build_outfile;
  RawOption build_outdir;
  RawOption build_pattern;
  RawOption build_format;
  RawOption build_dump;
  bool build_stdout = false;
  bool build_no_restore = false;
  build->add_option("file", build_files, "The .bicep file to build.");
  build->add_flag("--stdout", build_stdout, "Print the template JSON to stdout instead of writing a file.");
  build->add_flag("--no-restore", build_no_restore, "Do not restore external modules (bicepc never restores).");
  AddValueOption(*build, build_outdir, "--outdir", "Directory for the output file.");
  AddValueOption(*build, build_outfile, "--outfile", "Path of the output file.");
  AddValueOption(*build, build_pattern, "--pattern", "Build every file matching this glob (relative to the working directory).");
  AddValueOption(*build, build_format, "--diagnostics-format", "Diagnostics format: default | sarif.");
  AddValueOption(*build, build_dump, "--dump", "Print a phase's output instead of building: tokens | syntax.");

  // build-params
  auto* build_params = app.add_subcommand("build-params", "Build a .bicepparam file into a parameters JSON file.");
  build_params->allow_extras();
  build_params->ignore_case();
  build_params->option_defaults()->ignore_case();
  std::vector<std::string> bp_files;
  RawOption bp_outfile;
  RawOption bp_outdir;
  RawOption bp_bicep_file;
  RawOption bp_format;
  bool bp_stdout = false;
  bool bp_no_restore = false;
  build_params->add_option("file", bp_files, "The .bicepparam file to build.");
  build_params->add_flag("--stdout", bp_stdout, "Print {parametersJson, templateJson, templateSpecId} to stdout.");
  build_params->add_flag("--no-restore", bp_no_restore, "Do not restore external modules (bicepc never restores).");
  AddValueOption(*build_params, bp_outdir, "--outdir", "Directory for the output file.");
  AddValueOption(*build_params, bp_outfile, "--outfile", "Path of the output file.");
  AddValueOption(*build_params, bp_bicep_file, "--bicep-file", "The Bicep file the `using` declaration must name.");
  AddValueOption(*build_params, bp_format, "--diagnostics-format", "Diagnostics format: default | sarif.");

  // generate-params
  auto* gen = app.add_subcommand("generate-params", "Write a parameters file for a Bicep file (<name>.parameters.json).");
  gen->allow_extras();
  gen->ignore_case();
  gen->option_defaults()->ignore_case();
  std::vector<std::string> gen_files;
  RawOption gen_outfile;
  RawOption gen_outdir;
  RawOption gen_format;
  RawOption gen_include;
  bool gen_stdout = false;
  bool gen_no_restore = false;
  gen->add_option("file", gen_files, "The .bicep file.");
  gen->add_flag("--stdout", gen_stdout, "Print the parameters file to stdout.");
  gen->add_flag("--no-restore", gen_no_restore, "Do not restore external modules (bicepc never restores).");
  AddValueOption(*gen, gen_outdir, "--outdir", "Directory for the output file.");
  AddValueOption(*gen, gen_outfile, "--outfile", "Path of the output file.");
  AddValueOption(*gen, gen_format, "--output-format", "json (bicepparam is not supported yet).");
  AddValueOption(*gen, gen_include, "--include-params", "requiredonly (default) | all.");

  // lint
  auto* lint = app.add_subcommand("lint", "Print the diagnostics of a Bicep file without writing output.");
  lint->allow_extras();
  lint->ignore_case();
  lint->option_defaults()->ignore_case();
  std::vector<std::string> lint_files;
  RawOption lint_pattern;
  RawOption lint_format;
  bool lint_no_restore = false;
  lint->add_option("file", lint_files, "The .bicep file to lint.");
  lint->add_flag("--no-restore", lint_no_restore, "Do not restore external modules (bicepc never restores).");
  AddValueOption(*lint, lint_pattern, "--pattern", "Lint every file matching this glob.");
  AddValueOption(*lint, lint_format, "--diagnostics-format", "Diagnostics format: default | sarif (SARIF goes to stdout).");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // "--outdir: 1 required TEXT missing" and the like: an option without its value.
    const std::string what = e.what();
    const auto colon = what.find(':');
    if (what.starts_with("--") && colon != std::string::npos) {
      return UsageError(fmt::format("The {} parameter expects an argument", what.substr(0, colon)));
    }
    return UsageError(what);
  }

  if (print_version) {
    std::cout << "bicepc CLI version " << bicepc::driver::Version() << '\n';
    return 0;
  }

  if (build->parsed()) {
    BuildCommand command;
    command.to_stdout = build_stdout;
    command.no_restore = build_no_restore;
    std::optional<std::string> unused;
    for (auto error : {CheckExtras(*build, build_files, command.input),
                       TakeSingle(build_outdir, "--outdir", command.outdir),
                       TakeSingle(build_outfile, "--outfile", command.outfile),
                       TakeSingle(build_pattern, "--pattern", command.pattern),
                       TakeSingle(build_dump, "--dump", command.dump),
                       ParseFormat(build_format.values, command.diagnostics_format)}) {
      if (error) return UsageError(*error);
    }
    return bicepc::driver::RunBuild(command, WorkingDir(), std::cout, std::cerr);
  }

  if (build_params->parsed()) {
    bicepc::driver::BuildParamsCommand command;
    command.to_stdout = bp_stdout;
    command.no_restore = bp_no_restore;
    for (auto error : {CheckExtras(*build_params, bp_files, command.input),
                       TakeSingle(bp_outdir, "--outdir", command.outdir),
                       TakeSingle(bp_outfile, "--outfile", command.outfile),
                       TakeSingle(bp_bicep_file, "--bicep-file", command.bicep_file),
                       ParseFormat(bp_format.values, command.diagnostics_format)}) {
      if (error) return UsageError(*error);
    }
    return bicepc::driver::RunBuildParams(command, WorkingDir(), std::cout, std::cerr);
  }

  if (gen->parsed()) {
    bicepc::driver::GenerateParamsCommand command;
    command.to_stdout = gen_stdout;
    command.no_restore = gen_no_restore;
    for (auto error : {CheckExtras(*gen, gen_files, command.input),
                       TakeSingle(gen_outdir, "--outdir", command.outdir),
                       TakeSingle(gen_outfile, "--outfile", command.outfile),
                       TakeSingle(gen_format, "--output-format", command.output_format),
                       TakeSingle(gen_include, "--include-params", command.include_params)}) {
      if (error) return UsageError(*error);
    }
    return bicepc::driver::RunGenerateParams(command, WorkingDir(), std::cout, std::cerr);
  }

  if (lint->parsed()) {
    LintCommand command;
    command.no_restore = lint_no_restore;
    for (auto error : {CheckExtras(*lint, lint_files, command.input),
                       TakeSingle(lint_pattern, "--pattern", command.pattern),
                       ParseFormat(lint_format.values, command.diagnostics_format)}) {
      if (error) return UsageError(*error);
    }
    return bicepc::driver::RunLint(command, WorkingDir(), std::cout, std::cerr);
  }

  if (!app.remaining().empty()) {
    std::string joined;
    for (const auto& arg : app.remaining()) joined += (joined.empty() ? "" : " ") + arg;
    return UsageError(
        fmt::format("Unrecognized arguments \"{}\" specified. Use \"bicepc --help\" to view available options.",
                    joined));
  }
  std::cout << app.help();
  return 0;
}
