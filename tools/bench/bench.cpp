// bicepc-bench DIR...: throughput of bicepc over every .bicep file under the given folders.
// Not a test (STYLE.md rule 25: performance is measured, not asserted).
//
//   in-process, per phase: read, parse (syntax::Parse), whole compile (driver::CompileBicepSource), and the
//                          whole compile again without the type checks, to print what type checking costs
//   as a process:          `bicepc build --stdout FILE` per file, wall time including process start,
//                          peak RSS of the children (wait4 rusage ru_maxrss)
//
// Usage: bicepc-bench [--bicepc PATH] [--runs N] [--no-process] DIR...
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/driver/compile.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

auto Seconds(Clock::duration d) -> double { return std::chrono::duration<double>(d).count(); }

struct Stats {
  std::vector<double> samples;  // seconds
  auto Total() const -> double {
    double sum = 0;
    for (auto s : samples) sum += s;
    return sum;
  }
  auto Quantile(double q) const -> double {
    if (samples.empty()) return 0;
    auto sorted = samples;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(q * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
  }
};

struct ChildResult {
  double seconds = 0;
  long max_rss_kb = 0;
  int exit_code = -1;
};

auto RunChild(const std::string& exe, const std::string& file) -> ChildResult {
  ChildResult result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  std::string a0 = exe, a1 = "build", a2 = "--stdout", a3 = file;
  char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), nullptr};
  const auto start = Clock::now();
  pid_t pid = 0;
  if (posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, environ) != 0) {
    posix_spawn_file_actions_destroy(&actions);
    return result;
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(pid, &status, 0, &usage);
  result.seconds = Seconds(Clock::now() - start);
  result.max_rss_kb = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  posix_spawn_file_actions_destroy(&actions);
  return result;
}

auto DefaultBicepc() -> std::string {
  std::error_code ec;
  const auto self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto sibling = self.parent_path() / "bicepc";
    if (fs::exists(sibling, ec)) return sibling.string();
  }
  return BICEPC_DEFAULT_EXE;
}

