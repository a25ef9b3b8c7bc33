// The diagnostic renderers: text (official CLI format), JSON, and SARIF 2.1.0, the latter
// validated against the official SARIF schema from ../shared when it is present.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "compiler/diagnostics/render.h"

namespace bicepc::diagnostics {
namespace {

using Json = nlohmann::json;

struct Fixture {
  source::SourceFile file{"/abs/dir with space/main.bicep", "param x string\nvar y = 'é' + z\n"};
  DiagnosticSink sink;
  Fixture() {
    sink.Emit(DiagnosticKind::SymbolicNameDoesNotExist, file, {30, 31}, {"z"});
    sink.EmitCustom("no-unused-params", Level::Warning, "Parameter \"x\" is declared but never used.", file, {6, 7});
    sink.EmitCustom("some-info", Level::Info, "An informational message.", file, {0, 5});
  }
};

TEST_CASE("text rendering uses the official line format / sorted by position") {
  Fixture f;
  const auto text = RenderText(f.sink.Sorted());
  CHECK(text ==
        "/abs/dir with space/main.bicep(1,1) : Info some-info: An informational message. "
        "[https://aka.ms/bicep/linter-diagnostics#some-info]\n"
        "/abs/dir with space/main.bicep(1,7) : Warning no-unused-params: Parameter \"x\" is declared but never used. "
        "[https://aka.ms/bicep/linter-diagnostics#no-unused-params]\n"
        // 'é' is two bytes but one UTF-16 unit: column 15, not 16.
        "/abs/dir with space/main.bicep(2,15) : Error BCP057: The name \"z\" does not exist in the current context. "
        "[https://aka.ms/bicep/core-diagnostics#BCP057]\n");
}

TEST_CASE("json rendering is an array of path/line/column/level/code/message") {
  Fixture f;
  const auto json = Json::parse(RenderJson(f.sink.Sorted()));
  REQUIRE(json.is_array());
  REQUIRE(json.size() == 3);
  CHECK(json[2] == Json{{"path", "/abs/dir with space/main.bicep"},
                        {"line", 2},
                        {"column", 15},
                        {"level", "Error"},
                        {"code", "BCP057"},
                        {"message", "The name \"z\" does not exist in the current context."}});
  CHECK(RenderJson({}) == "[]\n");
}

TEST_CASE("json rendering survives invalid UTF-8 in messages") {
  source::SourceFile file{"/a.bicep", "\xff"};
  DiagnosticSink sink;
  sink.Emit(DiagnosticKind::UnrecognizedToken, file, {0, 1}, {"\xff"});
  CHECK_NOTHROW(Json::parse(RenderJson(sink.Sorted())));
  CHECK_NOTHROW(Json::parse(RenderSarif(sink.Sorted(), "bicepc", "0")));
}

TEST_CASE("file uris percent-encode reserved bytes") {
  CHECK(FileUri("/abs/dir with space/main.bicep") == "file:///abs/dir%20with%20space/main.bicep");
  CHECK(FileUri("/a/b#c%d.bicep") == "file:///a/b%23c%25d.bicep");
  CHECK(FileUri("/ü") == "file:///%C3%BC");
}

TEST_CASE("sarif rendering: tool / rules / results / levels and locations") {
  Fixture f;
  const auto log = Json::parse(RenderSarif(f.sink.Sorted(), "bicepc", "1.2.3"));
  CHECK(log["version"] == "2.1.0");
  REQUIRE(log["runs"].size() == 1);
  const auto& run = log["runs"][0];
  CHECK(run["tool"]["driver"]["name"] == "bicepc");
  CHECK(run["tool"]["driver"]["version"] == "1.2.3");
  const auto& rules = run["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 3);
  const auto& results = run["results"];
  REQUIRE(results.size() == 3);
  std::vector<std::string> levels;
  for (const auto& result : results) {
    levels.push_back(result["level"]);
    const auto index = result["ruleIndex"].get<std::size_t>();
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
  }
  CHECK(levels == std::vector<std::string>{"note", "warning", "error"});
  const auto& error = results[2];
  CHECK(error["ruleId"] == "BCP057");
  CHECK(error["message"]["text"] ==
        "The name \"z\" does not exist in the current context. [https://aka.ms/bicep/core-diagnostics#BCP057]");
  const auto& location = error["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "file:///abs/dir%20with%20space/main.bicep");
  CHECK(location["region"]["startLine"] == 2);
  CHECK(location["region"]["startColumn"] == 15);
  CHECK(location["region"]["endColumn"] == 16);
}

// ---- a small JSON Schema (draft-04) validator: the keywords the SARIF schema uses ----
class SchemaValidator {
 public:
  explicit SchemaValidator(Json root) : root_(std::move(root)) {}  // not braces: that makes an array

  void Validate(const Json& value, const Json& schema, const std::string& where, std::vector<std::string>& errors,
                int depth = 0) const {
    if (depth > 64) return;
    REQUIRE_MESSAGE(schema.is_object(), "schema at " << where << " is not an object: " << schema.dump().substr(0, 80));
    if (schema.contains("$ref")) {
      Validate(value, Resolve(schema["$ref"].get<std::string>()), where, errors, depth + 1);
      return;
    }
    if (schema.contains("type") && !HasType(value, schema["type"])) {
      errors.push_back(where + ": wrong type, expected " + schema["type"].dump());
      return;
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& option : schema["enum"]) found = found || option == value;
      if (!found) errors.push_back(where + ": " + value.dump() + " is not one of " + schema["enum"].dump());
    }
    if (value.is_number()) {
      if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>()) {
        errors.push_back(where + ": below minimum");
      }
      if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>()) {
        errors.push_back(where + ": above maximum");
      }
    }
    if (value.is_string() && schema.contains("pattern")) {
      if (!std::regex_search(value.get<std::string>(), std::regex{schema["pattern"].get<std::string>()})) {
        errors.push_back(where + ": does not match pattern " + schema["pattern"].get<std::string>());
      }
    }
    if (value.is_array()) {
      if (schema.contains("minItems") && value.size() < schema["minItems"].get<std::size_t>()) {
        errors.push_back(where + ": too few items");
      }
      if (schema.value("uniqueItems", false)) {
        std::set<std::string> seen;
        for (const auto& item : value) {
          if (!seen.insert(item.dump()).second) errors.push_back(where + ": duplicate items");
        }
      }
      if (schema.contains("items")) {
        for (std::size_t i = 0; i < value.size(); ++i) {
          Validate(value[i], schema["items"], where + "/" + std::to_string(i), errors, depth + 1);
        }
      }
    }
    if (value.is_object()) {
      for (const auto& name : schema.value("required", Json::array())) {
        if (!value.contains(name.get<std::string>())) errors.push_back(where + ": missing " + name.dump());
      }
      const auto properties = schema.value("properties", Json::object());
      for (const auto& [key, member] : value.items()) {
        if (properties.contains(key)) {
          Validate(member, properties[key], where + "/" + key, errors, depth + 1);
        } else if (schema.contains("additionalProperties")) {
          const auto& additional = schema["additionalProperties"];
          if (additional.is_boolean() && !additional.get<bool>()) {
            errors.push_back(where + ": property \"" + key + "\" is not allowed");
          } else if (additional.is_object()) {
            Validate(member, additional, where + "/" + key, errors, depth + 1);
          }
        }
      }
    }
    for (const char* keyword : {"anyOf", "oneOf"}) {
      if (!schema.contains(keyword)) continue;
      int matches = 0;
      for (const auto& option : schema[keyword]) {
        std::vector<std::string> sub;
        Validate(value, option, where, sub, depth + 1);
        if (sub.empty()) ++matches;
      }
      if (matches == 0 || (std::string_view{keyword} == "oneOf" && matches > 1)) {
        errors.push_back(where + ": " + keyword + " not satisfied");
      }
    }
    for (const auto& option : schema.value("allOf", Json::array())) Validate(value, option, where, errors, depth + 1);
  }

