// The driver: compiles a file (and, later, its module graph) from path to JSON text.
// Owns the SourceFiles so diagnostics can point into them after compilation.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/source/source_file.h"

namespace bicepc::driver {

struct CompileOptions {
  std::string generator_name = "bicepc";
  std::string generator_version;  // defaults to the bicepc version
  bool dump_tokens = false;       // reserved for --dump
  // experimentalFeaturesEnabled.symbolicNameCodegen: always emit languageVersion 2.0 (symbolic names).
  bool symbolic_name_codegen = false;
  // Checks against the resource type catalogue and of built-in function arguments. Off only to measure their cost
  // (bicepc-bench); a build without them may accept a template the official compiler rejects.
  bool type_checks = true;
};

struct Compilation {
  std::vector<std::unique_ptr<source::SourceFile>> files;  // every file read, kept alive for diagnostics
  diagnostics::DiagnosticSink diagnostics;
  std::optional<std::string> json;  // the emitted text; set only when there are no errors
};

auto Version() -> std::string;

// Compiles a .bicep file to ARM template JSON text.
auto CompileBicepFile(const std::string& path, const CompileOptions& options) -> Compilation;

// Compiles in-memory source (path is used for diagnostics and relative module paths).
auto CompileBicepSource(const std::string& path, std::string text, const CompileOptions& options) -> Compilation;

}  // namespace bicepc::driver