void Usage() {
  std::fprintf(stderr, "usage: bicepc-bench [--bicepc PATH] [--runs N] [--no-process] DIR...\n");
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::string bicepc = DefaultBicepc();
  int runs = 1;
  bool spawn = true;
  std::vector<std::string> dirs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--bicepc" && i + 1 < argc) {
      bicepc = argv[++i];
    } else if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--no-process") {
      spawn = false;
    } else if (arg == "-h" || arg == "--help" || arg.starts_with("-")) {
      Usage();
      return arg.starts_with("-h") || arg == "--help" ? 0 : 2;
    } else {
      dirs.push_back(arg);
    }
  }
  if (dirs.empty()) {
    Usage();
    return 2;
  }

  std::vector<std::string> files;
  for (const auto& dir : dirs) {
    std::error_code ec;
    if (fs::is_regular_file(dir, ec)) {
      files.push_back(fs::absolute(dir).string());
      continue;
    }
    for (fs::recursive_directory_iterator it{dir, fs::directory_options::skip_permission_denied, ec}, end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file() && it->path().extension() == ".bicep") files.push_back(fs::absolute(it->path()).string());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::fprintf(stderr, "bicepc-bench: no .bicep files under the given folders\n");
    return 1;
  }

  std::size_t bytes = 0;
  for (const auto& file : files) {
    std::error_code ec;
    bytes += static_cast<std::size_t>(fs::file_size(file, ec));
  }
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  const double n = static_cast<double>(files.size()) * runs;
  fmt::print("bicepc-bench: {} files, {:.2f} MB, {} run{}\n", files.size(), mb, runs, runs == 1 ? "" : "s");
  auto line = [&](const char* name, const Stats& s) {
    const double total = s.Total();
    fmt::print("  {:<8} {:8.3f} s  {:8.2f} MB/s  {:9.1f} files/s  median {:7.3f} ms  p90 {:7.3f} ms  max {:8.3f} ms\n",
               name, total, total > 0 ? mb * runs / total : 0.0, total > 0 ? n / total : 0.0,
               s.Quantile(0.5) * 1e3, s.Quantile(0.9) * 1e3, s.Quantile(1.0) * 1e3);
  };

  // ---- one process per file: measured first, while this process is still small ----
  std::size_t crashed = 0;
  if (spawn) {
    struct rusage floor_usage {};
    ::getrusage(RUSAGE_SELF, &floor_usage);
    Stats wall;
    std::vector<long> rss;
    std::size_t ok = 0;
    std::size_t failed = 0;
    for (int run = 0; run < runs; ++run) {
      for (const auto& file : files) {
        const auto r = RunChild(bicepc, file);
        if (r.exit_code < 0) {
          std::fprintf(stderr, "bicepc-bench: cannot run %s\n", bicepc.c_str());
          return 1;
        }
        wall.samples.push_back(r.seconds);
        rss.push_back(r.max_rss_kb);
        if (r.exit_code == 0) {
          ++ok;
        } else if (r.exit_code == 1) {
          ++failed;
        } else {
          ++crashed;
        }
      }
    }
    std::sort(rss.begin(), rss.end());
    fmt::print("as a process (`{} build --stdout FILE`, wall time including process start):\n", bicepc);
    line("build", wall);
    fmt::print("  peak RSS per process: median {:.1f} MB, max {:.1f} MB (floor: ru_maxrss counts this process's "
               "{:.1f} MB before exec)\n",
               static_cast<double>(rss[rss.size() / 2]) / 1024.0, static_cast<double>(rss.back()) / 1024.0,
               static_cast<double>(floor_usage.ru_maxrss) / 1024.0);
    fmt::print("  exit 0: {}, exit 1: {}, other (crash/signal): {}\n", ok, failed, crashed);
  }

  // ---- in-process, per phase ----
  std::vector<std::string> texts;
  Stats read;
  for (const auto& file : files) {
    const auto start = Clock::now();
    texts.push_back(bicepc::source::ReadFile(file).value_or(""));
    read.samples.push_back(Seconds(Clock::now() - start));
  }
  Stats parse;
  Stats compile;
  Stats unchecked;  // the same compile with CompileOptions::type_checks off
  std::size_t parse_errors = 0;
  std::size_t compile_errors = 0;
  std::size_t emitted = 0;
  for (int run = 0; run < runs; ++run) {
    for (std::size_t i = 0; i < files.size(); ++i) {
      {
        bicepc::source::SourceFile file{files[i], texts[i]};
        bicepc::diagnostics::DiagnosticSink sink;
        const auto start = Clock::now();
        auto tree = bicepc::syntax::Parse(file, sink);
        parse.samples.push_back(Seconds(Clock::now() - start));
        if (run == 0 && sink.HasErrors()) ++parse_errors;
      }
      {
        bicepc::driver::CompileOptions options;
        const auto start = Clock::now();
        auto result = bicepc::driver::CompileBicepSource(files[i], texts[i], options);
        compile.samples.push_back(Seconds(Clock::now() - start));
        if (run == 0 && result.diagnostics.HasErrors()) ++compile_errors;
        if (run == 0 && result.json) ++emitted;
      }
      {
        bicepc::driver::CompileOptions options;
        options.type_checks = false;
        const auto start = Clock::now();
        auto result = bicepc::driver::CompileBicepSource(files[i], texts[i], options);
        unchecked.samples.push_back(Seconds(Clock::now() - start));
      }
    }
  }
  struct rusage self_usage {};
  ::getrusage(RUSAGE_SELF, &self_usage);
  fmt::print("in-process (one warm process; compile = every phase from source text to JSON):\n");
  line("read", read);
  line("parse", parse);
  line("compile", compile);
  line("no-types", unchecked);
  fmt::print("  type checking costs {:.3f}x the compile without it (compile / no-types, total time)\n",
             unchecked.Total() > 0 ? compile.Total() / unchecked.Total() : 0.0);
  fmt::print("  files with parse errors: {}, with compile errors: {}, templates emitted: {}\n", parse_errors,
             compile_errors, emitted);
  fmt::print("  peak RSS of this process: {:.1f} MB\n", static_cast<double>(self_usage.ru_maxrss) / 1024.0);
  return crashed == 0 ? 0 : 1;
}
