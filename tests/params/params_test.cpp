// build-params: the official baselines (corpus/bicep-baselines/bicepparam) and our own fixtures.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "compiler/diagnostics/render.h"
#include "compiler/driver/params.h"
#include "compiler/source/source_file.h"

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

const fs::path kFixtures = fs::path{BICEPC_SOURCE_DIR} / "tests/params/fixtures";

auto EnvFrom(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

auto Compile(const std::string& text, std::map<std::string, std::string> env = {}) -> ParamsCompilation {
  ParamsOptions options;
  options.get_env = EnvFrom(std::move(env));
  return CompileParamsSource((kFixtures / "test.bicepparam").string(), text, options);
}

auto Codes(const ParamsCompilation& c) -> std::string {
  std::string out;
  for (const auto& d : c.diagnostics.Sorted()) out += (out.empty() ? "" : " ") + d.code;
  return out;
}

auto AllText(const ParamsCompilation& c) -> std::string {
  return diagnostics::RenderText(c.diagnostics.Sorted()) + c.parameters_json.value_or("") +
         c.usage_error.value_or("") + ParamsStdoutJson(c);
}

TEST_CASE("official bicepparam baselines: parameters.json deep-equals ours") {
  const fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus/bicep-baselines/bicepparam";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: " << root.string() << " is absent");
    return;
  }
  // The environment the official baselines were produced with.
  auto env = EnvFrom({{"stringEnvVariableName", "test"}, {"intEnvVariableName", "100"},
                      {"boolEnvironmentVariable", "true"}});
  int valid = 0, passed = 0, invalid = 0, rejected = 0;
  std::string failures;
  for (const auto& entry : fs::directory_iterator{root}) {
    const auto name = entry.path().filename().string();
    const auto input = entry.path() / "parameters.bicepparam";
    if (!fs::exists(input)) continue;
    ParamsOptions options;
    options.get_env = env;
    auto result = CompileParamsFile(input.string(), options);
    if (name.find("Invalid") != std::string::npos) {
      ++invalid;
      if (result.Failed()) ++rejected;
      else failures += " " + name + "(accepted)";
      continue;
    }
    ++valid;
    auto expected_text = source::ReadFile((entry.path() / "parameters.json").string());
    REQUIRE(expected_text);
    if (expected_text->starts_with("\xEF\xBB\xBF")) expected_text->erase(0, 3);
    auto expected = Json::parse(*expected_text);
    if (result.parameters_json && Json::parse(*result.parameters_json) == expected) {
      ++passed;
    } else {
      failures += " " + name;
    }
  }
  MESSAGE("bicepparam baselines: " << passed << "/" << valid << " valid datasets equal; " << rejected << "/"
                                   << invalid << " invalid datasets rejected; not passing:" << failures);
  CHECK(rejected == invalid);
  CHECK(passed == valid);  // all nine: externalInput(), extensionConfig, `using ... with` included
}

TEST_CASE("every .bicepparam among the real-world samples builds") {
  const fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus/realworld";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: " << root.string() << " is absent");
    return;
  }
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator{root}) {
    if (entry.path().extension() != ".bicepparam") continue;
    ++count;
    auto result = CompileParamsFile(entry.path().string(), ParamsOptions{});
    CHECK_MESSAGE(!result.Failed(), entry.path().string() << "\n"
                                                        << diagnostics::RenderText(result.diagnostics.Sorted())
                                                        << result.usage_error.value_or(""));
  }
  MESSAGE(count << " real-world .bicepparam files");
  CHECK(count >= 2);
}

// The official error diagnostics of a dataset: "CODE message" per line of parameters.diagnostics.bicepparam.
auto OfficialErrors(const fs::path& file) -> std::multiset<std::string> {
  std::multiset<std::string> out;
  std::istringstream in{source::ReadFile(file.string()).value_or("")};
  std::string line;
  while (std::getline(in, line)) {
    auto open = line.find(") [");
    auto level = line.find(" (Error)] ");
    auto source = line.rfind(" (bicep https://");
    if (!line.starts_with("//@[") || open == std::string::npos || level == std::string::npos || source == std::string::npos ||
        source < level) {
      continue;
    }
    out.insert(line.substr(open + 3, level - open - 3) + " " + line.substr(level + 10, source - level - 10));
  }
  return out;
}

