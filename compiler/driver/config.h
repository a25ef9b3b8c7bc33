// bicepconfig.json as the official CLI finds and reads it: the nearest one in the folder of the
// compiled file or an ancestor, JSON with comments (and trailing commas), following its "extends"
// chain (base first, the nearest file wins) and merged over the built-in configuration. bicepc reads experimentalFeaturesEnabled, moduleAliases and cacheRootDirectory;
// `analyzers` is kept for the linter.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace bicepc::driver {

struct OciAlias {
  std::string registry;
  std::string module_path;  // optional prefix of the repository
};

struct TemplateSpecAlias {
  std::string subscription;
  std::string resource_group;
};

struct BicepConfig {
  std::string path;  // the file read; empty for the built-in configuration
  bool symbolic_name_codegen = false;
  std::set<std::string> experimental_features;  // experimentalFeaturesEnabled entries set to true
  auto Experimental(std::string_view name) const -> bool { return experimental_features.contains(std::string{name}); }
  std::map<std::string, OciAlias> br_aliases;  // includes the built-in "public" alias
  std::map<std::string, TemplateSpecAlias> ts_aliases;
  std::filesystem::path cache_root;  // cacheRootDirectory (default ~/.bicep)
  nlohmann::ordered_json analyzers = nlohmann::ordered_json::object();
};

struct ConfigError {
  enum class Kind : std::uint8_t { Unparsable, Unloadable, ExtendsAbsolutePath, ExtendsCycle, ExtendsTooDeep };
  Kind kind = Kind::Unparsable;
  std::vector<std::string> args;  // the official message arguments
};

struct ConfigResult {
  BicepConfig config;
  std::optional<ConfigError> error;
};

// The configuration for a file in `directory`.
auto LoadBicepConfig(const std::filesystem::path& directory) -> ConfigResult;

// Parses a bicepconfig.json text (comments and trailing commas allowed) over the built-in values.
auto ParseBicepConfig(std::string_view text, std::string path) -> ConfigResult;

}  // namespace bicepc::driver
