#include "compiler/eval/dotnet_format.h"

#include <cmath>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

#include "compiler/eval/builtins.h"

namespace bicepc::eval {
namespace {

constexpr std::string_view kBadFormat = "Input string was not in a correct format.";

auto GroupThousands(std::string digits) -> std::string {
  std::string out;
  int count = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (count > 0 && count % 3 == 0) out.push_back(',');
    out.push_back(*it);
    ++count;
  }
  return {out.rbegin(), out.rend()};
}

// Fixed-point text of |value| with `decimals` places, split into integer and fraction.
void FixedParts(double value, int decimals, std::string& int_part, std::string& frac_part) {
  auto s = fmt::format("{:.{}f}", std::fabs(value), decimals);
  auto dot = s.find('.');
  int_part = s.substr(0, dot);
  frac_part = dot == std::string::npos ? std::string{} : s.substr(dot + 1);
}

auto Precision(std::string_view spec, int fallback) -> Expected<int, std::string> {
  if (spec.size() <= 1) return fallback;
  int p = 0;
  for (char c : spec.substr(1)) {
    if (c < '0' || c > '9') return MakeUnexpected(std::string{kBadFormat});
    p = p * 10 + (c - '0');
    if (p > 999999999) return MakeUnexpected(std::string{kBadFormat});
  }
  if (p > 1000) p = 1000;  // keep output bounded; .NET allows up to 999,999,999
  return p;
}

auto FormatCustom(double value, std::string_view spec) -> std::string {
  // Simple custom patterns: '0' and '#' placeholders, one '.', ',' grouping, literals kept.
  auto dot = spec.find('.');
  auto int_spec = spec.substr(0, dot);
  auto frac_spec = dot == std::string_view::npos ? std::string_view{} : spec.substr(dot + 1);
  int min_int = 0;
  bool group = false;
  bool seen_digit = false;
  for (char c : int_spec) {
    if (c == '0') min_int++;
    if (c == '0' || c == '#') seen_digit = true;
    if (c == ',' && seen_digit) group = true;
  }
  int min_frac = 0;
  int max_frac = 0;
  for (char c : frac_spec) {
    if (c == '0') {
      min_frac = ++max_frac;
    } else if (c == '#') {
      ++max_frac;
    }
  }
  std::string int_part;
  std::string frac_part;
  FixedParts(value, max_frac, int_part, frac_part);
  while (static_cast<int>(frac_part.size()) > min_frac && !frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  if (int_part == "0" && min_int == 0) int_part.clear();
  while (static_cast<int>(int_part.size()) < min_int) int_part.insert(int_part.begin(), '0');
  if (group) int_part = GroupThousands(int_part);
  std::string out;
  bool negative = value < 0 && (int_part.find_first_not_of("0,") != std::string::npos ||
                                frac_part.find_first_not_of('0') != std::string::npos);
  if (negative) out.push_back('-');
  // Literal prefix/suffix characters around the placeholders are kept.
  auto first_ph = spec.find_first_of("0#");
  auto last_ph = spec.find_last_of("0#");
  if (first_ph != std::string_view::npos) out.append(spec.substr(0, first_ph));
  out += int_part;
  if (!frac_part.empty()) out += "." + frac_part;
  if (last_ph != std::string_view::npos) out.append(spec.substr(last_ph + 1));
  return out;
}

auto FormatInteger(std::int64_t v, std::string_view spec) -> Expected<std::string, std::string> {
  char kind = spec.empty() ? 'G' : spec[0];
  bool standard = spec.empty() || (((kind >= 'A' && kind <= 'Z') || (kind >= 'a' && kind <= 'z')) &&
                                   spec.substr(1).find_first_not_of("0123456789") == std::string_view::npos);
  if (!standard) return FormatCustom(static_cast<double>(v), spec);
  auto magnitude = v < 0 ? static_cast<std::uint64_t>(0) - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  switch (kind) {
    case 'G':
    case 'g':
    case 'R':
    case 'r':
      return fmt::format("{}", v);
    case 'D':
    case 'd': {
      auto p = Precision(spec, 0);
      if (!p) return MakeUnexpected(p.error());
      auto digits = fmt::format("{}", magnitude);
      while (static_cast<int>(digits.size()) < *p) digits.insert(digits.begin(), '0');
      return (v < 0 ? "-" : "") + digits;
    }
    case 'X':
    case 'x': {
      auto p = Precision(spec, 0);
      if (!p) return MakeUnexpected(p.error());
      auto digits = kind == 'X' ? fmt::format("{:X}", static_cast<std::uint64_t>(v)) : fmt::format("{:x}", static_cast<std::uint64_t>(v));
      while (static_cast<int>(digits.size()) < *p) digits.insert(digits.begin(), '0');
      return digits;
    }
    default:
      return FormatValue(Json(static_cast<double>(v)), spec);
  }
}

auto FormatDouble(double v, std::string_view spec) -> Expected<std::string, std::string> {
  char kind = spec.empty() ? 'G' : spec[0];
  bool standard = spec.empty() || (((kind >= 'A' && kind <= 'Z') || (kind >= 'a' && kind <= 'z')) &&
                                   spec.substr(1).find_first_not_of("0123456789") == std::string_view::npos);
  if (!standard) return FormatCustom(v, spec);
  std::string int_part;
  std::string frac_part;
  auto sign = [&](const std::string& body) {
    bool nonzero = body.find_first_of("123456789") != std::string::npos;
    return (v < 0 && nonzero ? "-" : "") + body;
  };
  switch (kind) {
    case 'G':
    case 'g':
    case 'R':
    case 'r':
      return detail::DisplayString(Json(v));
    case 'F':
    case 'f': {
      auto p = Precision(spec, 2);
      if (!p) return MakeUnexpected(p.error());
      FixedParts(v, *p, int_part, frac_part);
      return sign(frac_part.empty() ? int_part : int_part + "." + frac_part);
    }
    case 'N':
    case 'n': {
      auto p = Precision(spec, 2);
      if (!p) return MakeUnexpected(p.error());
      FixedParts(v, *p, int_part, frac_part);
      return sign(frac_part.empty() ? GroupThousands(int_part) : GroupThousands(int_part) + "." + frac_part);
    }
    case 'P':
    case 'p': {
      auto p = Precision(spec, 2);
      if (!p) return MakeUnexpected(p.error());
      FixedParts(v * 100, *p, int_part, frac_part);
      return sign((frac_part.empty() ? GroupThousands(int_part) : GroupThousands(int_part) + "." + frac_part) + " %");
    }
    case 'C':
    case 'c': {
      auto p = Precision(spec, 2);
      if (!p) return MakeUnexpected(p.error());
      FixedParts(v, *p, int_part, frac_part);
      auto body = frac_part.empty() ? GroupThousands(int_part) : GroupThousands(int_part) + "." + frac_part;
      bool nonzero = body.find_first_of("123456789") != std::string::npos;
      return (v < 0 && nonzero ? "-\u00a4" : "\u00a4") + body;
    }
    case 'E':
    case 'e': {
      auto p = Precision(spec, 6);
      if (!p) return MakeUnexpected(p.error());
      auto s = fmt::format("{:.{}e}", std::fabs(v), *p);  // d.ddde+XX
      auto e = s.find('e');
      auto mantissa = s.substr(0, e);
      auto exp_sign = s[e + 1];
      auto exp_digits = s.substr(e + 2);
      while (exp_digits.size() < 3) exp_digits.insert(exp_digits.begin(), '0');
      return sign(mantissa + (kind == 'E' ? "E" : "e") + exp_sign + exp_digits);
    }
    default:
      return MakeUnexpected(std::string{kBadFormat});
  }
}

}  // namespace

auto FormatValue(const Json& value, std::string_view format_spec) -> Expected<std::string, std::string> {
  if (detail::IsInt(value)) return FormatInteger(detail::AsInt(value), format_spec);
  if (value.is_number()) return FormatDouble(detail::AsDouble(value), format_spec);
  if (value.is_array() || value.is_object()) {
    // Arrays and objects print as single-line JSON with single quotes.
    auto s = detail::CompactJson(value);
    for (auto& c : s) {
      if (c == '"') c = '\'';
    }
    return s;
  }
  return detail::DisplayString(value);
}

auto FormatComposite(std::string_view format, std::span<const Json> args) -> Expected<std::string, std::string> {
  std::string out;
  std::size_t i = 0;
  const std::size_t n = format.size();
  while (i < n) {
    char c = format[i];
    if (c == '}') {
      if (i + 1 < n && format[i + 1] == '}') {
        out.push_back('}');
        i += 2;
        continue;
      }
      return MakeUnexpected(std::string{kBadFormat});
    }
    if (c != '{') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 < n && format[i + 1] == '{') {
      out.push_back('{');
      i += 2;
      continue;
    }
    ++i;  // past '{'
    if (i >= n || format[i] < '0' || format[i] > '9') return MakeUnexpected(std::string{kBadFormat});
    std::size_t index = 0;
    while (i < n && format[i] >= '0' && format[i] <= '9') {
      index = index * 10 + static_cast<std::size_t>(format[i] - '0');
      if (index > 1000000) return MakeUnexpected(std::string{kBadFormat});
      ++i;
    }
    while (i < n && format[i] == ' ') ++i;
    long alignment = 0;
    if (i < n && format[i] == ',') {
      ++i;
      while (i < n && format[i] == ' ') ++i;
      bool left = false;
      if (i < n && format[i] == '-') {
        left = true;
        ++i;
      }
      if (i >= n || format[i] < '0' || format[i] > '9') return MakeUnexpected(std::string{kBadFormat});
      while (i < n && format[i] >= '0' && format[i] <= '9') {
        alignment = alignment * 10 + (format[i] - '0');
        if (alignment > 100000) return MakeUnexpected(std::string{kBadFormat});
        ++i;
      }
      if (left) alignment = -alignment;
      while (i < n && format[i] == ' ') ++i;
    }
    std::string spec;
    if (i < n && format[i] == ':') {
      ++i;
      while (i < n && format[i] != '}') {
        if (format[i] == '{') return MakeUnexpected(std::string{kBadFormat});
        spec.push_back(format[i++]);
      }
    }
    if (i >= n || format[i] != '}') return MakeUnexpected(std::string{kBadFormat});
    ++i;  // past '}'
    if (index >= args.size()) {
      return MakeUnexpected(std::string{
          "Index (zero based) must be greater than or equal to zero and less than the size of the argument list."});
    }
    auto text = FormatValue(args[index], spec);
    if (!text) return text;
    auto width = static_cast<std::size_t>(alignment < 0 ? -alignment : alignment);
    auto length = detail::ToUtf16(*text).size();
    std::string pad = length < width ? std::string(width - length, ' ') : std::string{};
    if (alignment > 0) out += pad;
    out += *text;
    if (alignment < 0) out += pad;
  }
  return out;
}

}  // namespace bicepc::eval