TEST_CASE("official Invalid_* bicepparam datasets: error codes and messages") {
  const fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus/bicep-baselines/bicepparam";
  if (!fs::is_directory(root)) {
    MESSAGE("skipped: " << root.string() << " is absent");
    return;
  }
  for (const auto& entry : fs::directory_iterator{root}) {
    const auto name = entry.path().filename().string();
    if (name.find("Invalid") == std::string::npos) continue;
    auto expected = OfficialErrors(entry.path() / "parameters.diagnostics.bicepparam");
    auto result = CompileParamsFile((entry.path() / "parameters.bicepparam").string(), ParamsOptions{});
    std::multiset<std::string> ours;
    for (const auto& d : result.diagnostics.Sorted()) {
      if (d.level == diagnostics::Level::Error && d.file != nullptr && d.file->path().ends_with(".bicepparam")) {
        ours.insert(d.code + " " + d.message);
      }
    }
    std::size_t matched = 0;
    for (const auto& e : ours) matched += expected.count(e) > 0 ? 1 : 0;
    MESSAGE(name << ": " << matched << " of our " << ours.size() << " errors are official; official has "
                 << expected.size());
    if (name == "Invalid_MismatchedTypes") CHECK(ours == expected);
  }
}

TEST_CASE("valid fixture: values / getSecret reference / env default / order") {
  auto c = Compile(*source::ReadFile((kFixtures / "valid.bicepparam").string()));
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto j = Json::parse(*c.parameters_json);
  CHECK(j["$schema"] == "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#");
  CHECK(j["contentVersion"] == "1.0.0.0");
  auto p = j["parameters"];
  CHECK(p["name"]["value"] == "app-X");
  CHECK(p["count"]["value"] == 4);
  CHECK(p["ranged"]["value"] == 7);
  CHECK(p["secret"]["reference"]["keyVault"]["id"] ==
        "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.KeyVault/vaults/vault-1");
  CHECK(p["secret"]["reference"]["secretName"] == "secret-1");
  CHECK_FALSE(p["secret"]["reference"].contains("secretVersion"));
  std::vector<std::string> order;
  for (const auto& [k, v] : p.items()) order.push_back(k);
  CHECK(order == std::vector<std::string>{"name", "count", "secret", "ranged"});
}

TEST_CASE("readEnvironmentVariable and BICEP_PARAMETERS_OVERRIDES") {
  auto c = Compile("using 'main.bicep'\nparam name = readEnvironmentVariable('N')\nparam count = 2\n",
                   {{"N", "from-env"}, {"BICEP_PARAMETERS_OVERRIDES", R"({"count": 9, "plain": "over"})"}});
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto p = Json::parse(*c.parameters_json)["parameters"];
  CHECK(p["name"]["value"] == "from-env");
  CHECK(p["count"]["value"] == 9);
  CHECK(p["plain"]["value"] == "over");

  // The official code: BCP427 at the variable name (was our BCP338 before the official one was known).
  auto missing = Compile("using 'main.bicep'\nparam name = readEnvironmentVariable('NOPE')\n");
  CHECK(Codes(missing) == "BCP427");
}

TEST_CASE("validation errors") {
  CHECK(Codes(Compile("using 'main.bicep'\nparam count = 3\n")) == "BCP258");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 'n'\nparam nope = 1\n")) == "BCP259");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 123\n")) == "BCP033");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 'n'\nparam choice = 'c'\n")) == "BCP033");
  // Bounds as officially (checked against the official CLI): BCP332/BCP333 for lengths, BCP327/BCP328 for values.
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 'n'\nparam short = 'toolong'\n")) == "BCP332");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 'n'\nparam ranged = 11\n")) == "BCP327");
  CHECK(Codes(Compile("param name = 'n'\n")) == "BCP261");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = 'n'\nparam count = int('x')\n")) == "BCP338");
  CHECK(Codes(Compile("using 'main.bicep'\nparam name = missingVar\n")) == "BCP057");
  auto mismatch = Compile("using 'main.bicep'\nparam name = 123\n");
  CHECK(diagnostics::RenderText(mismatch.diagnostics.Sorted()).find(
            "Expected a value of type \"string\" but the provided value is of type \"123\".") != std::string::npos);
  // Cycles as officially: BCP080 at each reference, the cycle read from the referenced symbol; BCP079 for itself.
  auto cycle = Compile("using 'main.bicep'\nvar a = b\nvar b = a\nparam name = a\n");
  CHECK(Codes(cycle) == "BCP080 BCP080 BCP062");  // BCP062: the parameter's reference into the cycle
  CHECK(diagnostics::RenderText(cycle.diagnostics.Sorted()).find("(\"b\" -> \"a\")") != std::string::npos);
  CHECK(Codes(Compile("using 'main.bicep'\nvar a = a\nparam name = a\n")) == "BCP079");
}

