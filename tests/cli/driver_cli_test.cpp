// In-process tests of the driver pieces behind the command line: option validation, --pattern
// globbing, atomic output files, and the build/lint commands' streams and exit codes.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/driver/cli_commands.h"
#include "compiler/driver/compile.h"
#include "compiler/driver/config.h"
#include "compiler/driver/file_pattern.h"
#include "compiler/driver/output.h"

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string templ = (fs::temp_directory_path() / "bicepc-test-XXXXXX").string();
    path = ::mkdtemp(templ.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  auto operator=(const TempDir&) -> TempDir& = delete;
  void Write(const std::string& relative, const std::string& text) const {
    fs::create_directories((path / relative).parent_path());
    std::ofstream{path / relative} << text;
  }
  auto Read(const std::string& relative) const -> std::string {
    std::ifstream in{path / relative};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

TEST_CASE("build option conflicts give the official messages") {
  BuildCommand c;
  CHECK(ValidateBuildCommand(c) == "Either the input file path or the --pattern parameter must be specified");
  c.input = "a.bicep";
  CHECK(ValidateBuildCommand(c) == std::nullopt);
  c.pattern = "*.bicep";
  CHECK(ValidateBuildCommand(c) == "The input file path and the --pattern parameter cannot both be specified");
  c.input.reset();
  c.to_stdout = true;
  CHECK(ValidateBuildCommand(c) == "The --stdout parameter cannot be used with the --pattern parameter");
  c.to_stdout = false;
  c.outfile = "x.json";
  CHECK(ValidateBuildCommand(c) == "The --outfile parameter cannot be used with the --pattern parameter");
  c.outfile.reset();
  c.outdir = "out";
  CHECK(ValidateBuildCommand(c) == std::nullopt);  // --outdir works with --pattern
  c = BuildCommand{};
  c.input = "a.bicep";
  c.outdir = "d";
  c.outfile = "f";
  CHECK(ValidateBuildCommand(c) == "The --outdir and --outfile parameters cannot both be used");
  c.outdir.reset();
  c.to_stdout = true;
  CHECK(ValidateBuildCommand(c) == "The --outfile and --stdout parameters cannot both be used");
  c.outfile.reset();
  c.outdir = "d";
  CHECK(ValidateBuildCommand(c) == "The --outdir and --stdout parameters cannot both be used");
  c = BuildCommand{};
  c.input = "a.bicep";
  c.dump = "ast";
  CHECK(ValidateBuildCommand(c).has_value());
  c.dump = "SYNTAX";
  CHECK(ValidateBuildCommand(c) == std::nullopt);
}

TEST_CASE("diagnostics format values are case-insensitive") {
  CHECK(ParseDiagnosticsFormat("default") == DiagnosticsFormat::Default);
  CHECK(ParseDiagnosticsFormat("Sarif") == DiagnosticsFormat::Sarif);
  CHECK(ParseDiagnosticsFormat("json") == std::nullopt);
}

TEST_CASE("glob matching: * / ? / [..] within a segment - ** across segments") {
  CHECK(GlobMatches("*.bicep", "main.bicep"));
  CHECK_FALSE(GlobMatches("*.bicep", "a/main.bicep"));
  CHECK(GlobMatches("**/*.bicep", "main.bicep"));
  CHECK(GlobMatches("**/*.bicep", "a/b/c/main.bicep"));
  CHECK(GlobMatches("a/**/main.bicep", "a/main.bicep"));
  CHECK(GlobMatches("a/**/main.bicep", "a/x/y/main.bicep"));
  CHECK_FALSE(GlobMatches("a/**/main.bicep", "b/x/main.bicep"));
  CHECK(GlobMatches("**/b/*.bicep", "x/b/z.bicep"));
  CHECK_FALSE(GlobMatches("**/b/*.bicep", "x/b/c/z.bicep"));
  CHECK(GlobMatches("m?in.bicep", "main.bicep"));
  CHECK(GlobMatches("[ab].bicep", "b.bicep"));
  CHECK_FALSE(GlobMatches("[ab].bicep", "c.bicep"));
  CHECK(GlobMatches("**", "any/thing"));
}

TEST_CASE("pattern expansion is relative to the working directory / sorted / absolute") {
  TempDir dir;
  dir.Write("x.bicep", "");
  dir.Write("a/y.bicep", "");
  dir.Write("a/b/z.bicep", "");
  dir.Write("a/b/notes.txt", "");
  const auto base = dir.path.string();
  CHECK(ExpandFilePattern(base, "*.bicep") == std::vector<std::string>{base + "/x.bicep"});
  CHECK(ExpandFilePattern(base, "**/*.bicep") ==
        std::vector<std::string>{base + "/a/b/z.bicep", base + "/a/y.bicep", base + "/x.bicep"});
  CHECK(ExpandFilePattern(base, "a/**/*.bicep") ==
        std::vector<std::string>{base + "/a/b/z.bicep", base + "/a/y.bicep"});
  CHECK(ExpandFilePattern("/", base + "/a/*.bicep") == std::vector<std::string>{base + "/a/y.bicep"});
  CHECK(ExpandFilePattern(base, "nothing/*.bicep").empty());
}

TEST_CASE("atomic writes replace the file / keep its mode and leave no temporary file") {
  TempDir dir;
  const auto target = (dir.path / "main.json").string();
  CHECK(WriteFileAtomically(target, "one") == std::nullopt);
  CHECK(dir.Read("main.json") == "one");
  ::chmod(target.c_str(), 0640);
  CHECK(WriteFileAtomically(target, "two") == std::nullopt);
  CHECK(dir.Read("main.json") == "two");
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0640);
  CHECK(WriteFileAtomically((dir.path / "missing-dir" / "x.json").string(), "x").has_value());
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator{dir.path}) ++entries;
  CHECK(entries == 1);
}

