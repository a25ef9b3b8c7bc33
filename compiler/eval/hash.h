// Hashes and encodings behind uniqueString(), guid(), base64() and friends.
// (MurmurHash64 / uniqueString live in stdlib/arm_hash.h, shared with templateHash.)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bicepc::eval {

auto Sha1(std::string_view data) -> std::array<std::uint8_t, 20>;

// RFC 4122 name-based UUID, version 5 (SHA-1), lower-case 8-4-4-4-12 text.
auto UuidV5(const std::array<std::uint8_t, 16>& name_space, std::string_view name) -> std::string;

// guid(): UuidV5 over ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830.
auto ArmGuidOf(std::string_view joined) -> std::string;

auto Base64Encode(std::string_view bytes) -> std::string;
// Strict standard base64 (padding required, whitespace ignored); nullopt when invalid.
auto Base64Decode(std::string_view text) -> std::optional<std::string>;

}  // namespace bicepc::eval
