// String built-ins. Semantics follow the Microsoft Learn "String functions for ARM
// templates" reference (template-functions-string).
#include <algorithm>

#include <fmt/format.h>

#include "compiler/eval/builtins.h"
#include "compiler/eval/dotnet_format.h"
#include "compiler/eval/hash.h"
#include "stdlib/arm_hash.h"

namespace bicepc::eval::detail {
namespace {

auto RequireText(std::string_view name, Args args, std::size_t i) -> Expected<std::string, FnError> {
  if (!IsText(args[i])) {
    return Fail(fmt::format("The function '{}' expects a string for argument {}, but received a value of type '{}'.", name,
                            i + 1, TypeName(args[i])),
                static_cast<int>(i));
  }
  return TextOf(args[i]);
}

auto RequireInt(std::string_view name, Args args, std::size_t i) -> Expected<std::int64_t, FnError> {
  if (!IsInt(args[i])) {
    return Fail(fmt::format("The function '{}' expects an integer for argument {}, but received a value of type '{}'.", name,
                            i + 1, TypeName(args[i])),
                static_cast<int>(i));
  }
  return AsInt(args[i]);
}

auto JoinWithDash(std::string_view name, Args args) -> Expected<std::string, FnError> {
  std::string joined;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto s = RequireText(name, args, i);
    if (!s) return MakeUnexpected(s.error());
    if (i > 0) joined.push_back('-');
    joined += *s;
  }
  return joined;
}

auto Base64(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  return Json(Base64Encode(*s));
}

auto Base64ToString(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  auto decoded = Base64Decode(*s);
  if (!decoded) return Fail(fmt::format("The function '{}' cannot decode the base64 value.", name), 0);
  return Json(*decoded);
}

auto Base64ToJson(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  auto decoded = Base64Decode(*s);
  if (!decoded) return Fail(fmt::format("The function '{}' cannot decode the base64 value.", name), 0);
  auto parsed = ParseJsonText(*decoded);
  if (!parsed) return Fail(fmt::format("The function '{}' cannot parse JSON from the decoded base64 value.", name), 0);
  return *parsed;
}

auto Concat(std::string_view name, Args args) -> FnResult {
  bool all_arrays = std::all_of(args.begin(), args.end(), [](const Json& a) { return a.is_array(); });
  if (all_arrays) {
    Json out = Json::array();
    for (const auto& a : args) {
      for (const auto& item : a) out.push_back(item);
    }
    return out;
  }
  std::string out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a.is_array() || a.is_object() || a.is_number_float()) {
      return Fail(fmt::format("The function '{}' expects all arguments to be arrays, or all to be strings, integers or "
                              "booleans; argument {} is of type '{}'.",
                              name, i + 1, TypeName(a)),
                  static_cast<int>(i));
    }
    out += DisplayString(a);
  }
  return Json(std::move(out));
}

auto DataUri(std::string_view, Args args) -> FnResult {
  const auto& v = args[0];
  if (IsText(v)) return Json("data:text/plain;charset=utf8;base64," + Base64Encode(TextOf(v)));
  auto data = v.is_array() || v.is_object() ? CompactJson(v) : DisplayString(v);
  return Json("data:application/json;charset=utf8;base64," + Base64Encode(data));
}

auto PercentDecode(std::string_view s, bool plus_is_space) -> std::optional<std::string> {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%' && i + 2 < s.size()) {
      auto hex = [](char h) -> int {
        if (h >= '0' && h <= '9') return h - '0';
        if (h >= 'a' && h <= 'f') return h - 'a' + 10;
        if (h >= 'A' && h <= 'F') return h - 'A' + 10;
        return -1;
      };
      int hi = hex(s[i + 1]);
      int lo = hex(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
    }
    out.push_back(plus_is_space && c == '+' ? ' ' : c);
  }
  return out;
}