TEST_CASE("a failed build leaves the existing output untouched and reports on stderr") {
  TempDir dir;
  dir.Write("main.json", "previous");
  BuildCommand c;
  c.input = "missing.bicep";
  c.outfile = "main.json";
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunBuild(c, dir.path.string(), out, err) == 1);
  CHECK(out.str().empty());
  CHECK(err.str().starts_with((dir.path / "missing.bicep").string() + "(1,1) : Error "));
  CHECK(dir.Read("main.json") == "previous");
}

TEST_CASE("load functions: a missing file is BCP091 and a directory BCP275 / with the absolute path") {
  TempDir dir;
  dir.Write("assets/present.txt", "x");
  dir.Write("main.bicep",
            "var a = loadTextContent('assets/missing.txt')\nvar b = loadFileAsBase64('assets')\n");
  BuildCommand c;
  c.input = "main.bicep";
  c.to_stdout = true;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunBuild(c, dir.path.string(), out, err) == 1);
  const auto main = (dir.path / "main.bicep").string();
  CHECK(err.str().find(main + "(1,25) : Error BCP091: An error occurred reading file. Could not find file '" +
                       (dir.path / "assets" / "missing.txt").string() + "'.") != std::string::npos);
  CHECK(err.str().find(main + "(2,26) : Error BCP275: Unable to open file at path \"" +
                       (dir.path / "assets").string() + "\". Found a directory instead.") != std::string::npos);
  CHECK(out.str().empty());
}

TEST_CASE("load functions: the official size limits (BCP184)") {
  TempDir dir;
  dir.Write("big.txt", std::string(131073, 'a'));
  dir.Write("big.bin", std::string(98305, 'b'));
  dir.Write("ok.txt", std::string(131072, 'a'));
  dir.Write("main.bicep",
            "var a = loadTextContent('big.txt')\nvar b = loadFileAsBase64('big.bin')\nvar c = loadTextContent('ok.txt')\n");
  BuildCommand c;
  c.input = "main.bicep";
  c.to_stdout = true;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunBuild(c, dir.path.string(), out, err) == 1);
  CHECK(err.str().find("(1,25) : Error BCP184: File '" + (dir.path / "big.txt").string() +
                       "' exceeded maximum size of 131072 characters.") != std::string::npos);
  CHECK(err.str().find("(2,26) : Error BCP184: File '" + (dir.path / "big.bin").string() +
                       "' exceeded maximum size of 98304 bytes.") != std::string::npos);
  CHECK(err.str().find("(3,") == std::string::npos);
}

