#include "stdlib/functions.h"

#include <array>
#include <fmt/format.h>

namespace bicepc::stdlib {
namespace {

constexpr auto ParseFlags(std::string_view text) -> std::uint32_t {
  std::uint32_t flags = kFlagNone;
  while (!text.empty()) {
    auto bar = text.find('|');
    auto item = text.substr(0, bar);
    if (item == "pure") {
      flags |= kFlagPure;
    } else if (item == "paramDefaultsOnly") {
      flags |= kFlagParamDefaultsOnly;
    } else if (item == "requiresInlining") {
      flags |= kFlagRequiresInlining;
    } else if (item == "generateIntermediateVariableAlways" ||
               item == "generateIntermediateVariableOnIndirectAssignment") {
      flags |= kFlagGenerateIntermediateVariable;
    } else if (item == "isArgumentValueIndependent") {
      flags |= kFlagArgumentValueIndependent;
    }
    text = bar == std::string_view::npos ? std::string_view{} : text.substr(bar + 1);
  }
  return flags;
}

constexpr std::array kFunctions = {
#define BICEPC_FUNCTION(ns, name, lo, hi, ret, flags) FunctionInfo{Namespace::ns, name, lo, hi, ret, ParseFlags(flags)},
#define BICEPC_OVERLOAD(ns, name, lo, hi, ret, types, signature)
#define sys Sys
#define az Az
#include "stdlib/functions.inc"
#undef BICEPC_FUNCTION
#undef BICEPC_OVERLOAD
};

constexpr std::array kOverloads = {
#define BICEPC_FUNCTION(ns, name, lo, hi, ret, flags)
#define BICEPC_OVERLOAD(ns, name, lo, hi, ret, types, signature) \
  OverloadInfo{Namespace::ns, name, lo, hi, ret, types, signature},
#include "stdlib/functions.inc"
#undef sys
#undef az
#undef BICEPC_FUNCTION
#undef BICEPC_OVERLOAD
};

}  // namespace

auto AllFunctions() -> std::span<const FunctionInfo> { return kFunctions; }

auto FindFunction(Namespace ns, std::string_view name) -> std::optional<FunctionInfo> {
  for (const auto& f : kFunctions) {
    if (f.ns == ns && f.name == name) {
      return f;
    }
  }
  if (ns == Namespace::Az && name.size() > 4 && name.starts_with("list")) {
    // list*(resourceNameOrIdentifier, apiVersion[, functionValues])
    return FunctionInfo{Namespace::Az, name, 2, 3, "any", kFlagRequiresInlining};
  }
  return std::nullopt;
}

auto FindOverloads(Namespace ns, std::string_view name) -> std::span<const OverloadInfo> {
  // The rows of one function are adjacent, in catalogue order.
  const auto* first = kOverloads.begin();
  while (first != kOverloads.end() && !(first->ns == ns && first->name == name)) ++first;
  const auto* last = first;
  while (last != kOverloads.end() && last->ns == ns && last->name == name) ++last;
  return {first, last};
}

auto FindFunction(std::string_view name) -> std::optional<FunctionInfo> {
  if (auto f = FindFunction(Namespace::Sys, name)) {
    return f;
  }
  return FindFunction(Namespace::Az, name);
}

auto ExpectedArgumentsText(const FunctionInfo& info) -> std::string {
  auto plural = [](int n) { return n == 1 ? "argument" : "arguments"; };
  if (info.max_args < 0) {
    return fmt::format("at least {} {}", info.min_args, plural(info.min_args));
  }
  if (info.min_args == info.max_args) {
    return fmt::format("{} {}", info.min_args, plural(info.min_args));
  }
  return fmt::format("{} to {} arguments", info.min_args, info.max_args);
}

}  // namespace bicepc::stdlib
