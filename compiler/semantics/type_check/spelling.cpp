#include "compiler/semantics/type_check/spelling.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace bicepc::semantics::type_check {
namespace {

auto Upper(std::string_view s) -> std::string {
  std::string out{s};
  for (auto& c : out) c = static_cast<char>((c >= 'a' && c <= 'z') ? c - 32 : c);
  return out;
}

// Levenshtein distance, or -1 when it exceeds max_distance.
auto BoundedDistance(const std::string& a, const std::string& b, int max_distance) -> int {
  auto n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (std::abs(n - m) > max_distance) return -1;
  std::vector<int> prev(static_cast<std::size_t>(m) + 1), cur(static_cast<std::size_t>(m) + 1);
  for (int j = 0; j <= m; ++j) prev[static_cast<std::size_t>(j)] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = i;
    for (int j = 1; j <= m; ++j) {
      auto sj = static_cast<std::size_t>(j);
      cur[sj] = a[static_cast<std::size_t>(i - 1)] == b[sj - 1]
                    ? prev[sj - 1]
                    : 1 + std::min({prev[sj], cur[sj - 1], prev[sj - 1]});
      row_min = std::min(row_min, cur[sj]);
    }
    if (row_min > max_distance) return -1;
    std::swap(prev, cur);
  }
  auto d = prev[static_cast<std::size_t>(m)];
  return d > max_distance ? -1 : d;
}

auto Primary(char c) -> std::tuple<int, int> {
  auto u = static_cast<unsigned char>(c);
  if (u >= 'a' && u <= 'z') return {2, u};
  if (u >= 'A' && u <= 'Z') return {2, u + 32};
  if (u >= '0' && u <= '9') return {1, u};
  return {0, u};
}

}  // namespace

auto SpellingSuggestion(std::string_view name, const std::vector<std::string>& candidates)
    -> std::optional<std::string> {
  auto len = static_cast<int>(name.size());
  int max_length_difference = std::min(len * 34 / 100, 2);
  int max_distance = len * 34 / 100 + 1;
  auto upper = Upper(name);
  std::optional<std::string> best;
  bool equality_only = false;
  for (const auto& candidate : candidates) {
    if (candidate.empty() || std::abs(len - static_cast<int>(candidate.size())) > max_length_difference) continue;
    auto cu = Upper(candidate);
    if (cu == upper) return candidate;
    if (equality_only || candidate.size() < 3) continue;
    auto d = BoundedDistance(upper, cu, max_distance - 1);
    if (d < 0) continue;
    if (d < 2) {
      equality_only = true;
      best = candidate;
    } else {
      max_distance = d;
      best = candidate;
    }
  }
  return best;
}

auto CultureLess(std::string_view a, std::string_view b) -> bool {
  auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto pa = Primary(a[i]), pb = Primary(b[i]);
    if (pa != pb) return pa < pb;
  }
  if (a.size() != b.size()) return a.size() < b.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) {
      bool la = a[i] >= 'a' && a[i] <= 'z';
      bool lb = b[i] >= 'a' && b[i] <= 'z';
      if (la != lb) return la;  // lower case first
      return a[i] < b[i];
    }
  }
  return false;
}

auto QuotedList(const std::vector<std::string>& items) -> std::string {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += '"';
    out += items[i];
    out += '"';
  }
  return out;
}

}  // namespace bicepc::semantics::type_check
