#include "compiler/emit/json_writer.h"

#include <doctest/doctest.h>

#include <string>

namespace bicepc::emit {
namespace {

auto RoundTrip(const std::string& text) -> std::string {
  return WriteJson(nlohmann::ordered_json::parse(text));
}

TEST_CASE("WriteJson: empty containers and scalars") {
  CHECK(WriteJson(nlohmann::ordered_json::object()) == "{}");
  CHECK(WriteJson(nlohmann::ordered_json::array()) == "[]");
  CHECK(WriteJson(nlohmann::ordered_json(nullptr)) == "null");
  CHECK(WriteJson(nlohmann::ordered_json(true)) == "true");
  CHECK(WriteJson(nlohmann::ordered_json(-42)) == "-42");
  CHECK(WriteJson(nlohmann::ordered_json(9223372036854775807LL)) == "9223372036854775807");
  CHECK(WriteJson(nlohmann::ordered_json(18446744073709551615ULL)) == "18446744073709551615");
  CHECK(WriteJson(nlohmann::ordered_json("x")) == "\"x\"");
}

TEST_CASE("WriteJson: nesting / 2-space indent / no trailing newline / insertion order") {
  const std::string text =
      "{\n"
      "  \"b\": 1,\n"
      "  \"a\": {\n"
      "    \"empty\": {},\n"
      "    \"list\": [\n"
      "      1,\n"
      "      [],\n"
      "      [\n"
      "        true,\n"
      "        null\n"
      "      ],\n"
      "      {\n"
      "        \"k\": \"v\"\n"
      "      }\n"
      "    ]\n"
      "  }\n"
      "}";
  CHECK(RoundTrip(text) == text);
  CHECK(WriteJsonMinified(nlohmann::ordered_json::parse(text)) ==
        R"({"b":1,"a":{"empty":{},"list":[1,[],[true,null],{"k":"v"}]}})");
}

TEST_CASE("WriteJson: Newtonsoft default string escaping") {
  nlohmann::ordered_json value = std::string{"q\" b\\ n\n r\r t\t b\b f\f nul"} + std::string(1, '\0') +
                                 "\x01\x1f del\x7f / ' < > &";
  CHECK(WriteJson(value) ==
        "\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000\\u0001\\u001f del\x7f / ' < > &\"");
  // Non-ASCII is written raw, except U+0085, U+2028 and U+2029.
  CHECK(WriteJson(nlohmann::ordered_json("héllo ☕ 😀 \u0085 \u2028 \u2029")) ==
        "\"héllo ☕ 😀 \\u0085 \\u2028 \\u2029\"");
  // Keys use the same escaping.
  CHECK(WriteJson(nlohmann::ordered_json::parse(R"({"a\"b\u0001": []})")) == "{\n  \"a\\\"b\\u0001\": []\n}");
}

TEST_CASE("WriteJson: doubles as .NET writes them") {
  CHECK(WriteJson(nlohmann::ordered_json(1.5)) == "1.5");
  CHECK(WriteJson(nlohmann::ordered_json(2.0)) == "2.0");
  CHECK(WriteJson(nlohmann::ordered_json(-0.25)) == "-0.25");
  CHECK(WriteJson(nlohmann::ordered_json(1e15)) == "1E+15");
  CHECK(WriteJson(nlohmann::ordered_json(123456789012345.0)) == "123456789012345.0");
  CHECK(WriteJson(nlohmann::ordered_json(0.0001)) == "0.0001");
  CHECK(WriteJson(nlohmann::ordered_json(0.00001)) == "1E-05");
  CHECK(WriteJson(nlohmann::ordered_json(1.25e-7)) == "1.25E-07");
}

TEST_CASE("WriteJson: deep nesting does not recurse") {
  nlohmann::ordered_json value = nlohmann::ordered_json::array();
  auto* innermost = &value;
  for (int i = 0; i < 20000; ++i) {
    innermost->push_back(nlohmann::ordered_json::array());
    innermost = &innermost->back();
  }
  auto text = WriteJsonMinified(value);
  CHECK(text.size() == 2 * 20001);
  CHECK(text.substr(0, 3) == "[[[");
}

}  // namespace
}  // namespace bicepc::emit
