// grammar-check FILE|DIR...: parses every .bicep/.bicepparam given (directories
// recursively) with syntax::Parse, prints each file's diagnostics, and a summary
// with the parse throughput. Exit status 1 when any file has a syntax error.
// Options: --quiet (summary only), --dump (print the syntax tree of each file),
// --repeat N (parse everything N times, to measure warm throughput), --max-nesting N,
// --max-tree-depth N (override ParseOptions, e.g. to find the real crash depth).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

namespace fs = std::filesystem;
using namespace bicepc;

auto main(int argc, char** argv) -> int {
  bool quiet = false;
  bool dump = false;
  int repeat = 1;
  syntax::ParseOptions base_options;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg{argv[i]};
    if (arg == "--quiet") {
      quiet = true;
    } else if (arg == "--dump") {
      dump = true;
    } else if (arg == "--max-nesting" && i + 1 < argc) {
      base_options.max_nesting = static_cast<std::uint32_t>(std::atol(argv[++i]));
    } else if (arg == "--max-tree-depth" && i + 1 < argc) {
      base_options.max_tree_depth = static_cast<std::uint32_t>(std::atol(argv[++i]));
    } else if (arg == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg)) {
        auto ext = e.path().extension();
        if (e.is_regular_file() && (ext == ".bicep" || ext == ".bicepparam")) files.push_back(e.path());
      }
    } else {
      files.emplace_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t failed = 0;
  std::size_t bytes = 0;
  std::vector<double> pass_seconds;
  for (int pass = 0; pass < repeat; ++pass) {
    double seconds = 0;
    for (const auto& path : files) {
      auto text = source::ReadFile(path.string());
      if (!text) {
        fmt::print("{}: cannot read\n", path.string());
        continue;
      }
      source::SourceFile file{path.string(), std::move(*text)};
      diagnostics::DiagnosticSink sink;
      auto options = base_options;
      options.kind = path.extension() == ".bicepparam" ? syntax::FileKind::BicepParam : syntax::FileKind::Bicep;
      auto start = std::chrono::steady_clock::now();
      auto tree = syntax::Parse(file, sink, options);
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      if (pass > 0) continue;
      bytes += file.text().size();
      if (dump) fmt::print("{}", syntax::DumpSyntax(tree));
      if (sink.HasErrors()) ++failed;
      if (quiet) continue;
      for (const auto& d : sink.Sorted()) {
        auto lc = file.Locate(d.range.begin);
        fmt::print("{}:{}:{}: {} {}\n", path.string(), lc.line + 1, lc.column + 1, d.code, d.message);
      }
    }
    pass_seconds.push_back(seconds);
  }
  fmt::print("{} files, {} with errors, {:.2f} MB\n", files.size(), failed, bytes / 1e6);
  for (std::size_t i = 0; i < pass_seconds.size(); ++i) {
    fmt::print("pass {}: {:.3f} s, {:.1f} MB/s\n", i + 1, pass_seconds[i], bytes / 1e6 / pass_seconds[i]);
  }
  return failed > 0 ? 1 : 0;
}
