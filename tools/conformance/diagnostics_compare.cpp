#include "tools/conformance/diagnostics_compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "compiler/driver/compile.h"
#include "compiler/driver/params.h"

namespace bicepc::conformance {
namespace {

namespace fs = std::filesystem;

struct Located {
  std::string code;
  std::uint32_t line = 0;    // 1-based
  std::uint32_t column = 0;  // 1-based
  std::string message;
  friend auto operator<(const Located& a, const Located& b) -> bool {
    return std::tie(a.line, a.column, a.code) < std::tie(b.line, b.column, b.code);
  }
};

// main.diagnostics.bicep: source lines, each followed by `//@[start:end) [CODE (Level)] message ...`.
auto OfficialErrors(const fs::path& file) -> std::vector<Located> {
  std::ifstream in{file, std::ios::binary};
  std::vector<Located> out;
  std::string line;
  std::uint32_t source_line = 0;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.starts_with("//@[")) {
      ++source_line;
      continue;
    }
    auto colon = line.find(':');
    auto open = line.find(") [");
    auto level = line.find(" (Error)] ");
    if (colon == std::string::npos || open == std::string::npos || level == std::string::npos || level < open) continue;
    Located d;
    d.code = line.substr(open + 3, level - open - 3);
    d.line = source_line;
    d.column = static_cast<std::uint32_t>(std::stoul(line.substr(4, colon - 4))) + 1;
    auto tail = line.find(" (bicep", level);
    d.message = line.substr(level + 10, tail == std::string::npos ? std::string::npos : tail - level - 10);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace

auto CompareInvalidBaselines(const fs::path& baselines, bool list_missing, bool params) -> DiagnosticsFigures {
  const fs::path root = params ? baselines / "bicepparam" : baselines;
  const std::string input = params ? "parameters.bicepparam" : "main.bicep";
  const std::string annotated = params ? "parameters.diagnostics.bicepparam" : "main.diagnostics.bicep";
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator{root, ec}) {
    if (entry.is_directory() && entry.path().filename().string().starts_with("Invalid") &&
        fs::exists(entry.path() / annotated)) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  DiagnosticsFigures total;
  for (const auto& dir : dirs) {
    auto expected = OfficialErrors(dir / annotated);
    std::string main_path = fs::absolute(dir / input).string();
    // The compilations own the files the diagnostics point into: keep them alive.
    std::optional<driver::ParamsCompilation> params_compilation;
    std::optional<driver::Compilation> bicep_compilation;
    const diagnostics::DiagnosticSink* sink = nullptr;
    if (params) {
      params_compilation = driver::CompileParamsFile(main_path, driver::ParamsOptions{});
      sink = &params_compilation->diagnostics;
    } else {
      bicep_compilation = driver::CompileBicepFile(main_path, driver::CompileOptions{});
      sink = &bicep_compilation->diagnostics;
    }
    std::multiset<std::tuple<std::string, std::uint32_t, std::uint32_t>> ours;
    for (const auto& d : sink->diagnostics()) {
      if (d.level != diagnostics::Level::Error || d.file == nullptr || d.file->path() != main_path) continue;
      auto at = d.file->Locate(d.range.begin);
      ours.emplace(d.code, at.line + 1, at.column + 1);
    }
    DiagnosticsFigures f;
    f.expected = static_cast<int>(expected.size());
    std::vector<Located> missing;
    for (const auto& e : expected) {
      auto it = ours.find({e.code, e.line, e.column});
      if (it != ours.end()) {
        ++f.found;
        ours.erase(it);
      } else {
        missing.push_back(e);
      }
    }
    f.extra = static_cast<int>(ours.size());
    fmt::print("{:<50} expected {:>4}  found {:>4}  missing {:>4}  extra {:>4}  {:>5.1f}%\n", dir.filename().string(),
               f.expected, f.found, f.expected - f.found, f.extra,
               f.expected == 0 ? 100.0 : 100.0 * f.found / f.expected);
    if (list_missing) {
      for (const auto& m : missing) {
        fmt::print("  missing {}({},{}) {}: {}\n", dir.filename().string(), m.line, m.column, m.code, m.message);
      }
      for (const auto& [code, line, column] : ours) {
        fmt::print("  extra   {}({},{}) {}\n", dir.filename().string(), line, column, code);
      }
    }
    total.expected += f.expected;
    total.found += f.found;
    total.extra += f.extra;
  }
  fmt::print("invalid {}baselines: {} official errors, {} found at the same place with the same code ({:.1f}%), {} extra\n",
             params ? "parameters-file " : "", total.expected, total.found, total.expected == 0 ? 100.0 : 100.0 * total.found / total.expected,
             total.extra);
  return total;
}

}  // namespace bicepc::conformance