  auto root() const -> const Json& { return root_; }

 private:
  auto Resolve(const std::string& ref) const -> const Json& {
    REQUIRE_MESSAGE(ref.starts_with("#/"), "unsupported $ref " << ref);
    return root_.at(Json::json_pointer{ref.substr(1)});
  }

  static auto HasType(const Json& value, const Json& type) -> bool {
    if (type.is_array()) {
      for (const auto& t : type) {
        if (HasType(value, t)) return true;
      }
      return false;
    }
    const auto name = type.get<std::string>();
    if (name == "object") return value.is_object();
    if (name == "array") return value.is_array();
    if (name == "string") return value.is_string();
    if (name == "integer") return value.is_number_integer();
    if (name == "number") return value.is_number();
    if (name == "boolean") return value.is_boolean();
    if (name == "null") return value.is_null();
    return true;
  }

  Json root_;
};

TEST_CASE("the schema validator rejects a broken log (self-check)") {
  const std::filesystem::path schema_path =
      std::filesystem::path{BICEPC_SHARED_DIR} / "schemas" / "sarif" / "sarif-schema-2.1.0.json";
  if (!std::filesystem::exists(schema_path)) {
    MESSAGE("skipped: " << schema_path.string() << " is absent");
    return;
  }
  std::ifstream in{schema_path};
  const SchemaValidator validator(Json::parse(in));
  Fixture f;
  auto log = Json::parse(RenderSarif(f.sink.Sorted(), "bicepc", "1.2.3"));
  log["runs"][0]["results"][0]["level"] = "fatal";
  log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0;
  log["runs"][0]["tool"]["driver"].erase("name");
  std::vector<std::string> errors;
  validator.Validate(log, validator.root(), "", errors);
  CHECK(errors.size() >= 3);
}

TEST_CASE("sarif output validates against the SARIF 2.1.0 schema") {
  const std::filesystem::path schema_path =
      std::filesystem::path{BICEPC_SHARED_DIR} / "schemas" / "sarif" / "sarif-schema-2.1.0.json";
  if (!std::filesystem::exists(schema_path)) {
    MESSAGE("skipped: " << schema_path.string() << " is absent");
    return;
  }
  std::ifstream in{schema_path};
  const SchemaValidator validator(Json::parse(in));
  Fixture f;
  for (const auto& diagnostics : {f.sink.Sorted(), std::vector<Diagnostic>{}}) {
    const auto log = Json::parse(RenderSarif(diagnostics, "bicepc", "1.2.3"));
    std::vector<std::string> errors;
    validator.Validate(log, validator.root(), "", errors);
    std::string all;
    for (const auto& e : errors) all += e + "\n";
    CHECK_MESSAGE(errors.empty(), all);
  }
}

}  // namespace
}  // namespace bicepc::diagnostics
