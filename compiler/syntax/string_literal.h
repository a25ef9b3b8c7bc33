// A value written back as a Bicep string literal, as the official compiler prints one (type
// names such as 'abc', generated parameters files): quoted, with \\ \' \n \r \t and ${ escaped.
#pragma once

#include <string>
#include <string_view>

namespace bicepc::syntax {

auto QuoteStringLiteral(std::string_view value) -> std::string;

}  // namespace bicepc::syntax
