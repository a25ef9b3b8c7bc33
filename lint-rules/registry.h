// The lint-rule registry: one table, built from rules.def.
#pragma once

#include <string_view>
#include <vector>

namespace bicepc::lint {

struct RuleInfo {
  std::string_view class_name;
  std::string_view code;
  std::string_view category;
  std::string_view default_level;
};

auto AllRules() -> std::vector<RuleInfo>;

}  // namespace bicepc::lint
