// Hashes and encodings behind uniqueString(), guid(), base64() and friends.
// (emit/ has its own MurmurHash64 for templateHash; eval and emit are sibling phases, so
// this folder keeps a private copy. Same algorithm: notes/official-bicep.md, templateHash.)
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bicepc::eval {

// ARM's 64-bit MurmurHash variant (seed 0) over the bytes of `data`.
auto MurmurHash64(std::string_view data) -> std::uint64_t;

// uniqueString(): the 64-bit hash of the UTF-8 text, as 13 base-32 characters
// (alphabet a-z2-7, 5 bits at a time from the most significant end).
auto UniqueStringOf(std::string_view joined) -> std::string;

auto Sha1(std::string_view data) -> std::array<std::uint8_t, 20>;

// RFC 4122 name-based UUID, version 5 (SHA-1), lower-case 8-4-4-4-12 text.
auto UuidV5(const std::array<std::uint8_t, 16>& name_space, std::string_view name) -> std::string;

// guid(): UuidV5 over ARM's namespace 11fb06fb-712d-4ddd-98c7-e71bbd588830.
auto ArmGuidOf(std::string_view joined) -> std::string;

auto Base64Encode(std::string_view bytes) -> std::string;
// Strict standard base64 (padding required, whitespace ignored); nullopt when invalid.
auto Base64Decode(std::string_view text) -> std::optional<std::string>;

}  // namespace bicepc::eval
