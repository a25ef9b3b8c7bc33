// Golden tests: tests/golden/<phase>/<case>.bicep with sibling expected files (.syntax,
// .diagnostics, .json). BICEPC_UPDATE_GOLDEN=1 ctest -R golden rewrites them (review the git diff);
// without it a missing expected file is a failure. Cases named invalid_* must produce errors and
// all other cases must not.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "compiler/driver/output.h"
#include "tests/golden/golden_support.h"

namespace bicepc::golden {
namespace {

auto UpdateMode() -> bool {
  const char* flag = std::getenv("BICEPC_UPDATE_GOLDEN");
  return flag != nullptr && std::string_view{flag} == "1";
}

auto ReadText(const fs::path& path) -> std::optional<std::string> {
  std::ifstream in{path, std::ios::binary};
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

auto Lines(const std::string& text) -> std::vector<std::string> {
  std::vector<std::string> lines;
  std::istringstream in{text};
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The first differing line, for a readable failure message.
auto FirstDifference(const std::string& expected, const std::string& actual) -> std::string {
  const auto e = Lines(expected);
  const auto a = Lines(actual);
  for (std::size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
    const auto* el = i < e.size() ? &e[i] : nullptr;
    const auto* al = i < a.size() ? &a[i] : nullptr;
    if (el == nullptr || al == nullptr || *el != *al) {
      return fmt::format("line {}:\n  expected: {}\n  actual:   {}", i + 1, el ? *el : "<end of file>",
                         al ? *al : "<end of file>");
    }
  }
  return "the texts differ only in their final line break";
}

auto Tip(const GoldenCase& c) -> std::string {
  const auto relative = c.bicep.lexically_relative(fs::path{BICEPC_SOURCE_DIR}).string();
  if (c.phase == "syntax") return fmt::format("TIP: bicepc build --dump=syntax {}", relative);
  if (c.is_params()) return fmt::format("TIP: bicepc build-params --stdout {}", relative);
  return fmt::format("TIP: bicepc build --stdout {}", relative);
}

// Checks one case; returns the failures (empty when it passes). In update mode, writes the
// produced outputs over the expected files instead of comparing them.
auto CheckCase(const GoldenCase& c, bool update) -> std::vector<std::string> {
  std::vector<std::string> failures;
  const auto outputs = RunCase(c);
  if (c.invalid && !outputs.has_errors) failures.push_back("an invalid_ case must produce at least one error");
  if (!c.invalid && outputs.has_errors) failures.push_back("a case not named invalid_ must produce no errors");

  const auto required = RequiredExtensions(c);
  for (const auto& ext : KnownExtensions()) {
    const auto expected_path = fs::path{c.bicep}.replace_extension(ext);
    const bool is_required = std::find(required.begin(), required.end(), ext) != required.end();
    std::error_code ec;
    const bool exists = fs::exists(expected_path, ec);
    if (!is_required && !exists) continue;
    const auto produced = outputs.produced.find(ext);
    if (c.invalid && ext == ".json") {
      failures.push_back(fmt::format("{} exists, but an invalid_ case emits no template; delete it",
                                     expected_path.filename().string()));
      continue;
    }
    if (produced == outputs.produced.end()) {
      failures.push_back(fmt::format("no {} output was produced (expected file {})", ext,
                                     exists ? "exists" : "is missing too"));
      continue;
    }
    if (update) {
      const auto current = exists ? ReadText(expected_path) : std::nullopt;
      if (!current || *current != produced->second) {
        if (auto error = driver::WriteFileAtomically(expected_path.string(), produced->second)) {
          failures.push_back(*error);
        } else {
          MESSAGE("updated " << expected_path.lexically_relative(GoldenRoot()).string());
        }
      }
      continue;
    }
    if (!exists) {
      failures.push_back(fmt::format("missing expected file {} (create it with BICEPC_UPDATE_GOLDEN=1 ctest -R golden, "
                                     "then review it)",
                                     expected_path.filename().string()));
      continue;
    }
    const auto expected = ReadText(expected_path);
    if (!expected) {
      failures.push_back(fmt::format("cannot read {}", expected_path.string()));
    } else if (*expected != produced->second) {
      failures.push_back(fmt::format("{} differs at {}", expected_path.filename().string(),
                                     FirstDifference(*expected, produced->second)));
    }
  }
  return failures;
}

// BICEPC_GOLDEN_FILTER=text limits the run (and an update) to cases whose name contains the text.
auto Filter() -> std::string {
  const char* filter = std::getenv("BICEPC_GOLDEN_FILTER");
  return filter != nullptr ? std::string{filter} : std::string{};
}

// Cases whose expectation is the official compiler's behaviour but which bicepc does not
// match yet. Each is still run: it must keep failing (a case that starts passing must be
// removed from this list), and the gap is printed on every run. Keep the reason current.
struct KnownGap {
  std::string_view name;
  std::string_view reason;
};
constexpr KnownGap kKnownGaps[] = {
    {"semantics/invalid_duplicate.bicep", "needs the no-unused-vars linter rule (linter issue, not landed yet)"},
};

auto KnownGapReason(std::string_view name) -> std::string_view {
  for (const auto& gap : kKnownGaps) {
    if (gap.name == name) return gap.reason;
  }
  return {};
}

TEST_CASE("golden cases") {
  auto cases = FindGoldenCases();
  if (const auto filter = Filter(); !filter.empty()) {
    std::erase_if(cases, [&](const GoldenCase& c) { return c.name().find(filter) == std::string::npos; });
    MESSAGE("BICEPC_GOLDEN_FILTER=" << filter << ": " << cases.size() << " cases");
  }
  REQUIRE_MESSAGE(!cases.empty(), "no golden cases found under " << GoldenRoot().string());
  const bool update = UpdateMode();
  std::size_t failed = 0;
  for (const auto& c : cases) {
    const auto case_name = c.name();
    INFO("golden case " << case_name);  // named in the report if the case crashes the compiler
    const auto failures = CheckCase(c, update);
    if (const auto gap = KnownGapReason(case_name); !gap.empty() && !update) {
      CHECK_MESSAGE(!failures.empty(), "golden case " << case_name
                                                      << " passes now: remove it from kKnownGaps in " << __FILE__);
      MESSAGE("known gap, still failing as listed: " << case_name << " (" << gap << ")");
      continue;
    }
    if (failures.empty()) continue;
    ++failed;
    std::string text = fmt::format("golden case {} failed:", c.name());
    for (const auto& f : failures) text += "\n  - " + f;
    text += "\n  " + Tip(c);
    FAIL_CHECK(text);
  }
  MESSAGE(fmt::format("{} golden cases, {} failed", cases.size(), failed));
}

TEST_CASE("golden folders hold only cases and their expectations") {
  // A stray expected file (its .bicep renamed or deleted) would never be checked again.
  std::error_code ec;
  for (const auto& phase_dir : fs::directory_iterator{GoldenRoot(), ec}) {
    if (!phase_dir.is_directory()) continue;
    for (const auto& entry : fs::directory_iterator{phase_dir.path(), ec}) {
      if (!entry.is_regular_file()) continue;
      const auto ext = entry.path().extension().string();
      if (ext == ".bicep" || ext == ".bicepparam" || ext == ".md" || entry.path().filename() == "bicepconfig.json") {
        continue;
      }
      const auto& known = KnownExtensions();
      const bool is_expectation = std::find(known.begin(), known.end(), ext) != known.end();
      CHECK_MESSAGE(is_expectation, "unexpected file " << entry.path().string());
      if (is_expectation) {
        const auto case_ext = phase_dir.path().filename() == "params" ? ".bicepparam" : ".bicep";
        CHECK_MESSAGE(fs::exists(fs::path{entry.path()}.replace_extension(case_ext)),
                      "expected file without a case: " << entry.path().string());
      }
    }
  }
}

}  // namespace
}  // namespace bicepc::golden