auto DataUriToString(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  auto invalid = [&] { return Fail(fmt::format("The function '{}' received an invalid data URI.", name), 0); };
  if (s->size() < 5 || !EqualsIgnoreCase(std::string_view{*s}.substr(0, 5), "data:")) return invalid();
  auto comma = s->find(',');
  if (comma == std::string::npos) return invalid();
  auto metadata = s->substr(5, comma - 5);
  auto data = s->substr(comma + 1);
  std::vector<std::string> tokens;
  if (!metadata.empty()) {
    std::size_t start = 0;
    for (;;) {
      auto semi = metadata.find(';', start);
      tokens.push_back(metadata.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
  }
  bool is_base64 = !tokens.empty() && EqualsIgnoreCase(tokens.back(), "base64");
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    if (tokens[i].find_first_not_of(" \t") == std::string::npos) return invalid();
  }
  if (tokens.size() > 1 && tokens[1].size() >= 8 && EqualsIgnoreCase(std::string_view{tokens[1]}.substr(0, 8), "charset=")) {
    auto charset = tokens[1].substr(8);
    if (!EqualsIgnoreCase(charset, "utf-8") && !EqualsIgnoreCase(charset, "utf8")) {
      return Fail(fmt::format("The function '{}' received the unsupported charset '{}'.", name, charset), 0);
    }
  }
  if (is_base64) {
    auto decoded = Base64Decode(data);
    if (!decoded) return Fail(fmt::format("The function '{}' cannot decode the base64 data.", name), 0);
    return Json(*decoded);
  }
  return Json(*PercentDecode(data, true));
}

auto StartsEnds(std::string_view name, Args args, bool starts) -> FnResult {
  auto a = RequireText(name, args, 0);
  if (!a) return MakeUnexpected(a.error());
  auto b = RequireText(name, args, 1);
  if (!b) return MakeUnexpected(b.error());
  // The comparison is case-insensitive.
  auto la = ToLowerInvariant(*a);
  auto lb = ToLowerInvariant(*b);
  if (lb.size() > la.size()) return Json(false);
  return Json(starts ? la.compare(0, lb.size(), lb) == 0 : la.compare(la.size() - lb.size(), lb.size(), lb) == 0);
}
auto StartsWith(std::string_view name, Args args) -> FnResult { return StartsEnds(name, args, true); }
auto EndsWith(std::string_view name, Args args) -> FnResult { return StartsEnds(name, args, false); }

auto Format(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_string()) {
    return Fail(fmt::format("The function '{}' expects a string format as argument 1, but received a value of type '{}'.",
                            name, TypeName(args[0])),
                0);
  }
  auto result = FormatComposite(args[0].get_ref<const std::string&>(), args.subspan(1));
  if (!result) return Fail(fmt::format("The format string of '{}' is not valid: {}", name, result.error()), 0);
  return Json(std::move(result).value());
}

auto Guid(std::string_view name, Args args) -> FnResult {
  auto joined = JoinWithDash(name, args);
  if (!joined) return MakeUnexpected(joined.error());
  return Json(ArmGuidOf(*joined));
}

auto UniqueString(std::string_view name, Args args) -> FnResult {
  auto joined = JoinWithDash(name, args);
  if (!joined) return MakeUnexpected(joined.error());
  return Json(stdlib::UniqueStringOf(*joined));
}

auto Join(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_array()) {
    return Fail(fmt::format("The function '{}' expects an array as argument 1, but received a value of type '{}'.", name,
                            TypeName(args[0])),
                0);
  }
  auto delimiter = RequireText(name, args, 1);
  if (!delimiter) return MakeUnexpected(delimiter.error());
  std::string out;
  std::size_t i = 0;
  for (const auto& item : args[0]) {
    if (item.is_array() || item.is_object()) {
      return Fail(fmt::format("The function '{}' expects an array of strings, integers or booleans; item {} is of type '{}'.",
                              name, i, TypeName(item)),
                  0);
    }
    if (i++ > 0) out += *delimiter;
    out += DisplayString(item);
  }
  return Json(std::move(out));
}

auto JsonFn(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  if (args[0].is_null()) return Json::object();
  auto parsed = ParseJsonText(*s);
  if (!parsed) return Fail(fmt::format("The function '{}' received a string that is not valid JSON.", name), 0);
  return *parsed;
}

auto PadLeft(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (!IsText(v) && !IsInt(v)) {
    return Fail(fmt::format("The function '{}' expects a string or an integer as argument 1, but received a value of type '{}'.",
                            name, TypeName(v)),
                0);
  }
  auto width = RequireInt(name, args, 1);
  if (!width) return MakeUnexpected(width.error());
  if (*width < 0 || *width > 1'000'000) {
    return Fail(fmt::format("The function '{}' received the total length {}, which is out of range.", name, *width), 1);
  }
  char16_t pad = u' ';
  if (args.size() == 3 && !args[2].is_null()) {
    auto p = RequireText(name, args, 2);
    if (!p) return MakeUnexpected(p.error());
    auto u = ToUtf16(*p);
    if (u.size() != 1) return Fail(fmt::format("The function '{}' expects a single padding character.", name), 2);
    pad = u[0];
  }
  auto text = ToUtf16(DisplayString(v));
  auto target = static_cast<std::size_t>(*width);
  if (text.size() < target) text.insert(text.begin(), target - text.size(), pad);
  return Json(FromUtf16(text));
}

