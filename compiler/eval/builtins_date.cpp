// Deterministic date built-ins (Microsoft Learn: template-functions-date): dateTimeAdd,
// dateTimeFromEpoch, dateTimeToEpoch. utcNow() is not a compile-time value (evaluate.cpp).
#include <cstdint>
#include <optional>

#include <fmt/format.h>

#include "compiler/eval/builtins.h"

namespace bicepc::eval::detail {
namespace {

constexpr std::int64_t kTicksPerSecond = 10'000'000;

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, UTC).
auto DaysFromCivil(std::int64_t y, unsigned m, unsigned d) -> std::int64_t {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

auto CivilFromDays(std::int64_t z) -> Civil {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

auto DaysInMonth(std::int64_t y, unsigned m) -> unsigned {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// A UTC instant in 100 ns ticks since 1970-01-01.
struct Instant {
  std::int64_t ticks = 0;
};

auto Digits(std::string_view s, std::size_t& i, std::size_t n, int& out) -> bool {
  if (i + n > s.size()) return false;
  int v = 0;
  for (std::size_t k = 0; k < n; ++k) {
    char c = s[i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  i += n;
  out = v;
  return true;
}

// ISO 8601: yyyy-MM-dd[(T| )HH:mm[:ss[.fffffff]]][Z|(+|-)hh:mm]
auto ParseDateTime(std::string_view s) -> std::optional<Instant> {
  std::size_t i = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(s, i, 4, year) || i >= s.size() || s[i++] != '-' || !Digits(s, i, 2, month) || i >= s.size() ||
      s[i++] != '-' || !Digits(s, i, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > DaysInMonth(year, static_cast<unsigned>(month))) {
    return std::nullopt;
  }
  std::int64_t fraction_ticks = 0;
  std::int64_t offset_seconds = 0;
  if (i < s.size() && (s[i] == 'T' || s[i] == 't' || s[i] == ' ')) {
    ++i;
    if (!Digits(s, i, 2, hour) || i >= s.size() || s[i++] != ':' || !Digits(s, i, 2, minute)) return std::nullopt;
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!Digits(s, i, 2, second)) return std::nullopt;
      if (i < s.size() && s[i] == '.') {
        ++i;
        std::int64_t scale = kTicksPerSecond / 10;
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          fraction_ticks += (s[i] - '0') * scale;
          scale /= 10;
          ++i;
        }
        if (i == start) return std::nullopt;
      }
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int sign = s[i++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!Digits(s, i, 2, oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!Digits(s, i, 2, om)) return std::nullopt;
      offset_seconds = sign * (oh * 3600 + om * 60);
    }
  }
  if (i != s.size()) return std::nullopt;
  auto days = DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  auto seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_seconds;
  return Instant{seconds * kTicksPerSecond + fraction_ticks};
}

auto FloorDiv(std::int64_t a, std::int64_t b) -> std::int64_t { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

struct Fields {
  std::int64_t year;
  unsigned month, day, hour, minute, second;
  std::int64_t fraction;  // ticks
};

auto Split(Instant t) -> Fields {
  auto seconds = FloorDiv(t.ticks, kTicksPerSecond);
  auto fraction = t.ticks - seconds * kTicksPerSecond;
  auto days = FloorDiv(seconds, 86400);
  auto rest = seconds - days * 86400;
  auto c = CivilFromDays(days);
  return {c.year, c.month, c.day, static_cast<unsigned>(rest / 3600), static_cast<unsigned>(rest / 60 % 60),
          static_cast<unsigned>(rest % 60), fraction};
}

// Round-trip text as ARM prints these results: yyyy-MM-ddTHH:mm:ss[.fffffff]Z.
auto FormatDefault(Instant t) -> std::string {
  auto f = Split(t);
  auto s = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", f.year, f.month, f.day, f.hour, f.minute, f.second);
  if (f.fraction != 0) {
    auto frac = fmt::format("{:07}", f.fraction);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s + "Z";
}

// .NET custom date format (subset): yyyy yy MM M dd d HH H hh h mm m ss s f.. tt, quotes, '\'.
// Standard formats: o/O, s, u.
auto FormatCustom(Instant t, std::string_view format) -> std::optional<std::string> {
  if (format == "o" || format == "O") {
    auto f = Split(t);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}Z", f.year, f.month, f.day, f.hour, f.minute, f.second,
                       f.fraction);
  }
  if (format == "s") format = "yyyy-MM-ddTHH:mm:ss";
  if (format == "u") format = "yyyy-MM-dd HH:mm:ssZ";
  if (format.size() == 1) return std::nullopt;  // other standard formats are culture-specific
  auto f = Split(t);
  std::string out;
  std::size_t i = 0;
  while (i < format.size()) {
    char c = format[i];
    std::size_t run = 1;
    while (i + run < format.size() && format[i + run] == c) ++run;
    switch (c) {
      case 'y':
        out += run <= 2 ? fmt::format("{:02}", f.year % 100) : fmt::format("{:0{}}", f.year, run);
        break;
      case 'M':
        if (run > 2) return std::nullopt;
        out += run == 2 ? fmt::format("{:02}", f.month) : fmt::format("{}", f.month);
        break;
      case 'd':
        if (run > 2) return std::nullopt;
        out += run == 2 ? fmt::format("{:02}", f.day) : fmt::format("{}", f.day);
        break;
      case 'H':
        out += run >= 2 ? fmt::format("{:02}", f.hour) : fmt::format("{}", f.hour);
        break;
      case 'h': {
        auto h = f.hour % 12 == 0 ? 12U : f.hour % 12;
        out += run >= 2 ? fmt::format("{:02}", h) : fmt::format("{}", h);
        break;
      }
      case 'm':
        out += run >= 2 ? fmt::format("{:02}", f.minute) : fmt::format("{}", f.minute);
        break;
      case 's':
        out += run >= 2 ? fmt::format("{:02}", f.second) : fmt::format("{}", f.second);
        break;
      case 'f':
      case 'F': {
        if (run > 7) return std::nullopt;
        auto digits = fmt::format("{:07}", f.fraction).substr(0, run);
        if (c == 'F') {
          while (!digits.empty() && digits.back() == '0') digits.pop_back();
          if (digits.empty() && !out.empty() && out.back() == '.') out.pop_back();
        }
        out += digits;
        break;
      }
      case 't':
        out += run >= 2 ? (f.hour < 12 ? "AM" : "PM") : (f.hour < 12 ? "A" : "P");
        break;
      case 'K':
      case 'z':
        out += c == 'K' ? "Z" : "+00:00";
        break;
      case '\'':
      case '"': {
        auto close = format.find(c, i + 1);
        if (close == std::string_view::npos) return std::nullopt;
        out.append(format.substr(i + 1, close - i - 1));
        run = close - i + 1;
        break;
      }
      case '\\':
        if (i + 1 >= format.size()) return std::nullopt;
        out.push_back(format[i + 1]);
        run = 2;
        break;
      default:
        out.append(run, c);
        break;
    }
    i += run;
  }
  return out;
}

struct Duration {
  bool negative = false;
  std::int64_t years = 0, months = 0;
  std::int64_t ticks = 0;  // weeks, days, hours, minutes, seconds
};

// ISO 8601 duration: [-]P[nY][nM][nW][nD][T[nH][nM][n[.n]S]]
auto ParseDuration(std::string_view s) -> std::optional<Duration> {
  Duration d;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') {
    d.negative = true;
    ++i;
  } else if (i < s.size() && s[i] == '+') {
    ++i;
  }
  if (i >= s.size() || (s[i] != 'P' && s[i] != 'p')) return std::nullopt;
  ++i;
  bool time = false;
  bool any = false;
  while (i < s.size()) {
    if (s[i] == 'T' || s[i] == 't') {
      if (time) return std::nullopt;
      time = true;
      ++i;
      continue;
    }
    std::int64_t whole = 0;
    std::size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      whole = whole * 10 + (s[i] - '0');
      if (whole > 100'000'000) return std::nullopt;
      ++i;
    }
    std::int64_t frac_ticks = 0;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      std::int64_t scale = kTicksPerSecond / 10;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        frac_ticks += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
      }
    }
    if (i == start || i >= s.size()) return std::nullopt;
    char unit = static_cast<char>(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
    ++i;
    any = true;
    if (!time && unit == 'Y') {
      d.years += whole;
    } else if (!time && unit == 'M') {
      d.months += whole;
    } else if (!time && unit == 'W') {
      d.ticks += whole * 7 * 86400 * kTicksPerSecond;
    } else if (!time && unit == 'D') {
      d.ticks += whole * 86400 * kTicksPerSecond;
    } else if (time && unit == 'H') {
      d.ticks += whole * 3600 * kTicksPerSecond;
    } else if (time && unit == 'M') {
      d.ticks += whole * 60 * kTicksPerSecond;
    } else if (time && unit == 'S') {
      d.ticks += whole * kTicksPerSecond + frac_ticks;
    } else {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return d;
}

auto AddDuration(Instant t, const Duration& d) -> Instant {
  auto sign = d.negative ? -1 : 1;
  auto f = Split(t);
  // Calendar part first (DateTime.AddYears/AddMonths clamp the day to the month's end).
  std::int64_t total_months = f.year * 12 + (f.month - 1) + sign * (d.years * 12 + d.months);
  std::int64_t year = FloorDiv(total_months, 12);
  auto month = static_cast<unsigned>(total_months - year * 12 + 1);
  auto day = std::min(f.day, DaysInMonth(year, month));
  auto days = DaysFromCivil(year, month, day);
  auto ticks = (days * 86400 + f.hour * 3600 + f.minute * 60 + f.second) * kTicksPerSecond + f.fraction;
  return Instant{ticks + sign * d.ticks};
}

auto DateTimeAdd(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_string()) return Fail(fmt::format("The function '{}' expects a date-time string as argument 1.", name), 0);
  if (!args[1].is_string()) return Fail(fmt::format("The function '{}' expects an ISO 8601 duration as argument 2.", name), 1);
  auto base = ParseDateTime(args[0].get_ref<const std::string&>());
  if (!base) {
    return Fail(fmt::format("The function '{}' cannot parse the date-time '{}'.", name, args[0].get_ref<const std::string&>()),
                0);
  }
  auto duration = ParseDuration(args[1].get_ref<const std::string&>());
  if (!duration) {
    return Fail(fmt::format("The function '{}' cannot parse the duration '{}'.", name, args[1].get_ref<const std::string&>()),
                1);
  }
  auto result = AddDuration(*base, *duration);
  if (args.size() == 3) {
    if (!args[2].is_string()) return Fail(fmt::format("The function '{}' expects a format string as argument 3.", name), 2);
    auto text = FormatCustom(result, args[2].get_ref<const std::string&>());
    if (!text) return Fail(fmt::format("The function '{}' does not support the format '{}'.", name, args[2].get<std::string>()), 2);
    return Json(*text);
  }
  return Json(FormatDefault(result));
}

auto DateTimeFromEpoch(std::string_view name, Args args) -> FnResult {
  if (!IsInt(args[0])) return Fail(fmt::format("The function '{}' expects an integer number of seconds.", name), 0);
  auto seconds = AsInt(args[0]);
  // DateTime covers years 1..9999.
  if (seconds < -62135596800LL || seconds > 253402300799LL) {
    return Fail(fmt::format("The function '{}' received an epoch value out of range: {}.", name, seconds), 0);
  }
  return Json(FormatDefault(Instant{seconds * kTicksPerSecond}));
}

auto DateTimeToEpoch(std::string_view name, Args args) -> FnResult {
  if (!args[0].is_string()) return Fail(fmt::format("The function '{}' expects a date-time string.", name), 0);
  auto t = ParseDateTime(args[0].get_ref<const std::string&>());
  if (!t) {
    return Fail(fmt::format("The function '{}' cannot parse the date-time '{}'.", name, args[0].get_ref<const std::string&>()),
                0);
  }
  return Json(FloorDiv(t->ticks, kTicksPerSecond));
}

constexpr Builtin kDateBuiltins[] = {
    {"dateTimeAdd", 2, 3, DateTimeAdd},
    {"dateTimeFromEpoch", 1, 1, DateTimeFromEpoch},
    {"dateTimeToEpoch", 1, 1, DateTimeToEpoch},
};

}  // namespace

auto DateBuiltins() -> std::span<const Builtin> { return kDateBuiltins; }

}  // namespace bicepc::eval::detail
