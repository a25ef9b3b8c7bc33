// bicepc-conformance: builds corpus samples with driver::CompileBicepFile (in-process) and compares
// the result with the official JSON, ignoring metadata._generator (top-level and nested templates).
//
//   bicepc-conformance --baselines DIR      valid baseline folders (no "Invalid" in the name) with
//                                           main.bicep and main.json
//   bicepc-conformance --manifest FILE.tsv  realworld/MANIFEST.tsv (paths relative to its folder)
//   options: --only NAME[,NAME...]  (exact name or substring), --min-version X.Y (manifest),
//            --list-failures, --fork (one child process per sample: survives crashes, 120 s limit),
//            --expect-equal NAME1,NAME2,... (exit 1 unless each listed sample is deep-equal)
//            --expect-at-least DEEP,BYTE (exit 1 below these counts or on any crash: a ratchet)
//            --symbolic (baselines: compile with symbolicNameCodegen, compare with main.symbolicnames.json)
//            --diagnostics [--params] [--expect-found N] (Invalid* baselines, or with --params the
//              bicepparam/Invalid_* ones: errors matched by code, line, column)
//
// Exit code 0 unless --expect-equal or --expect-at-least fails or the arguments are wrong; 0 with a
// "skipped" line when the corpus is absent.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "compiler/driver/compile.h"
#include "tools/conformance/diagnostics_compare.h"
#include "compiler/emit/json_writer.h"
#include "tools/conformance/json_compare.h"

