// The must-pass official baselines: compiling main.bicep gives main.json (deep-equal, key order
// included) once metadata._generator is removed. Skips when ../shared is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "compiler/driver/compile.h"

namespace bicepc::emit {
namespace {

constexpr const char* kMustPass[] = {
    "AKS_LF",
    "Dependencies_LF",
    "DisableNextLineDiagnosticsDirective_CRLF",
    "Empty",
    "LargeTemplate_Stress_LF",
    "Metadata_CRLF",
    "MultilineStrings_LF",
    "NewlineSensitivity_LF",
    "Parameters_CRLF",
    "Parameters_LF",
    "PrettyPrint_LF",
    "Unicode_LF",
    "VariablesManagementGroup_LF",
    "VariablesSubscription_LF",
    "VariablesTenant_LF",
};

auto ReadText(const std::filesystem::path& path) -> std::string {
  std::ifstream in{path, std::ios::binary};
  std::stringstream ss;
  ss << in.rdbuf();
  auto text = ss.str();
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.erase(0, 3);
  }
  return text;
}

TEST_CASE("must-pass baselines compile to the official main.json") {
  std::filesystem::path root = std::filesystem::path{BICEPC_SHARED_DIR} / "corpus" / "bicep-baselines";
  if (!std::filesystem::exists(root)) {
    MESSAGE("skipped: ", root.string(), " is absent");
    return;
  }
  driver::CompileOptions options;
  options.generator_name = "bicep";
  options.generator_version = "dev";
  for (const char* name : kMustPass) {
    CAPTURE(name);
    auto dir = root / name;
    auto compilation = driver::CompileBicepFile((dir / "main.bicep").string(), options);
    for (const auto& d : compilation.diagnostics.diagnostics()) {
      if (d.level == diagnostics::Level::Error) {
        FAIL_CHECK(d.code, ": ", d.message);
      }
    }
    REQUIRE(compilation.json.has_value());
    auto got = nlohmann::ordered_json::parse(*compilation.json);
    auto expected = nlohmann::ordered_json::parse(ReadText(dir / "main.json"));
    got["metadata"].erase("_generator");
    expected["metadata"].erase("_generator");
    CHECK(got == expected);
  }
}

auto FoldCrLf(std::string text) -> std::string {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

TEST_CASE("must-pass baselines are byte-identical / templateHash included") {
  std::filesystem::path root = std::filesystem::path{BICEPC_SHARED_DIR} / "corpus" / "bicep-baselines";
  if (!std::filesystem::exists(root)) {
    MESSAGE("skipped: ", root.string(), " is absent");
    return;
  }
  driver::CompileOptions options;
  options.generator_name = "bicep";
  options.generator_version = "dev";
  for (const char* name : kMustPass) {
    CAPTURE(name);
    auto dir = root / name;
    auto compilation = driver::CompileBicepFile((dir / "main.bicep").string(), options);
    REQUIRE(compilation.json.has_value());
    CHECK(FoldCrLf(*compilation.json) == FoldCrLf(ReadText(dir / "main.json")));
  }
}

}  // namespace
}  // namespace bicepc::emit
