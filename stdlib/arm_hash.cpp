#include "stdlib/arm_hash.h"

namespace bicepc::stdlib {
namespace {

constexpr auto Rotl32(std::uint32_t x, int r) -> std::uint32_t { return (x << r) | (x >> (32 - r)); }

constexpr auto Fmix32(std::uint32_t h) -> std::uint32_t {
  h ^= h >> 16;
  h *= 0x85ebca6bU;
  h ^= h >> 13;
  h *= 0xc2b2ae35U;
  h ^= h >> 16;
  return h;
}

constexpr std::uint32_t kC1 = 0x239b961bU;
constexpr std::uint32_t kC2 = 0xab0e9789U;
constexpr std::uint32_t kC3 = 0x561ccd1bU;
constexpr std::uint32_t kC4 = 0x0bcaa747U;

auto MixK1(std::uint32_t k1) -> std::uint32_t { return Rotl32(k1 * kC1, 15) * kC2; }
auto MixK2(std::uint32_t k2) -> std::uint32_t { return Rotl32(k2 * kC2, 17) * kC1; }

// Little-endian load of n (1..4) bytes.
auto Load32(const unsigned char* p, std::size_t n) -> std::uint32_t {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < n; ++i) v |= static_cast<std::uint32_t>(p[i]) << (8 * i);
  return v;
}

}  // namespace

auto MurmurHash64(std::string_view data) -> std::uint64_t {
  const auto* bytes = reinterpret_cast<const unsigned char*>(data.data());
  const std::size_t length = data.size();
  std::uint32_t h1 = 0;
  std::uint32_t h2 = 0;
  std::size_t i = 0;
  for (; i + 8 <= length; i += 8) {
    h1 ^= MixK1(Load32(bytes + i, 4));
    h1 = Rotl32(h1, 19);
    h1 += h2;
    h1 = h1 * 5 + kC3;
    h2 ^= MixK2(Load32(bytes + i + 4, 4));
    h2 = Rotl32(h2, 13);
    h2 += h1;
    h2 = h2 * 5 + kC4;
  }
  std::size_t rest = length - i;
  if (rest > 0) h1 ^= MixK1(Load32(bytes + i, rest < 4 ? rest : 4));
  if (rest > 4) h2 ^= MixK2(Load32(bytes + i + 4, rest - 4));
  h1 ^= static_cast<std::uint32_t>(length);
  h2 ^= static_cast<std::uint32_t>(length);
  h1 += h2;
  h2 += h1;
  h1 = Fmix32(h1);
  h2 = Fmix32(h2);
  h1 += h2;
  h2 += h1;
  return (static_cast<std::uint64_t>(h2) << 32) | h1;
}

auto UniqueStringOf(std::string_view joined) -> std::string {
  constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
  auto h = MurmurHash64(joined);
  std::string out;
  for (int i = 0; i < 13; ++i) {
    out.push_back(kAlphabet[static_cast<std::size_t>(h >> 59)]);
    h <<= 5;
  }
  return out;
}

}  // namespace bicepc::stdlib
