// ASCII case folding, the comparison Bicep and ARM use for resource types, property names and
// keywords (no locale, no Unicode folding).
#pragma once

#include <string>
#include <string_view>

namespace bicepc::source {

constexpr auto AsciiLower(char c) -> char { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

inline auto LowerAscii(std::string_view s) -> std::string {
  std::string out{s};
  for (auto& c : out) c = AsciiLower(c);
  return out;
}

constexpr auto EqualsIgnoreCase(std::string_view a, std::string_view b) -> bool {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace bicepc::source
