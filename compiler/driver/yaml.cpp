#include "compiler/driver/yaml.h"

#include <yaml.h>

#include <charconv>
#include <regex>
#include <vector>

namespace bicepc::driver {
namespace {

auto ResolvePlainScalar(const std::string& v) -> nlohmann::ordered_json {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  static const std::regex kInt{"[-+]?[0-9]+"};
  static const std::regex kFloat{"[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?"};
  if (std::regex_match(v, kInt)) {
    std::int64_t n = 0;
    auto begin = v.data() + (v[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, v.data() + v.size(), n);
    if (ec == std::errc{} && ptr == v.data() + v.size()) return n;
  }
  if (std::regex_match(v, kFloat)) {
    try {
      return std::stod(v);
    } catch (...) {
    }
  }
  return v;
}

struct Frame {
  nlohmann::ordered_json value;
  std::optional<std::string> pending_key;  // mappings: the key waiting for its value
};

}  // namespace

auto ParseYaml(std::string_view text, std::string& error) -> std::optional<nlohmann::ordered_json> {
  yaml_parser_t parser;
  if (yaml_parser_initialize(&parser) == 0) {
    error = "the YAML parser could not be initialized";
    return std::nullopt;
  }
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::vector<Frame> stack;
  std::optional<nlohmann::ordered_json> result;
  bool done = false;
  // Adds a finished value to the enclosing container (or makes it the document).
  auto add = [&](nlohmann::ordered_json value) {
    if (stack.empty()) {
      if (!result) result = std::move(value);
      return;
    }
    auto& top = stack.back();
    if (top.value.is_array()) {
      top.value.push_back(std::move(value));
    } else if (top.pending_key) {
      top.value[*top.pending_key] = std::move(value);
      top.pending_key.reset();
    } else {
      top.pending_key = value.is_string() ? value.get<std::string>() : value.dump();
    }
  };
  while (!done) {
    yaml_event_t event;
    if (yaml_parser_parse(&parser, &event) == 0) {
      error = parser.problem != nullptr ? parser.problem : "invalid YAML";
      yaml_parser_delete(&parser);
      return std::nullopt;
    }
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT: done = result.has_value() || event.type == YAML_STREAM_END_EVENT; break;
      case YAML_MAPPING_START_EVENT: stack.push_back(Frame{nlohmann::ordered_json::object(), std::nullopt}); break;
      case YAML_SEQUENCE_START_EVENT: stack.push_back(Frame{nlohmann::ordered_json::array(), std::nullopt}); break;
      case YAML_MAPPING_END_EVENT:
      case YAML_SEQUENCE_END_EVENT: {
        auto value = std::move(stack.back().value);
        stack.pop_back();
        add(std::move(value));
        break;
      }
      case YAML_SCALAR_EVENT: {
        std::string v{reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length};
        bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        bool is_key = !stack.empty() && stack.back().value.is_object() && !stack.back().pending_key;
        add(plain && !is_key ? ResolvePlainScalar(v) : nlohmann::ordered_json(v));
        break;
      }
      case YAML_ALIAS_EVENT:
        error = "YAML aliases are not supported";
        yaml_event_delete(&event);
        yaml_parser_delete(&parser);
        return std::nullopt;
      default: break;
    }
    yaml_event_delete(&event);
    if (stack.size() > 1000) {
      error = "the YAML document is nested too deeply";
      yaml_parser_delete(&parser);
      return std::nullopt;
    }
  }
  yaml_parser_delete(&parser);
  if (!result) result = nullptr;
  return result;
}

}  // namespace bicepc::driver
