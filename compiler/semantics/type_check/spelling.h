// Helpers that reproduce the official compiler's presentation choices for type-check
// messages: the "did you mean" spelling suggestion, and the culture-aware ordering
// (.NET OrderBy(x => x) with the invariant culture) used for property-name lists.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bicepc::semantics::type_check {

// The best candidate within the official edit-distance budget (about one edit per three
// characters, case-insensitive equality first), or nullopt. Candidates are tried in order.
auto SpellingSuggestion(std::string_view name, const std::vector<std::string>& candidates)
    -> std::optional<std::string>;

// Culture-style order: punctuation < digits < letters, letters case-insensitively, and on a
// tie lower case before upper case (as .NET's invariant-culture comparer orders ASCII names).
auto CultureLess(std::string_view a, std::string_view b) -> bool;

// "a", "b", "c"  (the official ToQuotedString)
auto QuotedList(const std::vector<std::string>& items) -> std::string;

}  // namespace bicepc::semantics::type_check