TEST_CASE("registry modules come from the official cache layout - bicepconfig.json aliases and cache root") {
  TempDir dir;
  dir.Write("bicepconfig.json",
            "{\n  // comments and trailing commas are allowed\n  \"cacheRootDirectory\": \"" + (dir.path / "cache").string() +
                "\",\n  \"moduleAliases\": {\"br\": {\"shared\": {\"registry\": \"Example.azurecr.io\", \"modulePath\": "
                "\"infra\"},},},\n}\n");
  // br/shared:storage:V1 -> br:example.azurecr.io/infra/storage:V1, tag folder "V1$1" (upper-case mask)
  dir.Write("cache/br/example.azurecr.io/infra$storage/V1$1/main.json",
            R"({"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",)"
            R"( "contentVersion": "1.0.0.0", "resources": []})");
  dir.Write("main.bicep",
            "module restored 'br/shared:storage:V1' = {\n  name: 'restored'\n}\n"
            "module missing 'br:example.azurecr.io/infra/network:v2' = {\n  name: 'missing'\n}\n"
            "module unknownAlias 'br/nope:x:v1' = {\n  name: 'unknownAlias'\n}\n");
  BuildCommand c;
  c.input = "main.bicep";
  c.to_stdout = true;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunBuild(c, dir.path.string(), out, err) == 1);
  const auto main = (dir.path / "main.bicep").string();
  CHECK(err.str().find(main + "(1,") == std::string::npos);  // `restored` (line 1) is found in the cache
  CHECK(err.str().find(main + "(4,16) : Error BCP190: The artifact with reference "
                              "\"br:example.azurecr.io/infra/network:v2\" has not been restored.") != std::string::npos);
  CHECK(err.str().find("Info BCX006") != std::string::npos);
  CHECK(err.str().find(main + "(7,21) : Error BCP213: The OCI artifact module alias name \"nope\" does not exist in the "
                              "Bicep configuration \"" + (dir.path / "bicepconfig.json").string() + "\".") !=
        std::string::npos);

  dir.Write("main.bicep", "module restored 'br/shared:storage:V1' = {\n  name: 'restored'\n}\n");
  std::ostringstream out2;
  std::ostringstream err2;
  CHECK(RunBuild(c, dir.path.string(), out2, err2) == 0);
  CHECK(out2.str().find(R"("template": {)") != std::string::npos);

  dir.Write("bicepconfig.json", "{ not json");
  std::ostringstream out3;
  std::ostringstream err3;
  CHECK(RunBuild(c, dir.path.string(), out3, err3) == 1);
  CHECK(err3.str().find("Error BCP271: Failed to parse the contents of the Bicep configuration file") != std::string::npos);
}

TEST_CASE("module cycles: BCP095 names the files of the cycle") {
  TempDir dir;
  dir.Write("a.bicep", "module b 'b.bicep' = {\n  name: 'b'\n}\n");
  dir.Write("b.bicep", "module a 'a.bicep' = {\n  name: 'a'\n}\n");
  BuildCommand c;
  c.input = "a.bicep";
  c.to_stdout = true;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunBuild(c, dir.path.string(), out, err) == 1);
  CHECK(err.str().find((dir.path / "b.bicep").string() + "(1,10) : Error BCP095: The file is involved in a cycle (\"file://" +
                       (dir.path / "a.bicep").string() + "\" -> \"file://" + (dir.path / "b.bicep").string() + "\").") !=
        std::string::npos);
  CHECK(out.str().empty());
}

