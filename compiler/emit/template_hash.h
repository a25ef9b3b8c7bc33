// metadata._generator.templateHash as the official Bicep CLI computes it (ARM's MurmurHash64 from
// stdlib/arm_hash.h over the upper-cased minified template).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bicepc::emit {

// Upper-cases UTF-8 text per code point with the simple (1:1) Unicode mapping, as .NET's
// ToUpperInvariant does (U+0131 stays unchanged). Invalid UTF-8 bytes pass through.
auto ToUpperInvariant(std::string_view utf8) -> std::string;

// The text that is hashed (before upper-casing): the template minified in ARM's typed-model
// property order. Exposed for tests and diagnostics.
auto TemplateHashInput(const nlohmann::ordered_json& template_without_hash) -> std::string;

// The templateHash value (unsigned decimal) of a template that has `metadata._generator.name`
// and `version` but no `templateHash`. Nested templates must already carry their own hash.
auto ComputeTemplateHash(const nlohmann::ordered_json& template_without_hash) -> std::string;

}  // namespace bicepc::emit
