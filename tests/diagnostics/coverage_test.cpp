// STYLE.md rule 6: every diagnostic kind in compiler/diagnostics/diagnostic_kinds.def appears in at
// least one golden expectation (tests/golden/**/*.diagnostics), or in kUntested below with a reason.
// An entry in kUntested whose code is covered after all is stale and fails too: delete it.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

#include "tests/golden/golden_support.h"

namespace bicepc::diagnostics {
namespace {

struct Untested {
  std::string_view name;    // the kind's name in the .def table
  std::string_view reason;  // why no golden case shows it (yet)
};

// Keep sorted by section of the .def file. Each entry says why it is not covered.
constexpr Untested kUntested[] = {
    // load functions: the messages embed absolute paths, so tests/cli/driver_cli_test.cpp checks them
    {"ErrorOccurredReadingFile", "message holds an absolute path; covered by tests/cli/driver_cli_test.cpp"},
    {"ExpectedExtensionAliasName", "extensionConfig needs the experimental moduleExtensionConfigs bicepconfig; covered by the conformance ratchet on the Invalid_Extensions bicepparam baseline"},
    {"ExtensionReferenceNotAllowed", "needs an extension namespace (its types come from the extension); covered by the conformance ratchet on InvalidExtensions_CRLF"},
    {"SpreadNotPermittedHere", "needs the experimental moduleExtensionConfigs bicepconfig; covered by the conformance ratchet on the Invalid_Extensions bicepparam baseline"},
    {"FoundDirectoryInsteadOfFile", "message holds an absolute path; covered by tests/cli/driver_cli_test.cpp"},
    {"FileExceedsMaximumSize", "message holds an absolute path; covered by tests/cli/driver_cli_test.cpp"},
    // registries and bicepconfig.json: need a configured cache folder, covered by tests/cli/driver_cli_test.cpp
    {"ArtifactRequiresRestore", "needs a cache folder; covered by tests/cli/driver_cli_test.cpp"},
    {"RestoreHint", "message holds the absolute cache path; covered by tests/cli/driver_cli_test.cpp"},
    {"OciArtifactModuleAliasNameDoesNotExist", "names the absolute config path; tests/cli/driver_cli_test.cpp"},
    {"UnparsableBicepConfigFile", "names the absolute config path; covered by tests/cli/driver_cli_test.cpp"},
    {"TemplateSpecModuleAliasNameDoesNotExist", "no test yet: template spec aliases only produce this error"},
    {"InvalidOciArtifactReference", "no test yet"},
    {"CyclicFile", "message holds absolute file URIs; covered by tests/cli/driver_cli_test.cpp"},
    {"UnloadableBicepConfigFile", "names an absolute config path; LoadBicepConfig is tested in tests/cli"},
    {"BicepConfigExtendsAbsolutePath", "names an absolute config path; LoadBicepConfig is tested in tests/cli"},
    {"BicepConfigExtendsCycle", "names absolute config paths; tests/cli/driver_cli_test.cpp checks the cycle"},
    {"BicepConfigExtendsChainTooDeep", "needs a 64-file chain; not tested"},
    {"ParamsVariableEvaluationFailed", "a variable's compile-time argument that fails before evaluation; no golden case yet"},
    {"ParamsSecretNotWholeValue", "a variable holding az.getSecret() used inside an expression; tested in "
                                  "tests/params/params_test.cpp"},
    {"UsingWithRequired", "needs a bicepconfig.json enabling deployCommands, which would apply to every case of "
                          "tests/golden/params; tested in tests/params/params_test.cpp"},
    // lexer
    {"UnterminatedString", "no golden case yet (planned: tests/golden/parse/invalid_unterminated_string.bicep)"},
    {"UnterminatedStringEscapeSequenceAtEof", "no golden case yet; the parser landed while this list was written"},
    {"IdentifierNameExceedsLimit", "no golden case yet; the parser landed while this list was written"},
    {"InvalidUnicodeEscape", "no golden case yet; the parser landed while this list was written"},
    {"UnterminatedMultilineString", "no golden case yet; the parser landed while this list was written"},
    // parser
    {"ExpectedAssertIdentifier", "needs the experimental assertions feature; InvalidTestFramework_CRLF ratchet"},
    {"ExpectedTestIdentifier", "needs the experimental testFramework feature; InvalidTestFramework_CRLF ratchet"},
    {"ExpectedFunctionOrPropertyName", "no golden case yet; the parser landed while this list was written"},
    {"ExpectedNumericLiteral", "no golden case yet; the parser landed while this list was written"},
    {"ExpectedVariableOrFunctionName", "no golden case yet; the parser landed while this list was written"},
    {"ComplexLiteralsNotAllowed", "no golden case yet; the parser landed while this list was written"},
    {"UnexpectedCommaSeparator", "no golden case yet; the parser landed while this list was written"},
    {"ExpectedCommaSeparator", "no golden case yet; the parser landed while this list was written"},
    // semantics
    {"OutputMultipleDeclarations", "no golden case yet (semantics work in progress when this list was last updated)"},
    // bicepc-only (BCX prefix)
    {"NestingTooDeep", "needs a 500-level nesting input; covered by tests/syntax unit tests instead"},
    {"FileNotReadable", "golden cases are readable files by construction; covered by tests/cli/run.sh"},
    {"FileNotUtf8", "no golden case yet; the parser landed while this list was written"},
    {"SyntaxError", "fallback for ANTLR errors without an official BCP mapping; none expected in goldens"},
    // resource types
    {"ResourceTypesUnavailable", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceArrayItemTypeMismatchWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceMissingRequiredPropertiesWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourcePropertyTypeMismatchWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceReadOnlyPropertyWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceMissingDiscriminatorError", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceMissingDiscriminatorWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceStringLiteralMismatchWithSuggestionError", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceStringLiteralMismatchWithSuggestionWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceDisallowedPropertyWithSuggestionError", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceDisallowedPropertyWithSuggestionWarning", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceFallbackPropertyUsed", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceIntTooLarge", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceIntTooSmall", "no golden case yet (resource types work in progress when this list was last updated)"},
    {"ResourceLengthTooLong", "no golden case yet (resource types work in progress when this list was last updated)"},
    // parameters files: golden cases run .bicep only; each kind is asserted in tests/params/params_test.cpp
};

auto CoveredCodes() -> std::set<std::string> {
  std::set<std::string> codes;
  for (const auto& c : golden::FindGoldenCases()) {
    std::ifstream in{golden::fs::path{c.bicep}.replace_extension(".diagnostics")};
    for (std::string line; std::getline(in, line);) {
      // path(line,col) : Level CODE: message [uri]
      const auto sep = line.find(") : ");
      if (sep == std::string::npos) continue;
      const auto level_end = line.find(' ', sep + 4);
      const auto code_end = line.find(':', level_end);
      if (level_end == std::string::npos || code_end == std::string::npos) continue;
      codes.insert(line.substr(sep + 4, code_end - sep - 4));  // "Warning BCP037": level and code
    }
  }
  return codes;
}

TEST_CASE("every diagnostic kind is covered by a golden expectation or listed as untested") {
  const auto covered = CoveredCodes();
  std::set<std::string_view> untested;
  for (const auto& entry : kUntested) {
    CHECK_MESSAGE(!entry.reason.empty(), "kUntested entry " << entry.name << " needs a reason");
    untested.insert(entry.name);
  }
  std::set<std::string_view> known;
  for (const auto kind : AllKinds()) {
    const auto& info = Info(kind);
    known.insert(info.name);
    const bool is_covered = covered.count(fmt::format("{} {}", LevelName(info.level), info.code)) > 0;
    const bool is_listed = untested.count(info.name) > 0;
    CHECK_MESSAGE((is_covered || is_listed), "diagnostic kind " << info.name << " (" << info.code
                                                                << ") appears in no golden .diagnostics file; add a "
                                                                   "case under tests/golden/ or a kUntested entry");
    CHECK_MESSAGE(!(is_covered && is_listed), "diagnostic kind " << info.name << " (" << info.code
                                                                 << ") is covered by a golden case now; remove it "
                                                                    "from kUntested in "
                                                                 << __FILE__);
  }
  for (const auto& entry : kUntested) {
    CHECK_MESSAGE(known.count(entry.name) > 0,
                  "kUntested names " << entry.name << ", which is not in diagnostic_kinds.def");
  }
}

}  // namespace
}  // namespace bicepc::diagnostics
