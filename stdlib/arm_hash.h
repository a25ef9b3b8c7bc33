// ARM's 64-bit MurmurHash variant and uniqueString(): one implementation shared by templateHash
// (compiler/emit) and the uniqueString() built-in (compiler/eval). Algorithm: notes/official-bicep.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace bicepc::stdlib {

// ARM's MurmurHash64 (two 32-bit lanes, seed 0) over the bytes of `data`.
auto MurmurHash64(std::string_view data) -> std::uint64_t;

// uniqueString() of arguments already joined with '-': the 64-bit hash as 13 base-32 characters
// (alphabet a-z2-7, 5 bits at a time from the most significant end).
auto UniqueStringOf(std::string_view joined) -> std::string;

}  // namespace bicepc::stdlib
