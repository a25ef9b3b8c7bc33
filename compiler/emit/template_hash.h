// metadata._generator.templateHash as the official Bicep CLI computes it, plus ARM's 64-bit
// MurmurHash variant and uniqueString(), which share the hash.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bicepc::emit {

// ARM's MurmurHash64 (two 32-bit lanes, seed 0), as behind uniqueString() and templateHash.
auto MurmurHash64(std::string_view bytes) -> std::uint64_t;

// ARM uniqueString(a, b, ...): the murmur hash of the arguments joined by '-', 13 base32 chars.
auto UniqueString(std::span<const std::string_view> parts) -> std::string;

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