TEST_CASE("a Key Vault secret never flows into a plain parameter / output or diagnostic") {
  // The secret's coordinates are not its value, but a getSecret may only ever be a @secure() parameter's whole value.
  const std::string secret = "TOP-SECRET-NAME";
  auto plain = Compile("using 'main.bicep'\nparam name = az.getSecret('s', 'r', 'v', '" + secret + "')\n");
  CHECK(Codes(plain) == "BCX090");
  CHECK(plain.Failed());
  CHECK(AllText(plain).find(secret) == std::string::npos);

  auto via_var = Compile("using 'main.bicep'\nvar s = getSecret('s', 'r', 'v', '" + secret +
                         "')\nparam name = 'n'\nparam plain = '${s}'\n");
  CHECK(Codes(via_var) == "BCX091");
  CHECK(AllText(via_var).find(secret) == std::string::npos);

  auto nested = Compile("using 'main.bicep'\nparam name = 'n'\nparam secret = toUpper(az.getSecret('s', 'r', 'v', '" +
                        secret + "'))\n");
  CHECK(Codes(nested) == "BCP338 BCP351");  // as officially: BCP351 at the call, the value fails (BCP338)
  CHECK(AllText(nested).find(secret) == std::string::npos);

  auto ok = Compile("using 'main.bicep'\nparam name = 'n'\nvar s = az.getSecret('s', 'r', 'v', 'n', 'ver')\nparam secret = s\n");
  INFO(AllText(ok));
  REQUIRE_FALSE(ok.Failed());
  auto p = Json::parse(*ok.parameters_json)["parameters"];
  CHECK(p["secret"]["reference"]["secretVersion"] == "ver");
  CHECK_FALSE(p["secret"].contains("value"));
}

TEST_CASE("using none emits every assignment - --stdout object") {
  auto c = Compile("using none\nparam anything = [1, 2]\n");
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto out = Json::parse(ParamsStdoutJson(c));
  CHECK(Json::parse(out["parametersJson"].get<std::string>())["parameters"]["anything"]["value"] == Json::array({1, 2}));
  CHECK(out["templateJson"].is_null());
  CHECK(out["templateSpecId"].is_null());
  auto with_template = Compile("using 'main.bicep'\nparam name = 'n'\n");
  REQUIRE_FALSE(with_template.Failed());
  CHECK(Json::parse(ParamsStdoutJson(with_template))["templateJson"].is_string());
}

TEST_CASE("extends: the base file's parameters apply unless assigned here - required ones count as assigned") {
  auto result = CompileParamsFile((kFixtures / "extends/main.bicepparam").string(), ParamsOptions{});
  REQUIRE(result.parameters_json);
  auto parameters = Json::parse(*result.parameters_json)["parameters"];
  CHECK(parameters["overridden"]["value"] == "this file wins");
  CHECK(parameters["own"]["value"] == 1);
  CHECK(parameters["shared"]["value"] == "from base");
  CHECK(parameters.size() == 3);
}

TEST_CASE("import in a parameters file: exported variables by name and by wildcard / evaluated with functions") {
  auto result = CompileParamsFile((kFixtures / "imports/main.bicepparam").string(), ParamsOptions{});
  REQUIRE(result.parameters_json);
  auto parameters = Json::parse(*result.parameters_json)["parameters"];
  CHECK(parameters["location"]["value"] == "westeurope");
  CHECK(parameters["name"]["value"] == "app-api");
  CHECK(parameters["settings"]["value"]["level"] == "prod");
}

