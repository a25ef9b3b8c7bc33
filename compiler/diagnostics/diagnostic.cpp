#include "compiler/diagnostics/diagnostic.h"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace bicepc::diagnostics {
namespace {

constexpr std::array kInfos = {
#define BICEPC_DIAGNOSTIC(Name, Code, Lvl, Message) DiagnosticInfo{#Name, Code, Level::Lvl, Message},
#include "compiler/diagnostics/diagnostic_kinds.def"
#undef BICEPC_DIAGNOSTIC
    DiagnosticInfo{"LinterRule", "", Level::Warning, "{0}"},
};

auto Format(std::string_view templ, const std::vector<std::string>& args) -> std::string {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& arg : args) store.push_back(arg);
  try {
    return fmt::vformat(templ, store);
  } catch (const fmt::format_error&) {
    return std::string{templ};
  }
}

}  // namespace

auto Info(DiagnosticKind kind) -> const DiagnosticInfo& { return kInfos.at(static_cast<std::size_t>(kind)); }

auto AllKinds() -> std::vector<DiagnosticKind> {
  std::vector<DiagnosticKind> kinds;
  for (std::size_t i = 0; i + 1 < kInfos.size(); ++i) kinds.push_back(static_cast<DiagnosticKind>(i));
  return kinds;
}

auto LevelName(Level level) -> std::string_view {
  switch (level) {
    case Level::Error: return "Error";
    case Level::Warning: return "Warning";
    case Level::Info: return "Info";
    case Level::Off: return "Off";
  }
  return "Error";
}

auto Diagnostic::Uri() const -> std::string {
  if (kind == DiagnosticKind::LinterRule) return "https://aka.ms/bicep/linter-diagnostics#" + code;
  return "https://aka.ms/bicep/core-diagnostics#" + code;
}

void DiagnosticSink::Emit(DiagnosticKind kind, const source::SourceFile& file, source::SourceRange range,
                          std::vector<std::string> args) {
  const auto& info = Info(kind);
  diagnostics_.push_back(Diagnostic{kind, &file, range, info.level, std::string{info.code},
                                    Format(info.message_template, args),
                                    static_cast<std::uint32_t>(diagnostics_.size())});
}

void DiagnosticSink::EmitCustom(std::string code, Level level, std::string message, const source::SourceFile& file,
                                source::SourceRange range) {
  diagnostics_.push_back(Diagnostic{DiagnosticKind::LinterRule, &file, range, level, std::move(code),
                                    std::move(message), static_cast<std::uint32_t>(diagnostics_.size())});
}

auto DiagnosticSink::HasErrors() const -> bool { return ErrorCount() > 0; }

auto DiagnosticSink::ErrorCount() const -> std::size_t {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(),
                                                [](const Diagnostic& d) { return d.level == Level::Error; }));
}

auto DiagnosticSink::Sorted() const -> std::vector<Diagnostic> {
  auto sorted = diagnostics_;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const std::string empty;
    const auto& pa = a.file ? a.file->path() : empty;
    const auto& pb = b.file ? b.file->path() : empty;
    if (pa != pb) return pa < pb;
    if (a.range.begin != b.range.begin) return a.range.begin < b.range.begin;
    return a.order < b.order;
  });
  return sorted;
}

void DiagnosticSink::Append(const DiagnosticSink& other) {
  for (auto d : other.diagnostics_) {
    d.order = static_cast<std::uint32_t>(diagnostics_.size());
    diagnostics_.push_back(std::move(d));
  }
}

}  // namespace bicepc::diagnostics
