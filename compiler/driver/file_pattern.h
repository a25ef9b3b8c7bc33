// `--pattern GLOB` for build and lint: the files under a base directory whose relative
// path matches a glob with `*` and `?` (within one path segment), `[...]` classes and
// `**` (any number of whole segments).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bicepc::driver {

// True when `relative_path` ('/'-separated) matches `pattern`.
auto GlobMatches(std::string_view pattern, std::string_view relative_path) -> bool;

// Regular files under `base_dir` (or the absolute prefix of `pattern`) matching `pattern`,
// as absolute, lexically normal paths in sorted order.
auto ExpandFilePattern(const std::string& base_dir, const std::string& pattern) -> std::vector<std::string>;

}  // namespace bicepc::driver
