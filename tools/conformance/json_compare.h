// JSON comparison helpers for the conformance runner.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bicepc::conformance {

// Removes metadata._generator from the template and from every nested template
// (resources[].properties.template), recursively (depth-bounded).
void StripGenerator(nlohmann::ordered_json& tmpl);

struct Difference {
  std::string path;      // e.g. $.resources[2].dependsOn[0]
  std::string actual;    // abbreviated compact JSON, or "<missing>"
  std::string expected;  // abbreviated compact JSON, or "<missing>"
};

// Deep equality with object key order ignored; the first difference in document order
// (expected's key order first, then keys only in actual). nullopt when equal.
auto FirstDifference(const nlohmann::ordered_json& actual, const nlohmann::ordered_json& expected)
    -> std::optional<Difference>;

// The first differing line of two texts, as "line N: `actual` vs `expected`"; nullopt when equal.
auto FirstDifferingLine(const std::string& actual, const std::string& expected) -> std::optional<std::string>;

// Compact JSON cut to `max_chars` characters (with "..." when cut).
auto Abbreviate(const nlohmann::ordered_json& value, std::size_t max_chars = 80) -> std::string;

}  // namespace bicepc::conformance
