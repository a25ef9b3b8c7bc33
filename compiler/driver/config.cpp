#include "compiler/driver/config.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;

auto BuiltIn() -> BicepConfig {
  BicepConfig c;
  c.br_aliases["public"] = OciAlias{"mcr.microsoft.com", "bicep"};
  const char* home = std::getenv("HOME");
  c.cache_root = fs::path{home != nullptr ? home : "."} / ".bicep";
  return c;
}

// Removes commas that directly precede '}' or ']' (outside strings and comments).
auto StripTrailingCommas(std::string_view text) -> std::string {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        out.push_back(text[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '/' && i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
      bool line = text[i + 1] == '/';
      auto end = line ? text.find('\n', i) : text.find("*/", i + 2);
      end = end == std::string_view::npos ? text.size() : end + (line ? 0 : 2);
      out.append(text.substr(i, end - i));
      i = end - 1;
      continue;
    } else if (c == ',') {
      auto j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
      if (j < text.size() && (text[j] == '}' || text[j] == ']')) continue;
    }
    out.push_back(c);
  }
  return out;
}

auto StringAt(const nlohmann::ordered_json& j, const char* key) -> std::string {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// Applies a (merged) configuration object over the built-in values.
void Apply(const nlohmann::ordered_json& json, BicepConfig& c) {
  if (auto it = json.find("experimentalFeaturesEnabled"); it != json.end() && it->is_object()) {
    if (auto f = it->find("symbolicNameCodegen"); f != it->end() && f->is_boolean()) {
      c.symbolic_name_codegen = f->get<bool>();
    }
    for (const auto& [name, value] : it->items()) {
      if (value.is_boolean() && value.get<bool>()) c.experimental_features.insert(name);
      else c.experimental_features.erase(name);
    }
  }
  if (auto it = json.find("moduleAliases"); it != json.end() && it->is_object()) {
    if (auto br = it->find("br"); br != it->end() && br->is_object()) {
      for (const auto& [name, value] : br->items()) {
        if (value.is_object()) c.br_aliases[name] = OciAlias{StringAt(value, "registry"), StringAt(value, "modulePath")};
      }
    }
    if (auto ts = it->find("ts"); ts != it->end() && ts->is_object()) {
      for (const auto& [name, value] : ts->items()) {
        if (value.is_object()) {
          c.ts_aliases[name] = TemplateSpecAlias{StringAt(value, "subscription"), StringAt(value, "resourceGroup")};
        }
      }
    }
  }
  if (auto root = StringAt(json, "cacheRootDirectory"); !root.empty()) {
    if (root.starts_with("~/")) {
      const char* home = std::getenv("HOME");
      root = std::string{home != nullptr ? home : "."} + root.substr(1);
    }
    c.cache_root = fs::path{root};
  }
  if (auto it = json.find("analyzers"); it != json.end() && it->is_object()) {
    c.analyzers = *it;
  }
}

// Deep merge: objects key by key, anything else replaced by `layer`'s value.
void Merge(nlohmann::ordered_json& base, const nlohmann::ordered_json& layer) {
  if (!base.is_object() || !layer.is_object()) {
    base = layer;
    return;
  }
  for (const auto& [k, v] : layer.items()) {
    if (base.contains(k)) {
      Merge(base[k], v);
    } else {
      base[k] = v;
    }
  }
}

auto ParseText(std::string_view text, std::string& error) -> std::optional<nlohmann::ordered_json> {
  try {
    auto json = nlohmann::ordered_json::parse(StripTrailingCommas(text), nullptr, true, /*ignore_comments=*/true);
    if (!json.is_object()) {
      error = "the configuration is not a JSON object";
      return std::nullopt;
    }
    return json;
  } catch (const nlohmann::json::exception& e) {
    error = e.what();
    return std::nullopt;
  }
}

}  // namespace

auto ParseBicepConfig(std::string_view text, std::string path) -> ConfigResult {
  ConfigResult result{BuiltIn(), std::nullopt};
  result.config.path = path;
  std::string error;
  auto json = ParseText(text, error);
  if (!json) {
    result.error = ConfigError{ConfigError::Kind::Unparsable, {std::move(path), error}};
    return result;
  }
  Apply(*json, result.config);
  return result;
}

auto LoadBicepConfig(const fs::path& directory) -> ConfigResult {
  std::error_code ec;
  auto dir = fs::absolute(directory, ec).lexically_normal();
  std::optional<fs::path> leaf;
  for (int guard = 0; guard < 256; ++guard) {
    auto candidate = dir / "bicepconfig.json";
    if (fs::is_regular_file(candidate, ec)) {
      leaf = candidate;
      break;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  ConfigResult result{BuiltIn(), std::nullopt};
  if (!leaf) return result;
  result.config.path = leaf->string();
  // The "extends" chain: leaf first; merged base first so that the leaf wins.
  std::vector<nlohmann::ordered_json> layers;
  std::vector<std::string> visited;
  auto current = *leaf;
  constexpr std::size_t kMaxChainDepth = 64;
  while (true) {
    std::ifstream in{current, std::ios::binary};
    if (!in) {
      result.error = ConfigError{ConfigError::Kind::Unloadable, {current.string(), "File not found."}};
      return result;
    }
    std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
    std::string error;
    auto json = ParseText(text, error);
    if (!json) {
      result.error = ConfigError{ConfigError::Kind::Unparsable, {current.string(), error}};
      return result;
    }
    visited.push_back(current.string());
    auto extends = StringAt(*json, "extends");
    json->erase("extends");
    layers.push_back(std::move(*json));
    if (extends.empty()) break;
    if (fs::path{extends}.is_absolute()) {
      result.error = ConfigError{ConfigError::Kind::ExtendsAbsolutePath, {current.string()}};
      return result;
    }
    auto next = (current.parent_path() / extends).lexically_normal();
    if (std::find(visited.begin(), visited.end(), next.string()) != visited.end()) {
      std::string cycle;
      for (const auto& v : visited) cycle += v + " -> ";
      result.error = ConfigError{ConfigError::Kind::ExtendsCycle, {leaf->string(), cycle + next.string()}};
      return result;
    }
    if (layers.size() >= kMaxChainDepth) {
      result.error = ConfigError{ConfigError::Kind::ExtendsTooDeep, {leaf->string()}};
      return result;
    }
    current = next;
  }
  nlohmann::ordered_json merged = nlohmann::ordered_json::object();
  for (auto it = layers.rbegin(); it != layers.rend(); ++it) Merge(merged, *it);
  Apply(merged, result.config);
  return result;
}

}  // namespace bicepc::driver