namespace bicepc::conformance {
namespace {

namespace fs = std::filesystem;

struct Sample {
  std::string name;
  fs::path bicep;
  fs::path expected;
  std::string bicep_version;  // manifest only
  bool symbolic = false;      // --symbolic: compiled with symbolicNameCodegen, vs main.symbolicnames.json
};

enum class Outcome { kDeepAndByteEqual, kDeepEqualOnly, kDifferent, kBuildError, kCrash, kBadExpected };

struct Result {
  Outcome outcome = Outcome::kCrash;
  std::string detail;  // first difference, first error, or crash description
};

struct Options {
  std::optional<fs::path> baselines;
  std::optional<fs::path> manifest;
  std::vector<std::string> only;
  std::optional<std::pair<int, int>> min_version;
  bool list_failures = false;
  bool fork_per_sample = false;
  std::vector<std::string> expect_equal;
  std::optional<std::pair<int, int>> expect_at_least;  // deep-equal, byte-equal minimums (a ratchet)
  bool symbolic = false;
  bool diagnostics = false;         // --diagnostics: Invalid* baselines, errors by (code, line, column)
  bool params = false;              // --params (with --diagnostics): the bicepparam/Invalid_* baselines
  std::optional<int> expect_found;  // --expect-found N: at least N official errors matched (a ratchet)
};

auto SplitList(const std::string& text, char separator) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::stringstream stream{text};
  std::string item;
  while (std::getline(stream, item, separator)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

auto ParseVersion(const std::string& text) -> std::optional<std::pair<int, int>> {
  auto parts = SplitList(text, '.');
  if (parts.size() < 2) return std::nullopt;
  try {
    return std::pair{std::stoi(parts[0]), std::stoi(parts[1])};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

auto ReadText(const fs::path& path) -> std::optional<std::string> {
  std::ifstream in{path, std::ios::binary};
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

auto FoldCrlf(const std::string& text) -> std::string {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

auto Selected(const Options& options, const std::string& name) -> bool {
  if (options.only.empty()) return true;
  return std::any_of(options.only.begin(), options.only.end(),
                     [&](const std::string& filter) { return name == filter || name.find(filter) != std::string::npos; });
}

auto BaselineSamples(const fs::path& dir, bool symbolic) -> std::vector<Sample> {
  std::vector<Sample> samples;
  for (const auto& entry : fs::directory_iterator{dir}) {
    if (!entry.is_directory()) continue;
    auto name = entry.path().filename().string();
    if (name.find("Invalid") != std::string::npos) continue;
    auto bicep = entry.path() / "main.bicep";
    auto expected = entry.path() / (symbolic ? "main.symbolicnames.json" : "main.json");
    if (!fs::is_regular_file(bicep) || !fs::is_regular_file(expected)) continue;
    samples.push_back(Sample{name, bicep, expected, {}, symbolic});
  }
  std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
  return samples;
}

auto ManifestSamples(const fs::path& manifest, const Options& options) -> std::vector<Sample> {
  std::vector<Sample> samples;
  std::ifstream in{manifest};
  std::string line;
  if (!std::getline(in, line)) return samples;
  auto header = SplitList(line, '\t');
  auto column = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (header[i] == name) return i;
    }
    return std::nullopt;
  };
  auto sample_col = column("sample_path");
  auto entry_col = column("entry_file");
  auto expected_col = column("expected_json");
  auto version_col = column("bicep_version");
  if (!sample_col || !entry_col || !expected_col) return samples;
  auto root = manifest.parent_path();
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> columns;
    std::stringstream stream{line};
    std::string cell;
    while (std::getline(stream, cell, '\t')) columns.push_back(cell);
    auto need = std::max({*sample_col, *entry_col, *expected_col});
    if (columns.size() <= need) continue;
    std::string version = version_col && *version_col < columns.size() ? columns[*version_col] : "";
    if (options.min_version) {
      auto parsed = ParseVersion(version);
      if (!parsed || *parsed < *options.min_version) continue;
    }
    const auto& dir = columns[*sample_col];
    samples.push_back(Sample{dir + "/" + columns[*entry_col], root / dir / columns[*entry_col],
                             root / dir / columns[*expected_col], version});
  }
  return samples;
}

auto RunSample(const Sample& sample) -> Result {
  auto expected_text = ReadText(sample.expected);
  if (!expected_text) return Result{Outcome::kBadExpected, "cannot read " + sample.expected.string()};
  auto expected_folded = FoldCrlf(*expected_text);
  auto expected = nlohmann::ordered_json::parse(expected_folded, nullptr, false);
  if (expected.is_discarded()) return Result{Outcome::kBadExpected, "expected JSON does not parse"};

  driver::CompileOptions compile_options;
  compile_options.generator_name = "bicep";
  compile_options.generator_version = "dev";
  compile_options.symbolic_name_codegen = sample.symbolic;
  auto compilation = driver::CompileBicepFile(sample.bicep.string(), compile_options);
  if (!compilation.json) {
    std::string first_error = "no output";
    for (const auto& diagnostic : compilation.diagnostics.Sorted()) {
      if (diagnostic.level == diagnostics::Level::Error) {
        auto file = diagnostic.file != nullptr ? fs::path{diagnostic.file->path()}.filename().string() : "";
        first_error = fmt::format("{} {} @{}: {}", file, diagnostic.code, diagnostic.range.begin, diagnostic.message);
        break;
      }
    }
    return Result{Outcome::kBuildError, first_error};
  }
  auto actual = nlohmann::ordered_json::parse(*compilation.json, nullptr, false);
  if (actual.is_discarded()) return Result{Outcome::kCrash, "bicepc output is not valid JSON"};

  StripGenerator(actual);
  StripGenerator(expected);
  if (auto difference = FirstDifference(actual, expected)) {
    return Result{Outcome::kDifferent,
                  fmt::format("{}: got {} expected {}", difference->path, difference->actual, difference->expected)};
  }
  auto actual_bytes = emit::WriteJson(actual);
  auto expected_bytes = emit::WriteJson(expected);
  if (auto line = FirstDifferingLine(actual_bytes, expected_bytes)) {
    return Result{Outcome::kDeepEqualOnly, "bytes differ (key order or number form) at " + *line};
  }
  return Result{Outcome::kDeepAndByteEqual, {}};
}

auto GuardedRun(const Sample& sample) -> Result {
  try {
    return RunSample(sample);
  } catch (const std::exception& error) {
    return Result{Outcome::kCrash, std::string{"exception: "} + error.what()};
  } catch (...) {
    return Result{Outcome::kCrash, "unknown exception"};
  }
}

// Runs the sample in a child process; the result comes back as one JSON line through a pipe.
auto ForkedRun(const Sample& sample) -> Result {
  int fds[2];
  if (pipe(fds) != 0) return GuardedRun(sample);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    return GuardedRun(sample);
  }
  if (child == 0) {
    close(fds[0]);
    alarm(120);
    auto result = GuardedRun(sample);
    nlohmann::json message = {{"outcome", static_cast<int>(result.outcome)}, {"detail", result.detail}};
    auto text = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::size_t written = 0;
    while (written < text.size()) {
      auto n = write(fds[1], text.data() + written, text.size() - written);
      if (n <= 0) break;
      written += static_cast<std::size_t>(n);
    }
    close(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  while (true) {
    auto n = read(fds[0], buffer, sizeof(buffer));
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (WIFSIGNALED(status)) {
    auto signal = WTERMSIG(status);
    return Result{Outcome::kCrash, signal == SIGALRM ? std::string{"timeout (120 s)"} : fmt::format("signal {}", signal)};
  }
  auto message = nlohmann::json::parse(text, nullptr, false);
  if (message.is_discarded() || !message.contains("outcome")) return Result{Outcome::kCrash, "child exited without result"};
  return Result{static_cast<Outcome>(message["outcome"].get<int>()), message["detail"].get<std::string>()};
}

auto OutcomeName(Outcome outcome) -> std::string_view {
  switch (outcome) {
    case Outcome::kDeepAndByteEqual: return "ok";
    case Outcome::kDeepEqualOnly: return "bytes";
    case Outcome::kDifferent: return "diff";
    case Outcome::kBuildError: return "error";
    case Outcome::kCrash: return "crash";
    case Outcome::kBadExpected: return "bad-expected";
  }
  return "?";
}

auto ParseArgs(int argc, char** argv, Options& options) -> bool {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto& arg = args[i];
    auto value = [&]() -> std::optional<std::string> {
      if (i + 1 >= args.size()) {
        fmt::print(stderr, "{} needs a value\n", arg);
        return std::nullopt;
      }
      return args[++i];
    };
    if (arg == "--baselines") {
      auto v = value();
      if (!v) return false;
      options.baselines = *v;
    } else if (arg == "--manifest") {
      auto v = value();
      if (!v) return false;
      options.manifest = *v;
    } else if (arg == "--only") {
      auto v = value();
      if (!v) return false;
      auto items = SplitList(*v, ',');
      options.only.insert(options.only.end(), items.begin(), items.end());
    } else if (arg == "--min-version") {
      auto v = value();
      if (!v) return false;
      options.min_version = ParseVersion(*v);
      if (!options.min_version) {
        fmt::print(stderr, "--min-version expects X.Y, got \"{}\"\n", *v);
        return false;
      }
    } else if (arg == "--list-failures") {
      options.list_failures = true;
    } else if (arg == "--diagnostics") {
      options.diagnostics = true;
    } else if (arg == "--params") {
      options.params = true;
    } else if (arg == "--expect-found") {
      auto v = value();
      if (!v) return false;
      options.expect_found = std::stoi(*v);
    } else if (arg == "--symbolic") {
      options.symbolic = true;
    } else if (arg == "--fork") {
      options.fork_per_sample = true;
    } else if (arg == "--expect-equal") {
      auto v = value();
      if (!v) return false;
      auto items = SplitList(*v, ',');
      options.expect_equal.insert(options.expect_equal.end(), items.begin(), items.end());
    } else if (arg == "--expect-at-least") {
      auto v = value();
      if (!v) return false;
      auto items = SplitList(*v, ',');
      if (items.size() != 2) {
        fmt::print(stderr, "--expect-at-least expects DEEP,BYTE, got \"{}\"\n", *v);
        return false;
      }
      options.expect_at_least = std::pair{std::stoi(items[0]), std::stoi(items[1])};
    } else if (arg == "--help" || arg == "-h") {
      fmt::print(
          "usage: bicepc-conformance (--baselines DIR | --manifest FILE.tsv) [--only NAME[,NAME...]]\n"
          "       [--min-version X.Y] [--list-failures] [--fork] [--expect-equal NAME1,NAME2,...]\n"
          "       [--expect-at-least DEEP,BYTE] [--symbolic] [--diagnostics [--params] [--expect-found N]]\n");
      std::exit(0);
    } else {
      fmt::print(stderr, "unknown argument \"{}\" (see --help)\n", arg);
      return false;
    }
  }
  if (!options.baselines && !options.manifest) {
    fmt::print(stderr, "give --baselines DIR or --manifest FILE.tsv (see --help)\n");
    return false;
  }
  return true;
}

auto Main(int argc, char** argv) -> int {
  Options options;
  if (!ParseArgs(argc, argv, options)) return 2;

  if (options.diagnostics) {
    if (!options.baselines || !fs::is_directory(*options.baselines)) {
      fmt::print("skipped: baseline corpus not found\n");
      return 0;
    }
    auto figures = CompareInvalidBaselines(*options.baselines, options.list_failures, options.params);
    if (options.expect_found && figures.found < *options.expect_found) {
      fmt::print("expected at least {} official errors found\n", *options.expect_found);
      return 1;
    }
    return 0;
  }

  std::vector<Sample> samples;
  bool corpus_found = false;
  if (options.baselines) {
    if (fs::is_directory(*options.baselines)) {
      corpus_found = true;
      auto found = BaselineSamples(*options.baselines, options.symbolic);
      samples.insert(samples.end(), found.begin(), found.end());
    } else {
      fmt::print("skipped: baseline corpus not found at {}\n", options.baselines->string());
    }
  }
  if (options.manifest) {
    if (fs::is_regular_file(*options.manifest)) {
      corpus_found = true;
      auto found = ManifestSamples(*options.manifest, options);
      samples.insert(samples.end(), found.begin(), found.end());
    } else {
      fmt::print("skipped: manifest not found at {}\n", options.manifest->string());
    }
  }
  if (!corpus_found) return 0;  // skipped cleanly: the corpus is optional
  std::erase_if(samples, [&](const Sample& s) { return !Selected(options, s.name); });

  int built = 0;
  int deep_equal = 0;
  int byte_equal = 0;
  int build_errors = 0;
  int crashes = 0;
  int bad_expected = 0;
  std::vector<std::pair<std::string, Result>> failures;
  std::vector<std::string> deep_equal_names;
  for (const auto& sample : samples) {
    auto result = options.fork_per_sample ? ForkedRun(sample) : GuardedRun(sample);
    switch (result.outcome) {
      case Outcome::kDeepAndByteEqual:
        ++byte_equal;
        [[fallthrough]];
      case Outcome::kDeepEqualOnly:
        ++deep_equal;
        deep_equal_names.push_back(sample.name);
        [[fallthrough]];
      case Outcome::kDifferent:
        ++built;
        break;
      case Outcome::kBuildError: ++build_errors; break;
      case Outcome::kCrash: ++crashes; break;
      case Outcome::kBadExpected: ++bad_expected; break;
    }
    if (result.outcome != Outcome::kDeepAndByteEqual) failures.emplace_back(sample.name, result);
  }

  if (options.list_failures) {
    for (const auto& [name, result] : failures) {
      fmt::print("{:<6} {}: {}\n", OutcomeName(result.outcome), name, result.detail);
    }
  }
  fmt::print("total {}, built {}, deep-equal {}, byte-equal {}, build errors {}, crashes {}", samples.size(), built,
             deep_equal, byte_equal, build_errors, crashes);
  if (bad_expected > 0) fmt::print(", unreadable expected {}", bad_expected);
  fmt::print("\n");

  int missing = 0;
  if (options.expect_at_least) {
    auto [min_deep, min_byte] = *options.expect_at_least;
    if (deep_equal < min_deep || byte_equal < min_byte || crashes > 0) {
      fmt::print("expected at least {} deep-equal and {} byte-equal samples and no crash\n", min_deep, min_byte);
      ++missing;
    }
  }
  for (const auto& name : options.expect_equal) {
    if (std::find(deep_equal_names.begin(), deep_equal_names.end(), name) == deep_equal_names.end()) {
      fmt::print("expected deep-equal but not: {}\n", name);
      ++missing;
    }
  }
  return missing == 0 ? 0 : 1;
}

}  // namespace
}  // namespace bicepc::conformance

auto main(int argc, char** argv) -> int { return bicepc::conformance::Main(argc, argv); }
