#include "compiler/emit/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <vector>

namespace bicepc::emit {

namespace {

constexpr char kHexDigits[] = "0123456789abcdef";

void AppendUnicodeEscape(std::string& out, std::uint32_t code_unit) {
  out += "\\u";
  out += kHexDigits[(code_unit >> 12U) & 0xFU];
  out += kHexDigits[(code_unit >> 8U) & 0xFU];
  out += kHexDigits[(code_unit >> 4U) & 0xFU];
  out += kHexDigits[code_unit & 0xFU];
}

// Formats a double as .NET Core's `double.ToString("R")` does: shortest round-trip digits,
// scientific notation ("1E+15", "1.5E-07") when the decimal exponent is >= 15 or < -5.
void AppendDouble(std::string& out, double value) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
    return;
  }
  if (value == 0.0) {
    out += std::signbit(value) ? "-0.0" : "0.0";
    return;
  }
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::scientific);
  std::string_view sci{buffer, static_cast<std::size_t>(result.ptr - buffer)};
  // sci = [-]d[.ddd]e[+-]xx
  auto e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  int exponent = std::stoi(std::string{sci.substr(e_pos + 1)});
  bool negative = false;
  if (!mantissa.empty() && mantissa.front() == '-') {
    negative = true;
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits += c;
  }
  std::string text;
  if (negative) text += '-';
  if (exponent >= 15 || exponent < -4) {
    text += digits[0];
    if (digits.size() > 1) {
      text += '.';
      text.append(digits, 1);
    }
    text += 'E';
    text += exponent < 0 ? '-' : '+';
    auto abs_exponent = exponent < 0 ? -exponent : exponent;
    if (abs_exponent < 10) text += '0';
    text += std::to_string(abs_exponent);
  } else if (exponent < 0) {
    text += "0.";
    text.append(static_cast<std::size_t>(-exponent - 1), '0');
    text += digits;
  } else {
    auto int_len = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= int_len) {
      text += digits;
      text.append(int_len - digits.size(), '0');
    } else {
      text.append(digits, 0, int_len);
      text += '.';
      text.append(digits, int_len);
    }
  }
  if (text.find_first_of(".Ee") == std::string::npos) text += ".0";
  out += text;
}

void AppendScalar(std::string& out, const nlohmann::ordered_json& value) {
  switch (value.type()) {
    case nlohmann::ordered_json::value_t::null:
    case nlohmann::ordered_json::value_t::discarded:
      out += "null";
      break;
    case nlohmann::ordered_json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      break;
    case nlohmann::ordered_json::value_t::string:
      AppendJsonString(out, value.get_ref<const std::string&>());
      break;
    case nlohmann::ordered_json::value_t::number_integer:
    case nlohmann::ordered_json::value_t::number_unsigned:
    case nlohmann::ordered_json::value_t::number_float:
      AppendJsonNumber(out, value);
      break;
    case nlohmann::ordered_json::value_t::binary:
      out += "null";
      break;
    case nlohmann::ordered_json::value_t::object:
    case nlohmann::ordered_json::value_t::array:
      break;
  }
}

// One open container during the iterative walk (no recursion: depth follows user input).
struct Frame {
  const nlohmann::ordered_json* container;
  std::size_t index = 0;
  nlohmann::ordered_json::const_iterator it;
};

auto Write(const nlohmann::ordered_json& root, bool indented) -> std::string {
  std::string out;
  std::vector<Frame> stack;
  auto newline = [&](std::size_t depth) {
    if (!indented) return;
    out += '\n';
    out.append(depth * 2, ' ');
  };
  // Writes `value`; opens a frame when it is a non-empty container.
  auto write_value = [&](const nlohmann::ordered_json& value) {
    if (value.is_object() || value.is_array()) {
      if (value.empty()) {
        out += value.is_object() ? "{}" : "[]";
        return;
      }
      out += value.is_object() ? '{' : '[';
      stack.push_back(Frame{&value, 0, value.cbegin()});
      return;
    }
    AppendScalar(out, value);
  };
  write_value(root);
  while (!stack.empty()) {
    auto& frame = stack.back();
    if (frame.it == frame.container->cend()) {
      bool is_object = frame.container->is_object();
      stack.pop_back();
      newline(stack.size());
      out += is_object ? '}' : ']';
      continue;
    }
    if (frame.index > 0) out += ',';
    newline(stack.size());
    const auto& child = *frame.it;
    if (frame.container->is_object()) {
      AppendJsonString(out, frame.it.key());
      out += indented ? ": " : ":";
    }
    ++frame.it;
    ++frame.index;
    write_value(child);  // may push (invalidates `frame`)
  }
  return out;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view text) {
  out += '"';
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      default: break;
    }
    if (c < 0x20) {
      AppendUnicodeEscape(out, c);
      continue;
    }
    // U+0085 = C2 85, U+2028 = E2 80 A8, U+2029 = E2 80 A9.
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x85) {
      AppendUnicodeEscape(out, 0x85);
      ++i;
      continue;
    }
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      auto third = static_cast<unsigned char>(text[i + 2]);
      if (third == 0xA8 || third == 0xA9) {
        AppendUnicodeEscape(out, third == 0xA8 ? 0x2028 : 0x2029);
        i += 2;
        continue;
      }
    }
    out += static_cast<char>(c);
  }
  out += '"';
}

void AppendJsonNumber(std::string& out, const nlohmann::ordered_json& number) {
  if (number.is_number_integer() && !number.is_number_unsigned()) {
    out += std::to_string(number.get<std::int64_t>());
  } else if (number.is_number_unsigned()) {
    out += std::to_string(number.get<std::uint64_t>());
  } else if (number.is_number_float()) {
    AppendDouble(out, number.get<double>());
  }
}

auto WriteJson(const nlohmann::ordered_json& value) -> std::string { return Write(value, true); }

auto WriteJsonMinified(const nlohmann::ordered_json& value) -> std::string { return Write(value, false); }

}  // namespace bicepc::emit
