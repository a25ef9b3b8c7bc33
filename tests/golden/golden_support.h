// Shared by the golden runner and the diagnostics coverage test: where the golden cases are
// and how a case's actual outputs are produced.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include "compiler/diagnostics/render.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/dump.h"
#include "compiler/driver/params.h"

namespace bicepc::golden {

// tests/golden/<phase>/<case>.bicep, and tests/golden/params/<case>.bicepparam (there the .bicep
// files are the templates the cases use, not cases).
struct GoldenCase {
  std::filesystem::path bicep;  // absolute; the .bicep or .bicepparam file
  std::string phase;            // the folder name
  bool invalid = false;         // name starts with "invalid_": must produce errors
  auto is_params() const -> bool { return bicep.extension() == ".bicepparam"; }
  auto name() const -> std::string { return phase + "/" + bicep.filename().string(); }
};

struct CaseOutputs {
  std::map<std::string, std::string> produced;  // extension -> actual text
  bool has_errors = false;
};

namespace fs = std::filesystem;

namespace detail {

inline auto ReplaceAll(std::string text, const std::string& from, const std::string& to) -> std::string {
  if (from.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

inline auto RelativeDiagnostics(const diagnostics::DiagnosticSink& sink, const fs::path& case_dir) -> std::string {
  return ReplaceAll(diagnostics::RenderText(sink.Sorted()), case_dir.string() + "/", "");
}

}  // namespace detail

inline auto GoldenRoot() -> fs::path { return fs::path{BICEPC_SOURCE_DIR} / "tests" / "golden"; }

// Expected-file extensions the runner knows, in checking order.
inline auto KnownExtensions() -> const std::vector<std::string>& {
  static const std::vector<std::string> kExtensions = {".syntax", ".diagnostics", ".json"};
  return kExtensions;
}

inline auto FindGoldenCases() -> std::vector<GoldenCase> {
  std::vector<GoldenCase> cases;
  std::error_code ec;
  for (const auto& phase_dir : fs::directory_iterator{GoldenRoot(), ec}) {
    if (!phase_dir.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator{phase_dir.path(), ec}) {
      const auto ext = entry.path().extension();
      const bool params_folder = phase_dir.path().filename() == "params";
      if (!entry.is_regular_file() || ext != (params_folder ? ".bicepparam" : ".bicep")) continue;
      GoldenCase c;
      c.bicep = fs::absolute(entry.path()).lexically_normal();
      c.phase = phase_dir.path().filename().string();
      c.invalid = entry.path().filename().string().starts_with("invalid_");
      cases.push_back(std::move(c));
    }
  }
  std::sort(cases.begin(), cases.end(),
            [](const GoldenCase& a, const GoldenCase& b) { return a.bicep.string() < b.bicep.string(); });
  return cases;
}

// The expected files a case must have: ".diagnostics" always; ".json" unless the case is invalid or
// in the syntax/ folder; ".syntax" in the syntax/ folder. Existing expected files are always checked.
inline auto RequiredExtensions(const GoldenCase& c) -> std::vector<std::string> {
  std::vector<std::string> required = {".diagnostics"};
  if (c.phase == "syntax") {
    required.insert(required.begin(), ".syntax");
  } else if (!c.invalid) {
    required.push_back(".json");
  }
  return required;
}

// Compiles the case (generator "bicep" version "dev", as the official baselines) and renders:
// ".diagnostics" (text format, paths relative to the case folder), ".json" when a template was
// emitted, ".syntax" for cases in the syntax/ phase folder or with an expected .syntax file.
inline auto RunCase(const GoldenCase& c) -> CaseOutputs {
  CaseOutputs out;
  const auto case_dir = c.bicep.parent_path();
  auto with_ext = [&](const std::string& ext) { return fs::path{c.bicep}.replace_extension(ext); };
  std::error_code ec;

  if (c.phase == "syntax" || fs::exists(with_ext(".syntax"), ec)) {
    auto dumped = driver::DumpBicepFile(c.bicep.string(), driver::DumpKind::Syntax);
    if (dumped.text) out.produced[".syntax"] = *dumped.text;
    if (c.phase == "syntax") {
      out.produced[".diagnostics"] = detail::RelativeDiagnostics(dumped.compilation.diagnostics, case_dir);
      out.has_errors = dumped.compilation.diagnostics.HasErrors();
      return out;
    }
  }

  if (c.is_params()) {
    // A fixed environment: readEnvironmentVariable() must not depend on the machine.
    driver::ParamsOptions options;
    options.get_env = [](const std::string& name) -> std::optional<std::string> {
      if (name == "GOLDEN_ENVIRONMENT") return std::string{"production"};
      if (name == "GOLDEN_REPLICAS") return std::string{"3"};
      return std::nullopt;
    };
    auto compilation = driver::CompileParamsFile(c.bicep.string(), options);
    out.produced[".diagnostics"] = detail::RelativeDiagnostics(compilation.diagnostics, case_dir) +
                                   (compilation.usage_error ? *compilation.usage_error + "\n" : std::string{});
    out.has_errors = compilation.Failed();
    if (compilation.parameters_json) out.produced[".json"] = *compilation.parameters_json;
    return out;
  }

  // The official baselines' generator metadata, so expectations can be checked against the
  // official compiler's output for the same input (templateHash included).
  driver::CompileOptions options;
  options.generator_name = "bicep";
  options.generator_version = "dev";
  auto compilation = driver::CompileBicepFile(c.bicep.string(), options);
  out.produced[".diagnostics"] = detail::RelativeDiagnostics(compilation.diagnostics, case_dir);
  out.has_errors = compilation.diagnostics.HasErrors();
  if (compilation.json) out.produced[".json"] = *compilation.json;
  return out;
}

}  // namespace bicepc::golden