TEST_CASE("externalInput(): one definition per (kind / config) / numbered parameters first / then variables") {
  auto c = Compile(
      "using none\n"
      "var fromVar = bool(externalInput('sys.cli', 'flag'))\n"
      "var plain = 'toy'\n"
      "param a = externalInput('sys.cli', 'name')\n"
      "param b = externalInput('sys.cli', 'name')\n"
      "param c = fromVar\n"
      "param d = '${plain}-${a}-${externalInput('my&tool.x', {path: '/p', secure: true})}'\n"
      "param e = [\n  ...externalInput('sys.envVar', 'IDS')\n  plain\n]\n"
      "param f = 'literal'\n");
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto out = Json::parse(*c.parameters_json);
  auto p = out["parameters"];
  CHECK(p["a"]["expression"] == "[externalInputs('sys_cli_0')]");
  CHECK(p["b"]["expression"] == "[externalInputs('sys_cli_0')]");
  // The variable's call is numbered after every parameter's, and the variable is inlined.
  CHECK(p["c"]["expression"] == "[bool(externalInputs('sys_cli_3'))]");
  // References to values known at compile time become those values; a parameter computed from an
  // external input is inlined as its expression.
  CHECK(p["d"]["expression"] ==
        "[format('{0}-{1}-{2}', 'toy', externalInputs('sys_cli_0'), externalInputs('my_tool_x_1'))]");
  CHECK(p["e"]["expression"] == "[flatten(createArray(externalInputs('sys_envVar_2'), createArray('toy')))]");
  CHECK(p["f"]["value"] == "literal");
  auto defs = out["externalInputDefinitions"];
  REQUIRE(defs.size() == 4);
  CHECK(defs["my_tool_x_1"]["kind"] == "my&tool.x");
  CHECK(defs["my_tool_x_1"]["config"] == Json{{"path", "/p"}, {"secure", true}});
  CHECK(defs["sys_cli_3"]["config"] == "flag");
  // Sorted by key.
  std::vector<std::string> keys;
  for (const auto& [k, v] : defs.items()) keys.push_back(k);
  CHECK(std::is_sorted(keys.begin(), keys.end()));
}

TEST_CASE("externalInput() arguments must be compile-time constants (BCP032 at the offending part)") {
  auto c = Compile("using none\nvar v = 'x'\nparam p = externalInput('custom', {\n  name: v\n})\nparam q = externalInput(v)\n");
  CHECK(Codes(c) == "BCP032 BCP032");
  auto sorted = c.diagnostics.Sorted();
  REQUIRE(sorted.size() == 2);
  CHECK(sorted[0].file->Locate(sorted[0].range.begin).line == 3);  // 0-based: `  name: v`
  CHECK(sorted[1].file->Locate(sorted[1].range.begin).line == 5);
  CHECK(c.Failed());
}

TEST_CASE("deployCommands: `using ... with` becomes usingConfig / readCliArg()/readEnvVar() external inputs") {
  auto c = CompileParamsFile((kFixtures / "deploy-commands/main.bicepparam").string(), ParamsOptions{});
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto out = Json::parse(*c.parameters_json);
  CHECK(out["parameters"]["region"]["expression"] == "[externalInputs('sys_envVar_0')]");
  CHECK(out["externalInputDefinitions"]["sys_cliArg_1"] == Json{{"kind", "sys.cliArg"}, {"config", "subscription"}});
  CHECK(out["usingConfig"]["expression"] ==
        "[createObject('mode', 'stack', 'scope', format('/subscriptions/{0}/resourceGroups/app-{1}', "
        "externalInputs('sys_cliArg_1'), externalInputs('sys_envVar_2')))]");
  // Without the feature, `with` is an error; with it, `using` needs `with`.
  CHECK(Codes(Compile("using none with {\n  mode: 'stack'\n}\n")) == "BCP435");
  auto text = std::string{"using 'main.bicep'\nparam region = 'x'\n"};
  auto no_with = CompileParamsSource((kFixtures / "deploy-commands/x.bicepparam").string(), text, ParamsOptions{});
  CHECK(Codes(no_with) == "BCP443");
}

TEST_CASE("extensionConfig assignments: sorted by name and property / Key Vault secrets as keyVaultReference") {
  auto c = CompileParamsFile((kFixtures / "extension-configs/main.bicepparam").string(), ParamsOptions{});
  INFO(AllText(c));
  REQUIRE_FALSE(c.Failed());
  auto configs = Json::parse(*c.parameters_json)["extensionConfigs"];
  CHECK(configs.begin().key() == "alpha");
  CHECK(configs["alpha"]["namespace"]["value"] == "platform");
  CHECK(configs["alpha"]["replicas"]["value"] == 3);
  CHECK(configs["zeta"].begin().key() == "context");
  CHECK(configs["zeta"]["token"]["keyVaultReference"]["secretName"] == "kube-token");
  CHECK(configs["zeta"]["token"]["keyVaultReference"]["keyVault"]["id"] ==
        "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/vault");
  CHECK(AllText(c).find("\"value\": \"kube-token\"") == std::string::npos);
}

}  // namespace
}  // namespace bicepc::driver
