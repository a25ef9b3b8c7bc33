// .NET composite formatting ("{0}", "{1,-8}", "{2:N0}", "{{") as ARM's format() uses it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "compiler/eval/evaluate.h"
#include "compiler/eval/expected.h"

namespace bicepc::eval {

// Formats `format` with `args`; the error is .NET's FormatException message.
auto FormatComposite(std::string_view format, std::span<const Json> args) -> Expected<std::string, std::string>;

// One argument with a .NET standard or simple custom numeric format string ("D3", "N0",
// "X", "F2", "0.00", ...). Non-numeric values ignore the format, as .NET does.
auto FormatValue(const Json& value, std::string_view format_spec) -> Expected<std::string, std::string>;

}  // namespace bicepc::eval
