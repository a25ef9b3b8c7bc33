// Byte-exact JSON text as the official Bicep CLI writes templates: Newtonsoft.Json
// `Formatting.Indented` (2 spaces, "\n", no trailing newline, `"key": value`, `{}`/`[]` for empty
// containers, UTF-8 without BOM, non-ASCII written raw, Newtonsoft's default string escaping).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace bicepc::emit {

// Indented output (the template file text).
auto WriteJson(const nlohmann::ordered_json& value) -> std::string;

// Minified output (no whitespace at all), same escaping and number format.
auto WriteJsonMinified(const nlohmann::ordered_json& value) -> std::string;

// Appends `text` as a JSON string literal (with quotes) using Newtonsoft's default escaping:
// `\" \\ \n \r \t \b \f`, other chars below U+0020 and U+0085/U+2028/U+2029 as lowercase `\u00xx`.
void AppendJsonString(std::string& out, std::string_view text);

// Appends a number the way Newtonsoft writes it (integers as is; doubles like .NET "R" with a
// ".0" added when the text has no '.', 'E' or 'e').
void AppendJsonNumber(std::string& out, const nlohmann::ordered_json& number);

}  // namespace bicepc::emit
