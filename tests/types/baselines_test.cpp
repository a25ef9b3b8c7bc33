// Conformance probe: runs the resource-body checks over the official baselines
// (../shared/corpus/bicep-baselines/*/main.bicep) and compares, for the codes those checks
// own, what we report inside resource declarations with the expected annotations in
// main.diagnostics.bicep. Reports counts (and, with BICEPC_TYPES_VERBOSE=1, every
// difference); it does not fail on differences that need expression types we do not
// have yet. Skips cleanly when ../shared is absent.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/type_check/resource_body_check.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kOwnedCodes = {"BCP034", "BCP035", "BCP036", "BCP037", "BCP073", "BCP078", "BCP081",
                                           "BCP088", "BCP089", "BCP187", "BCP327", "BCP328", "BCP332", "BCP333"};

struct Expected {
  std::uint32_t line = 0;
  std::string text;  // "[start:end) CODE (Level) message"
};

auto SplitLines(const std::string& s) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == '\n') {
      if (!cur.empty() && cur.back() == '\r') cur.pop_back();
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// "//@[12:34) [BCP037 (Error)] message (bicep https://...) |span|" -> "12 BCP037 Error message"
auto ParseAnnotation(const std::string& line) -> std::optional<std::string> {
  if (!line.starts_with("//@[")) return std::nullopt;
  auto close = line.find(") [");
  if (close == std::string::npos) return std::nullopt;
  auto cols = line.substr(4, close - 4);
  auto code_end = line.find(" (", close + 3);
  auto level_end = line.find(")] ", code_end);
  if (code_end == std::string::npos || level_end == std::string::npos) return std::nullopt;
  auto code = line.substr(close + 3, code_end - close - 3);
  auto level = line.substr(code_end + 2, level_end - code_end - 2);
  auto msg_start = level_end + 3;
  auto msg_end = line.rfind(" (bicep https://");
  if (msg_end == std::string::npos || msg_end < msg_start) return std::nullopt;
  // strip leading zeros of the columns
  auto colon = cols.find(':');
  auto a = std::to_string(std::stoul(cols.substr(0, colon)));
  auto b = std::to_string(std::stoul(cols.substr(colon + 1)));
  (void)b;  // the end column of multi-line spans is not comparable; compare starts only
  return a + " " + code + " " + level + " " + line.substr(msg_start, msg_end - msg_start);
}

}  // namespace

TEST_CASE("baselines: resource-body diagnostics vs. the official annotations") {
  fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus" / "bicep-baselines";
  if (!fs::exists(root)) {
    MESSAGE("skipped: " << root.string() << " not found");
    return;
  }
  bool verbose = std::getenv("BICEPC_TYPES_VERBOSE") != nullptr;
  std::size_t matched = 0, missing = 0, extra = 0;
  for (const auto& entry : fs::directory_iterator{root}) {
    auto main = entry.path() / "main.bicep";
    auto diags = entry.path() / "main.diagnostics.bicep";
    if (!fs::exists(main) || !fs::exists(diags)) continue;
    auto text = bicepc::source::ReadFile(main.string());
    auto annotated = bicepc::source::ReadFile(diags.string());
    if (!text || !annotated) continue;
    bicepc::source::SourceFile file{main.string(), *text};
    bicepc::diagnostics::DiagnosticSink parse_sink;
    auto tree = bicepc::syntax::Parse(file, parse_sink);
    bicepc::diagnostics::DiagnosticSink sink;
    bicepc::semantics::type_check::CheckResources(tree, sink);

    // Lines covered by resource declarations (only there do these checks speak).
    std::vector<std::pair<std::uint32_t, std::uint32_t>> resource_lines;
    for (auto stmt : tree.children(tree.root())) {
      if (stmt && tree.kind(stmt) == bicepc::syntax::NodeKind::ResourceDecl) {
        auto r = tree.range(stmt);
        resource_lines.emplace_back(file.Locate(r.begin).line, file.Locate(r.end).line);
      }
    }
    auto in_resource = [&](std::uint32_t line) {
      return std::any_of(resource_lines.begin(), resource_lines.end(),
                         [&](auto p) { return line >= p.first && line <= p.second; });
    };

    std::multiset<std::string> expected;
    std::uint32_t source_line = 0;
    bool first = true;
    for (const auto& l : SplitLines(*annotated)) {
      if (l.starts_with("//@[")) {
        auto a = ParseAnnotation(l);
        if (!a) continue;
        auto code = a->substr(a->find(' ') + 1, 6);
        if (kOwnedCodes.contains(code) && in_resource(source_line)) {
          expected.insert(std::to_string(source_line) + ":" + *a);
        }
        continue;
      }
      if (!first) ++source_line;
      first = false;
    }
    std::multiset<std::string> actual;
    for (const auto& d : sink.diagnostics()) {
      auto b = file.Locate(d.range.begin);
      std::ostringstream s;
      s << b.line << ":" << b.column << " " << d.code << " "
        << bicepc::diagnostics::LevelName(d.level) << " " << d.message;
      actual.insert(s.str());
    }
    for (const auto& x : expected) {
      if (auto it = actual.find(x); it != actual.end()) {
        ++matched;
        actual.erase(it);
      } else {
        ++missing;
        if (verbose) std::cout << entry.path().filename().string() << " MISSING " << x << "\n";
      }
    }
    for (const auto& x : actual) {
      ++extra;
      if (verbose) std::cout << entry.path().filename().string() << " EXTRA   " << x << "\n";
    }
  }
  MESSAGE("resource-body diagnostics vs. baselines: " << matched << " matched, " << missing << " missing, " << extra
                                                       << " extra");
  CHECK(matched > 0);
}

TEST_CASE("realworld: no error-level resource-body diagnostics on templates the official compiler accepts") {
  fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus" / "realworld";
  if (!fs::exists(root)) {
    MESSAGE("skipped: " << root.string() << " not found");
    return;
  }
  bool verbose = std::getenv("BICEPC_TYPES_VERBOSE") != nullptr;
  std::size_t files = 0, errors = 0, warnings = 0;
  for (const auto& entry : fs::recursive_directory_iterator{root}) {
    if (!entry.is_regular_file() || entry.path().extension() != ".bicep") continue;
    auto text = bicepc::source::ReadFile(entry.path().string());
    if (!text) continue;
    ++files;
    bicepc::source::SourceFile file{entry.path().string(), *text};
    bicepc::diagnostics::DiagnosticSink parse_sink;
    auto tree = bicepc::syntax::Parse(file, parse_sink);
    if (parse_sink.HasErrors()) continue;
    bicepc::diagnostics::DiagnosticSink sink;
    bicepc::semantics::type_check::CheckResources(tree, sink);
    for (const auto& d : sink.diagnostics()) {
      auto lc = file.Locate(d.range.begin);
      if (d.level == bicepc::diagnostics::Level::Error) {
        ++errors;
        std::cout << "ERROR " << entry.path().string() << ":" << lc.line + 1 << ":" << lc.column + 1 << " " << d.code
                  << " " << d.message << "\n";
      } else {
        ++warnings;
        if (verbose) {
          std::cout << "warning " << entry.path().string() << ":" << lc.line + 1 << ":" << lc.column + 1 << " "
                    << d.code << " " << d.message << "\n";
        }
      }
    }
  }
  MESSAGE("realworld: " << files << " files, " << errors << " errors, " << warnings << " warnings");
  CHECK(errors == 0);
}
