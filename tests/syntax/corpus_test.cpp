// Corpus conformance for the syntax phase: every valid .bicep/.bicepparam under
// ../shared/corpus (realworld, and the baselines whose folder names lack "Invalid",
// minus the annotated dumps, see IsAnnotatedDump) parses with zero syntax errors;
// every file (Invalid* and dumps included) yields a tree without crashing.
// Skips when ../shared is absent.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

namespace fs = std::filesystem;
using bicepc::diagnostics::DiagnosticSink;
using bicepc::source::SourceFile;
namespace syntax = bicepc::syntax;

namespace {

struct CorpusFile {
  fs::path path;
  bool valid;
};

auto IsBicep(const fs::path& p) -> bool { return p.extension() == ".bicep" || p.extension() == ".bicepparam"; }

// The baselines' annotated dumps (main.tokens.bicep, main.syntax.bicep, ...) interleave `//@` comment lines
// with the source, also inside multi-line strings, so they are not valid Bicep themselves (the official
// compiler rejects them too). They must not crash, but may have errors. main.formatted.bicep is real Bicep.
auto IsAnnotatedDump(const fs::path& p) -> bool {
  auto stem = p.stem().extension().string();  // ".tokens" of main.tokens.bicep
  return stem == ".tokens" || stem == ".syntax" || stem == ".symbols" || stem == ".diagnostics" || stem == ".ir" ||
         stem == ".sourcemap";
}

// A baseline file is valid when no folder between the baselines root and the file
// has "Invalid" in its name.
auto CollectCorpus(const fs::path& corpus) -> std::vector<CorpusFile> {
  std::vector<CorpusFile> files;
  auto add_tree = [&](const fs::path& root, bool check_names) {
    if (!fs::exists(root)) return;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file() || !IsBicep(entry.path())) continue;
      bool valid = !IsAnnotatedDump(entry.path());
      if (check_names) {
        auto rel = fs::relative(entry.path(), root);
        for (const auto& part : rel.parent_path()) {
          if (part.string().find("Invalid") != std::string::npos) valid = false;
        }
      }
      files.push_back({entry.path(), valid});
    }
  };
  add_tree(corpus / "realworld", false);
  add_tree(corpus / "bicep-baselines", true);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

}  // namespace

TEST_CASE("corpus: valid files parse without syntax errors - no file crashes") {
  fs::path corpus = fs::path{BICEPC_SHARED_DIR} / "corpus";
  if (!fs::exists(corpus)) {
    MESSAGE("skipped: " << corpus.string() << " not found");
    return;
  }
  auto files = CollectCorpus(corpus);
  REQUIRE(!files.empty());
  std::size_t valid_count = 0;
  std::size_t invalid_count = 0;
  std::size_t invalid_with_errors = 0;
  std::size_t bytes = 0;
  double seconds_cold = 0;
  double seconds_warm = 0;
  double cpu_cold = 0;
  double cpu_warm = 0;
  std::vector<std::string> failures;
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& f : files) {
      auto text = bicepc::source::ReadFile(f.path.string());
      REQUIRE(text.has_value());
      SourceFile file{f.path.string(), std::move(*text)};
      DiagnosticSink sink;
      syntax::ParseOptions options;
      options.kind = f.path.extension() == ".bicepparam" ? syntax::FileKind::BicepParam : syntax::FileKind::Bicep;
      auto start = std::chrono::steady_clock::now();
      auto cpu_start = std::clock();
      auto tree = syntax::Parse(file, sink, options);
      auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      (pass == 0 ? seconds_cold : seconds_warm) += elapsed;
      (pass == 0 ? cpu_cold : cpu_warm) += static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
      CHECK(tree.root());
      if (pass == 1) continue;
      bytes += file.text().size();
      if (f.valid) {
        ++valid_count;
        if (sink.HasErrors()) {
          auto d = sink.Sorted().front();
          auto lc = file.Locate(d.range.begin);
          failures.push_back(fmt::format("{}:{}:{}: {} {}", f.path.string(), lc.line + 1, lc.column + 1, d.code,
                                         d.message));
        }
      } else {
        ++invalid_count;
        if (sink.HasErrors()) ++invalid_with_errors;
      }
    }
  }
  for (const auto& f : failures) MESSAGE(f);
  MESSAGE(fmt::format("syntax corpus: {} valid files, {} with syntax errors; {} other files (Invalid* and "
                      "annotated dumps; {} with errors); "
                      "{:.1f} MB; parse throughput (first pass = cold DFA, second = warm) wall {:.2f} / {:.2f} MB/s, "
                      "CPU {:.2f} / {:.2f} MB/s",
                      valid_count, failures.size(), invalid_count, invalid_with_errors, bytes / 1e6,
                      bytes / 1e6 / seconds_cold, bytes / 1e6 / seconds_warm, bytes / 1e6 / cpu_cold,
                      bytes / 1e6 / cpu_warm));
  CHECK(failures.empty());
}
