// Value helpers shared by the built-in functions (see builtins.h).
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "compiler/source/ascii.h"
#include "compiler/eval/builtins.h"
#include "compiler/source/utf8.h"

namespace bicepc::eval::detail {
namespace {

// Simple 1:1 case mapping for the ranges ARM templates meet in practice: ASCII, Latin-1,
// Greek and Cyrillic basic letters (the invariant culture maps the same way there).
auto LowerUnit(char16_t c) -> char16_t {
  if (c >= u'A' && c <= u'Z') return static_cast<char16_t>(c + 32);
  if (c < 0x80) return c;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return static_cast<char16_t>(c + 32);
  if (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) return static_cast<char16_t>(c + 32);
  if (c >= 0x410 && c <= 0x42F) return static_cast<char16_t>(c + 32);
  if (c >= 0x400 && c <= 0x40F) return static_cast<char16_t>(c + 80);
  return c;
}

auto UpperUnit(char16_t c) -> char16_t {
  if (c >= u'a' && c <= u'z') return static_cast<char16_t>(c - 32);
  if (c < 0x80) return c;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return static_cast<char16_t>(c - 32);
  if (c == 0xFF) return 0x178;
  if (c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) return static_cast<char16_t>(c - 32);
  if (c >= 0x430 && c <= 0x44F) return static_cast<char16_t>(c - 32);
  if (c >= 0x450 && c <= 0x45F) return static_cast<char16_t>(c - 80);
  return c;
}

using source::AsciiLower;

}  // namespace

auto IsInt(const Json& v) -> bool {
  if (v.is_number_integer() && !v.is_number_unsigned()) return true;
  if (v.is_number_unsigned()) return v.get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  return false;
}

auto AsInt(const Json& v) -> std::int64_t {
  if (v.is_number_unsigned()) return static_cast<std::int64_t>(v.get<std::uint64_t>());
  return v.get<std::int64_t>();
}

auto IsNumber(const Json& v) -> bool { return v.is_number(); }

auto AsDouble(const Json& v) -> double {
  if (v.is_number_float()) return v.get<double>();
  if (v.is_number_unsigned()) return static_cast<double>(v.get<std::uint64_t>());
  return static_cast<double>(v.get<std::int64_t>());
}

auto IsText(const Json& v) -> bool { return v.is_string() || v.is_null(); }

auto TextOf(const Json& v) -> std::string { return v.is_string() ? v.get<std::string>() : std::string{}; }

auto TypeName(const Json& v) -> std::string_view {
  switch (v.type()) {
    case Json::value_t::null:
      return "Null";
    case Json::value_t::boolean:
      return "Boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "Integer";
    case Json::value_t::number_float:
      return "Float";
    case Json::value_t::string:
      return "String";
    case Json::value_t::array:
      return "Array";
    case Json::value_t::object:
      return "Object";
    default:
      return "Unknown";
  }
}

auto DisplayString(const Json& v) -> std::string {
  switch (v.type()) {
    case Json::value_t::null:
      return {};
    case Json::value_t::boolean:
      return v.get<bool>() ? "True" : "False";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return v.dump();
    case Json::value_t::number_float: {
      // .NET Core prints doubles in shortest round-trip form; integral values without ".0".
      double d = v.get<double>();
      if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<std::int64_t>(d));
      auto s = fmt::format("{}", d);
      auto e = s.find('e');
      if (e != std::string::npos) {
        s[e] = 'E';
      }
      return s;
    }
    case Json::value_t::string:
      return v.get<std::string>();
    default:
      return CompactJson(v);
  }
}

auto CompactJson(const Json& v) -> std::string { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

auto DeepEquals(const Json& a, const Json& b) -> bool {
  if (a.is_number() && b.is_number()) {
    if (IsInt(a) && IsInt(b)) return AsInt(a) == AsInt(b);
    return AsDouble(a) == AsDouble(b);
  }
  if (a.type() != b.type()) return false;
  if (a.is_array()) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!DeepEquals(a[i], b[i])) return false;
    }
    return true;
  }
  if (a.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      auto it = b.find(key);
      if (it == b.end() || !DeepEquals(value, *it)) return false;
    }
    return true;
  }
  return a == b;
}

