#include "tools/conformance/json_compare.h"

#include <cctype>
#include <vector>

#include <fmt/core.h>

#include "compiler/emit/json_writer.h"

namespace bicepc::conformance {

namespace {

constexpr int kMaxTemplateDepth = 64;

void StripGeneratorAt(nlohmann::ordered_json& tmpl, int depth) {
  if (depth > kMaxTemplateDepth || !tmpl.is_object()) return;
  if (auto metadata = tmpl.find("metadata"); metadata != tmpl.end() && metadata->is_object()) {
    metadata->erase("_generator");
  }
  auto resources = tmpl.find("resources");
  if (resources == tmpl.end() || !resources->is_structured()) return;
  for (auto& resource : *resources) {
    if (!resource.is_object()) continue;
    auto properties = resource.find("properties");
    if (properties == resource.end() || !properties->is_object()) continue;
    auto nested = properties->find("template");
    if (nested != properties->end()) StripGeneratorAt(*nested, depth + 1);
  }
}

auto IsIdentifier(const std::string& key) -> bool {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0])) != 0) return false;
  for (char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '$') return false;
  }
  return true;
}

auto MemberPath(const std::string& parent, const std::string& key) -> std::string {
  if (IsIdentifier(key)) return parent + "." + key;
  std::string quoted;
  emit::AppendJsonString(quoted, key);
  return parent + "[" + quoted + "]";
}

struct Pending {
  const nlohmann::ordered_json* actual;
  const nlohmann::ordered_json* expected;
  std::string path;
  std::optional<Difference> length_mismatch;  // set for an array length marker (no values)
};

}  // namespace

void StripGenerator(nlohmann::ordered_json& tmpl) { StripGeneratorAt(tmpl, 0); }

auto Abbreviate(const nlohmann::ordered_json& value, std::size_t max_chars) -> std::string {
  auto text = emit::WriteJsonMinified(value);
  if (text.size() <= max_chars) return text;
  auto cut = max_chars;
  // Do not cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;
  return text.substr(0, cut) + "...";
}

auto FirstDifference(const nlohmann::ordered_json& actual, const nlohmann::ordered_json& expected)
    -> std::optional<Difference> {
  // Iterative depth-first walk in document order (the depth follows the input).
  std::vector<Pending> stack;
  stack.push_back(Pending{&actual, &expected, "$", std::nullopt});
  while (!stack.empty()) {
    auto item = std::move(stack.back());
    stack.pop_back();
    if (item.length_mismatch) return item.length_mismatch;
    const auto& a = *item.actual;
    const auto& e = *item.expected;
    bool same_kind = (a.is_object() && e.is_object()) || (a.is_array() && e.is_array());
    if (!same_kind) {
      if (a != e) return Difference{item.path, Abbreviate(a), Abbreviate(e)};
      continue;
    }
    std::vector<Pending> children;
    if (a.is_object()) {
      for (auto it = e.begin(); it != e.end(); ++it) {
        auto found = a.find(it.key());
        auto path = MemberPath(item.path, it.key());
        if (found == a.end()) return Difference{path, "<missing>", Abbreviate(*it)};
        children.push_back(Pending{&*found, &*it, path, std::nullopt});
      }
      for (auto it = a.begin(); it != a.end(); ++it) {
        if (!e.contains(it.key())) return Difference{MemberPath(item.path, it.key()), Abbreviate(*it), "<missing>"};
      }
    } else {
      auto common = std::min(a.size(), e.size());
      if (a.size() != e.size()) {
        // Reported only after the shared elements compared equal (the marker is popped last).
        auto path = fmt::format("{}[{}]", item.path, common);
        stack.push_back(Pending{nullptr, nullptr, path,
                                Difference{path, a.size() > common ? Abbreviate(a[common]) : "<missing>",
                                           e.size() > common ? Abbreviate(e[common]) : "<missing>"}});
      }
      for (std::size_t i = 0; i < common; ++i) {
        children.push_back(Pending{&a[i], &e[i], fmt::format("{}[{}]", item.path, i), std::nullopt});
      }
    }
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));
  }
  return std::nullopt;
}

auto FirstDifferingLine(const std::string& actual, const std::string& expected) -> std::optional<std::string> {
  if (actual == expected) return std::nullopt;
  std::size_t line = 1;
  std::size_t a_start = 0;
  std::size_t e_start = 0;
  while (true) {
    auto a_end = actual.find('\n', a_start);
    auto e_end = expected.find('\n', e_start);
    auto a_line = actual.substr(a_start, a_end == std::string::npos ? std::string::npos : a_end - a_start);
    auto e_line = expected.substr(e_start, e_end == std::string::npos ? std::string::npos : e_end - e_start);
    if (a_line != e_line || a_end == std::string::npos || e_end == std::string::npos) {
      auto cut = [](std::string s) { return s.size() > 100 ? s.substr(0, 100) + "..." : s; };
      return fmt::format("line {}: `{}` vs `{}`", line, cut(a_line), cut(e_line));
    }
    a_start = a_end + 1;
    e_start = e_end + 1;
    ++line;
  }
}

}  // namespace bicepc::conformance
