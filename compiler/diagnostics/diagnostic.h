// Diagnostics are data: phases emit them into a DiagnosticSink; renderers (text,
// SARIF, JSON) turn them into output. Nothing in a phase prints.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/source/source_file.h"

namespace bicepc::diagnostics {

enum class Level : std::uint8_t { Off, Info, Warning, Error };

enum class DiagnosticKind : std::uint16_t {
#define BICEPC_DIAGNOSTIC(Name, Code, Lvl, Message) Name,
#include "compiler/diagnostics/diagnostic_kinds.def"
#undef BICEPC_DIAGNOSTIC
  LinterRule,  // code and message are carried by the diagnostic itself
};

struct DiagnosticInfo {
  std::string_view name;
  std::string_view code;
  Level level;
  std::string_view message_template;
};

auto Info(DiagnosticKind kind) -> const DiagnosticInfo&;
auto AllKinds() -> std::vector<DiagnosticKind>;
auto LevelName(Level level) -> std::string_view;  // "Error", "Warning", "Info"

struct Diagnostic {
  DiagnosticKind kind;
  const source::SourceFile* file = nullptr;  // owned by the driver, outlives the diagnostic
  source::SourceRange range;
  Level level = Level::Error;
  std::string code;     // "BCP018", or a linter rule name
  std::string message;  // formatted
  std::uint32_t order = 0;  // emission order, for a stable sort
  auto Uri() const -> std::string;  // https://aka.ms/bicep/core-diagnostics#BCP018
};

class DiagnosticSink {
 public:
  // Formats the kind's template with `args` ({0}, {1}, ...).
  void Emit(DiagnosticKind kind, const source::SourceFile& file, source::SourceRange range,
            std::vector<std::string> args = {});
  // A linter or policy diagnostic with its own code and message.
  void EmitCustom(std::string code, Level level, std::string message, const source::SourceFile& file,
                  source::SourceRange range);

  auto diagnostics() const -> const std::vector<Diagnostic>& { return diagnostics_; }
  auto HasErrors() const -> bool;
  auto ErrorCount() const -> std::size_t;
  // Stable sort by file path, then offset, then emission order.
  auto Sorted() const -> std::vector<Diagnostic>;
  void Append(const DiagnosticSink& other);
  // Drops the diagnostics at index >= `from` for which `drop` is true (pragma suppression).
  template <typename Pred>
  void RemoveFrom(std::size_t from, Pred drop) {
    std::vector<Diagnostic> kept(diagnostics_.begin(), diagnostics_.begin() + static_cast<std::ptrdiff_t>(from));
    for (std::size_t i = from; i < diagnostics_.size(); ++i) {
      if (!drop(diagnostics_[i])) kept.push_back(std::move(diagnostics_[i]));
    }
    diagnostics_ = std::move(kept);
  }
  auto size() const -> std::size_t { return diagnostics_.size(); }

 private:
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace bicepc::diagnostics
