// UTF-8 encoding shared by every phase that builds text from code points (escapes, case
// mapping, decoded files).
#pragma once

#include <string>

namespace bicepc::source {

// Appends the UTF-8 encoding of `cp` (a Unicode scalar value) to `out`.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace bicepc::source
