// YAML documents as JSON values (for loadYamlContent), read with libyaml.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace bicepc::driver {

// The first document of `text` as JSON: mappings become objects, sequences arrays; plain scalars
// resolve as YAML's core schema does (null, ~ and empty are null; true/false; integers; floats),
// quoted scalars stay strings. nullopt with `error` set when the text is not valid YAML.
auto ParseYaml(std::string_view text, std::string& error) -> std::optional<nlohmann::ordered_json>;

}  // namespace bicepc::driver
