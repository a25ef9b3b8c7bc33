#include "compiler/driver/file_pattern.h"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace bicepc::driver {
namespace {

auto Split(std::string_view text) -> std::vector<std::string> {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto slash = text.find('/', start);
    if (slash == std::string_view::npos) slash = text.size();
    if (slash > start) parts.emplace_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

auto HasWildcard(std::string_view segment) -> bool {
  return segment.find_first_of("*?[") != std::string_view::npos;
}

// Iterative matcher over segments: `**` may absorb any number of path segments.
auto MatchSegments(const std::vector<std::string>& pattern, const std::vector<std::string>& path) -> bool {
  std::size_t p = 0;
  std::size_t s = 0;
  std::size_t star_p = std::string::npos;
  std::size_t star_s = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == "**") {
      star_p = p++;
      star_s = s;
    } else if (p < pattern.size() && ::fnmatch(pattern[p].c_str(), path[s].c_str(), 0) == 0) {
      ++p;
      ++s;
    } else if (star_p != std::string::npos) {
      p = star_p + 1;
      s = ++star_s;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == "**") ++p;
  return p == pattern.size();
}

}  // namespace

auto GlobMatches(std::string_view pattern, std::string_view relative_path) -> bool {
  return MatchSegments(Split(pattern), Split(relative_path));
}

auto ExpandFilePattern(const std::string& base_dir, const std::string& pattern) -> std::vector<std::string> {
  namespace fs = std::filesystem;
  auto segments = Split(pattern);
  fs::path base = pattern.starts_with('/') ? fs::path{"/"} : fs::path{base_dir};
  // Literal leading segments narrow the walk.
  std::size_t literal = 0;
  while (literal + 1 < segments.size() && !HasWildcard(segments[literal])) {
    base /= segments[literal];
    ++literal;
  }
  std::vector<std::string> rest(segments.begin() + static_cast<std::ptrdiff_t>(literal), segments.end());
  std::vector<std::string> found;
  std::error_code ec;
  if (rest.empty() || !fs::is_directory(base, ec)) return found;
  const bool recursive = std::find(rest.begin(), rest.end(), "**") != rest.end() || rest.size() > 1;
  auto consider = [&](const fs::directory_entry& entry) {
    std::error_code entry_ec;
    if (!entry.is_regular_file(entry_ec)) return;
    const auto relative = entry.path().lexically_relative(base).generic_string();
    if (MatchSegments(rest, Split(relative))) {
      found.push_back(fs::absolute(entry.path(), entry_ec).lexically_normal().string());
    }
  };
  if (recursive) {
    for (fs::recursive_directory_iterator it{base, fs::directory_options::skip_permission_denied, ec}, end;
         !ec && it != end; it.increment(ec)) {
      consider(*it);
    }
  } else {
    for (fs::directory_iterator it{base, fs::directory_options::skip_permission_denied, ec}, end; !ec && it != end;
         it.increment(ec)) {
      consider(*it);
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace bicepc::driver
