#include "lint-rules/registry.h"

namespace bicepc::lint {

auto AllRules() -> std::vector<RuleInfo> {
  return {
#define BICEPC_LINT_RULE(Class, Code, Category, Level) RuleInfo{#Class, Code, #Category, #Level},
#include "lint-rules/rules.def"
#undef BICEPC_LINT_RULE
  };
}

}  // namespace bicepc::lint
