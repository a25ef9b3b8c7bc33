#include "compiler/syntax/string_literal.h"

namespace bicepc::syntax {

auto QuoteStringLiteral(std::string_view value) -> std::string {
  std::string out = "'";
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\'': out += "\\'"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '$': out += (i + 1 < value.size() && value[i + 1] == '{') ? "\\$" : "$"; break;
      default: out += c;
    }
  }
  out += '\'';
  return out;
}

}  // namespace bicepc::syntax
