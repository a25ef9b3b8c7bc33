#include "compiler/diagnostics/render.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace bicepc::diagnostics {
namespace {

struct Position {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, UTF-16 code units
};

auto Start(const Diagnostic& d) -> Position {
  if (d.file == nullptr) return {};
  const auto lc = d.file->Locate(d.range.begin);
  return {lc.line + 1, lc.column + 1};
}

auto End(const Diagnostic& d) -> Position {
  if (d.file == nullptr) return {};
  const auto lc = d.file->Locate(d.range.end < d.range.begin ? d.range.begin : d.range.end);
  return {lc.line + 1, lc.column + 1};
}

auto PathOf(const Diagnostic& d) -> std::string { return d.file != nullptr ? d.file->path() : std::string{}; }

// Diagnostics may quote user text that is not valid UTF-8; never throw on it.
auto Dump(const nlohmann::ordered_json& value) -> std::string {
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

auto RenderTextLine(const Diagnostic& d) -> std::string {
  const auto start = Start(d);
  return fmt::format("{}({},{}) : {} {}: {} [{}]", PathOf(d), start.line, start.column, LevelName(d.level), d.code,
                     d.message, d.Uri());
}

auto RenderText(const std::vector<Diagnostic>& sorted) -> std::string {
  std::string out;
  for (const auto& d : sorted) {
    out += RenderTextLine(d);
    out += '\n';
  }
  return out;
}

auto SarifLevel(Level level) -> std::string_view {
  switch (level) {
    case Level::Error: return "error";
    case Level::Warning: return "warning";
    case Level::Info: return "note";
    case Level::Off: return "none";
  }
  return "error";
}

auto FileUri(std::string_view absolute_path) -> std::string {
  std::string out = "file://";
  for (const char ch : absolute_path) {
    const auto byte = static_cast<unsigned char>(ch);
    const bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                            byte == '~' || byte == '/';
    if (unreserved) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

auto RenderSarif(const std::vector<Diagnostic>& sorted, std::string_view tool_name, std::string_view tool_version)
    -> std::string {
  using Json = nlohmann::ordered_json;
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  Json results = Json::array();
  for (const auto& d : sorted) {
    auto [it, inserted] = rule_index.try_emplace(d.code, rule_index.size());
    if (inserted) {
      Json rule = {{"id", d.code}, {"helpUri", d.Uri()}};
      if (d.kind != DiagnosticKind::LinterRule) {
        rule["name"] = std::string{Info(d.kind).name};
        rule["defaultConfiguration"] = {{"level", std::string{SarifLevel(Info(d.kind).level)}}};
      }
      rules.push_back(std::move(rule));
    }
    const auto start = Start(d);
    const auto end = End(d);
    Json region = {{"startLine", start.line},
                   {"startColumn", start.column},
                   {"endLine", end.line},
                   {"endColumn", end.column}};
    Json location = {
        {"physicalLocation", {{"artifactLocation", {{"uri", FileUri(PathOf(d))}}}, {"region", std::move(region)}}}};
    results.push_back(Json{{"ruleId", d.code},
                           {"ruleIndex", it->second},
                           {"level", std::string{SarifLevel(d.level)}},
                           {"message", {{"text", fmt::format("{} [{}]", d.message, d.Uri())}}},
                           {"locations", Json::array({std::move(location)})}});
  }
  Json driver = {{"name", std::string{tool_name}},
                 {"version", std::string{tool_version}},
                 {"informationUri", "https://aka.ms/bicep/core-diagnostics"},
                 {"rules", std::move(rules)}};
  Json log = {{"$schema", "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({Json{{"tool", {{"driver", std::move(driver)}}},
                                         {"columnKind", "utf16CodeUnits"},
                                         {"results", std::move(results)}}})}};
  return Dump(log) + "\n";
}

auto RenderJson(const std::vector<Diagnostic>& sorted) -> std::string {
  using Json = nlohmann::ordered_json;
  Json out = Json::array();
  for (const auto& d : sorted) {
    const auto start = Start(d);
    out.push_back(Json{{"path", PathOf(d)},
                       {"line", start.line},
                       {"column", start.column},
                       {"level", std::string{LevelName(d.level)}},
                       {"code", d.code},
                       {"message", d.message}});
  }
  return Dump(out) + "\n";
}

}  // namespace bicepc::diagnostics
