#include "compiler/driver/config.h"

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

}  // namespace

auto ParseBicepConfig(std::string_view text, std::string path) -> ConfigResult {
  ConfigResult result{BuiltIn(), std::nullopt};
  result.config.path = std::move(path);
  nlohmann::ordered_json json;
  try {
    json = nlohmann::ordered_json::parse(StripTrailingCommas(text), nullptr, true, /*ignore_comments=*/true);
  } catch (const nlohmann::json::exception& e) {
    result.error = e.what();
    return result;
  }
  if (!json.is_object()) {
    result.error = "the configuration is not a JSON object";
    return result;
  }
  auto& c = result.config;
  if (auto it = json.find("experimentalFeaturesEnabled"); it != json.end() && it->is_object()) {
    if (auto f = it->find("symbolicNameCodegen"); f != it->end() && f->is_boolean()) {
      c.symbolic_name_codegen = f->get<bool>();
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
  return result;
}

auto LoadBicepConfig(const fs::path& directory) -> ConfigResult {
  std::error_code ec;
  auto dir = fs::absolute(directory, ec).lexically_normal();
  for (int guard = 0; guard < 256; ++guard) {
    auto candidate = dir / "bicepconfig.json";
    if (fs::is_regular_file(candidate, ec)) {
      std::ifstream in{candidate, std::ios::binary};
      std::string text{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
      return ParseBicepConfig(text, candidate.string());
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) break;
    dir = dir.parent_path();
  }
  return ConfigResult{BuiltIn(), std::nullopt};
}

}  // namespace bicepc::driver
