// The built-in function catalogue of the `sys` and `az` namespaces, generated from the
// official catalogues into functions.inc (see tools/gen-stdlib/gen_stdlib.py).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace bicepc::stdlib {

enum class Namespace : std::uint8_t { Sys, Az };

enum FunctionFlags : std::uint32_t {
  kFlagNone = 0,
  kFlagPure = 1U << 0,
  kFlagParamDefaultsOnly = 1U << 1,   // newGuid(), utcNow(): only in parameter default values
  kFlagRequiresInlining = 1U << 2,    // reference(), toLogicalZone(): runtime values
  kFlagGenerateIntermediateVariable = 1U << 3,  // load*Content
  kFlagArgumentValueIndependent = 1U << 4,      // nameof()
};

struct FunctionInfo {
  Namespace ns;
  std::string_view name;
  int min_args;
  int max_args;  // -1 = unbounded
  std::string_view return_type;
  std::uint32_t flags;
};

// One overload of a function, as the official catalogue lists it.
struct OverloadInfo {
  Namespace ns;
  std::string_view name;
  int min_args;
  int max_args;  // -1 = unbounded
  std::string_view return_type;
  // The fixed parameters' types joined by ';', then "...T" for a variadic parameter.
  std::string_view parameter_types;
  std::string_view signature;  // official display: "(object: object, propertyName: string): bool"
};

// The overloads of a function in one namespace, in the order the official resolution tries them
// (empty for unknown names and the wildcard `list*` functions).
auto FindOverloads(Namespace ns, std::string_view name) -> std::span<const OverloadInfo>;

// All catalogue entries (one row per function name and namespace, overloads merged).
auto AllFunctions() -> std::span<const FunctionInfo>;

// Looks a function up by exact (case-sensitive) name in one namespace. The az namespace
// also accepts any `list*` name (listKeys, listSecrets, ...), as the official compiler does.
auto FindFunction(Namespace ns, std::string_view name) -> std::optional<FunctionInfo>;

// Looks a function up in sys first, then az (unqualified calls).
auto FindFunction(std::string_view name) -> std::optional<FunctionInfo>;

// The official BCP071 argument-count phrase: "1 argument", "at least 2 arguments", "2 to 3 arguments".
auto ExpectedArgumentsText(const FunctionInfo& info) -> std::string;

}  // namespace bicepc::stdlib