auto Replace(std::string_view name, Args args) -> FnResult {
  std::string parts[3];
  for (std::size_t i = 0; i < 3; ++i) {
    auto s = RequireText(name, args, i);
    if (!s) return MakeUnexpected(s.error());
    parts[i] = std::move(s).value();
  }
  if (parts[1].empty()) return Fail(fmt::format("The function '{}' expects a non-empty string to replace.", name), 1);
  std::string out;
  std::size_t pos = 0;
  for (;;) {
    auto hit = parts[0].find(parts[1], pos);
    if (hit == std::string::npos) break;
    out.append(parts[0], pos, hit - pos);
    out += parts[2];
    pos = hit + parts[1].size();
  }
  out.append(parts[0], pos, std::string::npos);
  return Json(std::move(out));
}

auto Split(std::string_view name, Args args) -> FnResult {
  auto input = RequireText(name, args, 0);
  if (!input) return MakeUnexpected(input.error());
  if (args[0].is_null()) return Json::array();
  std::vector<std::string> delimiters;
  if (args[1].is_array()) {
    for (const auto& d : args[1]) {
      if (!IsText(d)) return Fail(fmt::format("The function '{}' expects a string or an array of strings as argument 2.", name), 1);
      delimiters.push_back(TextOf(d));
    }
  } else if (args[1].is_string()) {
    delimiters.push_back(args[1].get<std::string>());
  } else if (!args[1].is_null()) {
    return Fail(fmt::format("The function '{}' expects a string or an array of strings as argument 2.", name), 1);
  }
  // String.Split(string[], None): at each position the first matching delimiter wins;
  // empty delimiters are ignored.
  Json out = Json::array();
  const auto& s = *input;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    bool matched = false;
    for (const auto& d : delimiters) {
      if (!d.empty() && s.compare(i, d.size(), d) == 0) {
        out.push_back(s.substr(start, i - start));
        i += d.size();
        start = i;
        matched = true;
        break;
      }
    }
    if (!matched) ++i;
  }
  out.push_back(s.substr(start));
  return out;
}

auto StringFn(std::string_view name, Args args) -> FnResult {
  const auto& v = args[0];
  if (v.is_number_float()) {
    return Fail(fmt::format("The function '{}' cannot convert a value of type 'Float' to a string.", name), 0);
  }
  if (v.is_array() || v.is_object()) return Json(CompactJson(v));
  return Json(DisplayString(v));
}

auto Substring(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  auto start = RequireInt(name, args, 1);
  if (!start) return MakeUnexpected(start.error());
  auto u = ToUtf16(*s);
  auto size = static_cast<std::int64_t>(u.size());
  if (*start < 0) {
    return Fail(fmt::format("The index parameter of '{}' must be greater than or equal to zero: {}.", name, *start), 1);
  }
  if (*start > size) {
    return Fail(fmt::format("The index parameter of '{}' ({}) exceeds the length of the string ({}).", name, *start, size), 1);
  }
  std::int64_t length = size - *start;
  if (args.size() == 3) {
    auto l = RequireInt(name, args, 2);
    if (!l) return MakeUnexpected(l.error());
    if (*l < 0) return Fail(fmt::format("The length parameter of '{}' must be greater than or equal to zero: {}.", name, *l), 2);
    if (*start > size - *l) {
      return Fail(fmt::format("The index and length parameters of '{}' must refer to a location within the string: "
                              "index {}, length {}, string length {}.",
                              name, *start, *l, size),
                  2);
    }
    length = *l;
  }
  return Json(FromUtf16(std::u16string_view{u}.substr(static_cast<std::size_t>(*start), static_cast<std::size_t>(length))));
}

auto ToLower(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  return Json(ToLowerInvariant(*s));
}

auto ToUpper(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  return Json(ToUpperInvariant(*s));
}

auto IsWhite(char16_t c) -> bool {
  return c == u' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

auto Trim(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  auto u = ToUtf16(*s);
  std::size_t b = 0;
  std::size_t e = u.size();
  while (b < e && IsWhite(u[b])) ++b;
  while (e > b && IsWhite(u[e - 1])) --e;
  return Json(FromUtf16(std::u16string_view{u}.substr(b, e - b)));
}

auto HasScheme(std::string_view s) -> std::size_t {
  // Returns the position of ':' of "scheme:" or npos.
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) return std::string_view::npos;
  for (std::size_t i = 1; i < s.size(); ++i) {
    char c = s[i];
    if (c == ':') return i;
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
    if (!ok) return std::string_view::npos;
  }
  return std::string_view::npos;
}