TEST_CASE("a module file used by several templates is read and compiled once") {
  TempDir dir;
  dir.Write("shared.bicep", "output ok bool = true\n");
  dir.Write("a.bicep", "module s 'shared.bicep' = {\n  name: 's'\n}\n");
  dir.Write("b.bicep", "module s 'shared.bicep' = {\n  name: 's'\n}\n");
  dir.Write("main.bicep", "module a 'a.bicep' = {\n  name: 'a'\n}\nmodule b 'b.bicep' = {\n  name: 'b'\n}\n");
  auto compilation = CompileBicepFile((dir.path / "main.bicep").string(), CompileOptions{});
  REQUIRE(compilation.json);
  auto reads = std::count_if(compilation.files.begin(), compilation.files.end(),
                             [&](const auto& f) { return f->path() == (dir.path / "shared.bicep").string(); });
  CHECK(reads == 1);
  CHECK(compilation.json->find("\"name\": \"s\"") != std::string::npos);
}

TEST_CASE("generate-params: placeholders for required parameters / defaults with --include-params all / merge") {
  TempDir dir;
  dir.Write("main.bicep",
            "param name string\nparam count int = 3\nparam settings {\n  tier: string\n  size: int\n}\n"
            "param location string = resourceGroup().location\n");
  GenerateParamsCommand c;
  c.input = "main.bicep";
  c.to_stdout = true;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunGenerateParams(c, dir.path.string(), out, err) == 0);
  CHECK(out.str() ==
        "{\n  \"$schema\": \"https://schema.management.azure.com/schemas/2015-01-01/deploymentParameters.json#\",\n"
        "  \"contentVersion\": \"1.0.0.0\",\n  \"parameters\": {\n    \"name\": {\n      \"value\": \"\"\n    },\n"
        "    \"settings\": {\n      \"value\": {\n        \"size\": 0,\n        \"tier\": \"\"\n      }\n    }\n  }\n}");

  c.to_stdout = false;
  c.include_params = "all";
  dir.Write("main.parameters.json", R"({"contentVersion": "2.0.0.0", "parameters": {"name": {"value": "kept"}}})");
  std::ostringstream out2;
  std::ostringstream err2;
  CHECK(RunGenerateParams(c, dir.path.string(), out2, err2) == 0);
  auto written = dir.Read("main.parameters.json");
  CHECK(written.find(R"("contentVersion": "2.0.0.0")") != std::string::npos);
  CHECK(written.find(R"("value": "kept")") != std::string::npos);
  CHECK(written.find(R"("value": 3)") != std::string::npos);
  CHECK(written.find(R"("location": {)") != std::string::npos);

  // A file with errors: its diagnostics, exit 1, nothing written (as the official command).
  dir.Write("broken.bicep", "param name string = undefinedSymbol\n");
  GenerateParamsCommand broken;
  broken.input = "broken.bicep";
  std::ostringstream broken_out;
  std::ostringstream broken_err;
  CHECK(RunGenerateParams(broken, dir.path.string(), broken_out, broken_err) == 1);
  CHECK(broken_err.str().find("BCP057") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "broken.parameters.json"));

  c.output_format = "yaml";
  std::ostringstream err3;
  CHECK(RunGenerateParams(c, dir.path.string(), out2, err3) == 1);
  CHECK(err3.str() == "The --output-format parameter only accepts these values: json | bicepparam\n");
}