auto EqualsIgnoreCase(std::string_view a, std::string_view b) -> bool { return source::EqualsIgnoreCase(a, b); }

auto FindPropertyKey(const Json& object, std::string_view key) -> const std::string* {
  if (!object.is_object()) return nullptr;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (EqualsIgnoreCase(it.key(), key)) return &it.key();
  }
  return nullptr;
}

auto FindProperty(const Json& object, std::string_view key) -> const Json* {
  if (!object.is_object()) return nullptr;
  auto exact = object.find(std::string{key});
  if (exact != object.end()) return &*exact;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (EqualsIgnoreCase(it.key(), key)) return &it.value();
  }
  return nullptr;
}

auto ToUtf16(std::string_view s) -> std::u16string {
  std::u16string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::uint32_t cp = 0xFFFD;
    std::size_t len = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c >> 5) == 0x6 && i + 1 < s.size()) {
      cp = ((c & 0x1FU) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3FU);
      len = 2;
    } else if ((c >> 4) == 0xE && i + 2 < s.size()) {
      cp = ((c & 0x0FU) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3FU);
      len = 3;
    } else if ((c >> 3) == 0x1E && i + 3 < s.size()) {
      cp = ((c & 0x07U) << 18) | ((static_cast<unsigned char>(s[i + 1]) & 0x3FU) << 12) |
           ((static_cast<unsigned char>(s[i + 2]) & 0x3FU) << 6) | (static_cast<unsigned char>(s[i + 3]) & 0x3FU);
      len = 4;
    }
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(cp));
    }
  }
  return out;
}

auto FromUtf16(std::u16string_view s) -> std::string {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::uint32_t cp = s[i];
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00U);
      ++i;
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate (e.g. substring split a pair)
    }
    source::AppendUtf8(out, cp);
  }
  return out;
}

auto ToLowerInvariant(std::string_view s) -> std::string {
  auto u = ToUtf16(s);
  for (auto& c : u) c = LowerUnit(c);
  return FromUtf16(u);
}

auto ToUpperInvariant(std::string_view s) -> std::string {
  auto u = ToUtf16(s);
  for (auto& c : u) c = UpperUnit(c);
  return FromUtf16(u);
}

auto CompareIgnoreCase(std::string_view a, std::string_view b) -> int {
  // An approximation of culture-aware (invariant) comparison: case-insensitive order
  // first, then lower case before upper case at the first case difference.
  auto ua = ToUtf16(a);
  auto ub = ToUtf16(b);
  auto n = std::min(ua.size(), ub.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto x = LowerUnit(ua[i]);
    auto y = LowerUnit(ub[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  if (ua.size() != ub.size()) return ua.size() < ub.size() ? -1 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (ua[i] != ub[i]) return LowerUnit(ua[i]) == ua[i] ? -1 : 1;
  }
  return 0;
}

auto ParseJsonText(std::string_view text) -> std::optional<Json> {
  // Rewrite single-quoted strings as double-quoted ones; bound the nesting depth.
  std::string out;
  out.reserve(text.size());
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      out.push_back(c);
      for (++i; i < text.size(); ++i) {
        out.push_back(text[i]);
        if (text[i] == '\\' && i + 1 < text.size()) {
          out.push_back(text[++i]);
        } else if (text[i] == '"') {
          break;
        }
      }
      continue;
    }
    if (c == '\'') {
      out.push_back('"');
      for (++i; i < text.size(); ++i) {
        char d = text[i];
        if (d == '\\' && i + 1 < text.size()) {
          if (text[i + 1] == '\'') {
            out.push_back('\'');
          } else {
            out.push_back(d);
            out.push_back(text[i + 1]);
          }
          ++i;
        } else if (d == '\'') {
          break;
        } else if (d == '"') {
          out += "\\\"";
        } else {
          out.push_back(d);
        }
      }
      out.push_back('"');
      continue;
    }
    if (c == '[' || c == '{') {
      if (++depth > kMaxEvalDepth) return std::nullopt;
    } else if (c == ']' || c == '}') {
      --depth;
    }
    out.push_back(c);
  }
  auto parsed = Json::parse(out, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

auto MakeInt(std::int64_t v) -> Json { return Json(v); }

}  // namespace bicepc::eval::detail