auto RemoveDotSegments(std::string_view path) -> std::string {
  std::vector<std::string> out;
  std::size_t i = 0;
  bool absolute = !path.empty() && path[0] == '/';
  std::string segment;
  std::vector<std::string> segs;
  std::size_t start = absolute ? 1 : 0;
  for (i = start; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      segs.emplace_back(path.substr(start, i - start));
      start = i + 1;
    }
  }
  for (std::size_t k = 0; k < segs.size(); ++k) {
    const auto& s = segs[k];
    bool last = k + 1 == segs.size();
    if (s == ".") {
      if (last) out.emplace_back();
      continue;
    }
    if (s == "..") {
      if (!out.empty()) out.pop_back();
      if (last) out.emplace_back();
      continue;
    }
    out.push_back(s);
  }
  std::string result = absolute ? "/" : "";
  for (std::size_t k = 0; k < out.size(); ++k) {
    if (k > 0) result.push_back('/');
    result += out[k];
  }
  return result;
}

auto Uri(std::string_view name, Args args) -> FnResult {
  auto base = RequireText(name, args, 0);
  if (!base) return MakeUnexpected(base.error());
  auto relative = RequireText(name, args, 1);
  if (!relative) return MakeUnexpected(relative.error());
  auto colon = HasScheme(*base);
  if (colon == std::string_view::npos || base->compare(colon, 3, "://") != 0) {
    return Fail(fmt::format("The function '{}' received an invalid absolute URI: '{}'.", name, *base), 0);
  }
  if (HasScheme(*relative) != std::string_view::npos) return Json(*relative);
  auto authority_end = base->find_first_of("/?#", colon + 3);
  std::string prefix = base->substr(0, authority_end);
  std::string base_path = authority_end == std::string::npos ? "/" : base->substr(authority_end);
  auto qpos = base_path.find_first_of("?#");
  if (qpos != std::string::npos) base_path.resize(qpos);
  if (base_path.empty()) base_path = "/";
  const auto& rel = *relative;
  if (rel.rfind("//", 0) == 0) return Json(base->substr(0, colon + 1) + rel);
  if (rel.empty()) return Json(*base);
  if (rel[0] == '/') return Json(prefix + RemoveDotSegments(rel));
  if (rel[0] == '?' || rel[0] == '#') return Json(prefix + base_path + rel);
  auto dir = base_path.substr(0, base_path.rfind('/') + 1);
  return Json(prefix + RemoveDotSegments(dir + rel));
}

auto UriComponent(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  // Uri.EscapeDataString: everything but RFC 3986 unreserved characters is escaped.
  std::string out;
  for (unsigned char c : *s) {
    bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
                      c == '.' || c == '~';
    if (unreserved) {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return Json(std::move(out));
}

auto UriComponentToString(std::string_view name, Args args) -> FnResult {
  auto s = RequireText(name, args, 0);
  if (!s) return MakeUnexpected(s.error());
  return Json(*PercentDecode(*s, false));
}

constexpr Builtin kStringBuiltins[] = {
    {"base64", 1, 1, Base64},
    {"base64ToJson", 1, 1, Base64ToJson},
    {"base64ToString", 1, 1, Base64ToString},
    {"concat", 1, -1, Concat},
    {"dataUri", 1, 1, DataUri},
    {"dataUriToString", 1, 1, DataUriToString},
    {"endsWith", 2, 2, EndsWith},
    {"format", 1, -1, Format},
    {"guid", 1, -1, Guid},
    {"join", 2, 2, Join},
    {"json", 1, 1, JsonFn},
    {"padLeft", 2, 3, PadLeft},
    {"replace", 3, 3, Replace},
    {"split", 2, 2, Split},
    {"startsWith", 2, 2, StartsWith},
    {"string", 1, 1, StringFn},
    {"substring", 2, 3, Substring},
    {"toLower", 1, 1, ToLower},
    {"toUpper", 1, 1, ToUpper},
    {"trim", 1, 1, Trim},
    {"uniqueString", 1, -1, UniqueString},
    {"uri", 2, 2, Uri},
    {"uriComponent", 1, 1, UriComponent},
    {"uriComponentToString", 1, 1, UriComponentToString},
};

}  // namespace

auto StringBuiltins() -> std::span<const Builtin> { return kStringBuiltins; }

}  // namespace bicepc::eval::detail
