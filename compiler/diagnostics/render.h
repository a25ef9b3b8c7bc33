// Renderers: diagnostics to text (the official CLI's format), SARIF 2.1.0 and JSON.
// All take diagnostics already sorted (DiagnosticSink::Sorted()) and never reorder them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"

namespace bicepc::diagnostics {

// One line per diagnostic, official format:
// path(line,col) : Error BCP018: Expected the "}" character at this location. [https://aka.ms/...]
auto RenderText(const std::vector<Diagnostic>& sorted) -> std::string;
auto RenderTextLine(const Diagnostic& diagnostic) -> std::string;

// A SARIF 2.1.0 log with one run: tool.driver {name, version, rules}, one result per
// diagnostic {ruleId, ruleIndex, level note|warning|error, message.text, locations[0].physicalLocation
// {artifactLocation.uri (file URI), region {startLine, startColumn, endLine, endColumn}}}.
// Columns count UTF-16 code units (run.columnKind "utf16CodeUnits"), as the official compiler does.
auto RenderSarif(const std::vector<Diagnostic>& sorted, std::string_view tool_name, std::string_view tool_version)
    -> std::string;

// A JSON array of {"path", "line", "column", "level", "code", "message"} (line and column 1-based,
// level "Error" | "Warning" | "Info").
auto RenderJson(const std::vector<Diagnostic>& sorted) -> std::string;

// "file:///abs/path" with reserved bytes percent-encoded.
auto FileUri(std::string_view absolute_path) -> std::string;

// SARIF level for a diagnostic level: "error", "warning", "note" (or "none" for Off).
auto SarifLevel(Level level) -> std::string_view;

}  // namespace bicepc::diagnostics