// Expected texts produced by the official CLI (0.49.2) for the same input.
TEST_CASE("generate-params --output-format bicepparam: defaults / placeholders / calls marked TODO") {
  TempDir dir;
  dir.Write("app.bicep",
            "type sku = { name: string, capacity: int }\n"
            "param location string = resourceGroup().location\n"
            "@allowed(['dev', 'prod'])\nparam environment string\n"
            "param plan sku\n"
            "param settings { tier: string, scale: { min: int } }\n"
            "param stamp string = utcNow()\n"
            "param zones array = [ '1', string(2) ]\n"
            "param tags object = { owner: 'platform', created: utcNow(), list: [ 1 ] }\n"
            "param optional string?\n");
  GenerateParamsCommand c;
  c.input = "app.bicep";
  c.output_format = "bicepparam";
  c.include_params = "all";
  std::ostringstream out;
  std::ostringstream err;
  REQUIRE(RunGenerateParams(c, dir.path.string(), out, err) == 0);
  CHECK(dir.Read("app.bicepparam") ==
        "using './app.bicep'\n\n"
        "param location = resourceGroup().location\n"
        "param environment = 'dev'\n"
        "param plan = ''\n"
        "param settings = {\n  tier: ''\n  scale: {\n    min: 0\n  }\n}\n"
        "param stamp = ? /* TODO : please fix the value assigned to this parameter `utcNow()` */\n"
        "param zones = [\n  '1'\n  ? /* TODO : please fix the value assigned to this parameter `string()` */\n]\n"
        "param tags = {\n  owner: 'platform'\n"
        "  created: ? /* TODO : please fix the value assigned to this parameter `utcNow()` */\n"
        "  list: [\n    1\n  ]\n}\n"
        "param optional =\n\n\n");

  c.include_params.reset();
  c.to_stdout = true;
  std::ostringstream required;
  REQUIRE(RunGenerateParams(c, dir.path.string(), required, err) == 0);
  CHECK(required.str() ==
        "using './app.bicep'\n\nparam environment = 'dev'\nparam plan = ''\n"
        "param settings = {\n  tier: ''\n  scale: {\n    min: 0\n  }\n}\nparam optional =\n\n\n");

  // JSON: @allowed parameters get no placeholder; a declared object type gets its properties, sorted by
  // name as the official object type orders them.
  c.output_format = "json";
  std::ostringstream json;
  REQUIRE(RunGenerateParams(c, dir.path.string(), json, err) == 0);
  CHECK(json.str().find("\"environment\": {},") != std::string::npos);
  CHECK(json.str().find("\"plan\": {\n      \"value\": {\n        \"capacity\": 0,\n        \"name\": \"\"") !=
        std::string::npos);
}

TEST_CASE("bicepconfig.json: the extends chain merges base first / the nearest file wins - cycles are errors") {
  TempDir dir;
  dir.Write("base.json", R"({"moduleAliases": {"br": {"shared": {"registry": "base.azurecr.io"}}},
                             "experimentalFeaturesEnabled": {"symbolicNameCodegen": true}})");
  dir.Write("project/bicepconfig.json", R"({
    // the project overrides the registry, keeps the rest
    "extends": "../base.json",
    "moduleAliases": {"br": {"shared": {"registry": "project.azurecr.io"}}},
  })");
  auto loaded = LoadBicepConfig(dir.path / "project" / "sub");
  REQUIRE_FALSE(loaded.error);
  CHECK(loaded.config.symbolic_name_codegen);
  CHECK(loaded.config.br_aliases["shared"].registry == "project.azurecr.io");
  CHECK(loaded.config.br_aliases["public"].registry == "mcr.microsoft.com");

  dir.Write("base.json", R"({"extends": "project/bicepconfig.json"})");
  auto cyclic = LoadBicepConfig(dir.path / "project");
  REQUIRE(cyclic.error);
  CHECK(cyclic.error->kind == ConfigError::Kind::ExtendsCycle);
}

TEST_CASE("lint writes SARIF to stdout / build writes it to stderr") {
  TempDir dir;
  LintCommand lint;
  lint.input = "missing.bicep";
  lint.diagnostics_format = DiagnosticsFormat::Sarif;
  std::ostringstream out;
  std::ostringstream err;
  CHECK(RunLint(lint, dir.path.string(), out, err) == 1);
  CHECK(out.str().find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(err.str().empty());

  BuildCommand build;
  build.input = "missing.bicep";
  build.diagnostics_format = DiagnosticsFormat::Sarif;
  std::ostringstream out2;
  std::ostringstream err2;
  CHECK(RunBuild(build, dir.path.string(), out2, err2) == 1);
  CHECK(out2.str().empty());
  CHECK(err2.str().find("\"version\": \"2.1.0\"") != std::string::npos);
}

}  // namespace
}  // namespace bicepc::driver
