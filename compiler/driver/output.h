// Output files: written to a temporary file in the target's directory, flushed to disk,
// then renamed over the target, so a reader never sees a half-written file and a failed
// build leaves the previous output untouched.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bicepc::driver {

// Writes `contents` to `path` atomically. Returns an error message on failure
// (the target is then unchanged and no temporary file is left behind).
auto WriteFileAtomically(const std::string& path, std::string_view contents) -> std::optional<std::string>;

}  // namespace bicepc::driver
