#include "compiler/emit/template_hash.h"

#include <doctest/doctest.h>

#include <array>
#include <string>

#include "compiler/emit/json_writer.h"
#include "stdlib/arm_hash.h"
#include "tests/emit_json/corpus_files.h"

namespace bicepc::emit {
namespace {

auto Fixture(const std::string& name) -> std::string {
  return emit_json_tests::ReadFileText(std::filesystem::path{BICEPC_SOURCE_DIR} / "tests" / "emit_json" / "fixtures" /
                                       name);
}

TEST_CASE("MurmurHash64: block and tail lengths") {
  // Regression values (0..9 bytes cover the empty input, both tail lanes and a full block).
  CHECK(stdlib::MurmurHash64("") == 0U);
  CHECK(stdlib::MurmurHash64("a") == 2686549150780078204ULL);
  CHECK(stdlib::MurmurHash64("abcdefg") == 6596867396500806095ULL);
  CHECK(stdlib::MurmurHash64("abcdefgh") == 9789183536796037058ULL);
  CHECK(stdlib::MurmurHash64("abcdefghi") == 14559245107501256122ULL);
  CHECK(stdlib::MurmurHash64("hello-world") == 571013382255652050ULL);
  CHECK(stdlib::MurmurHash64("ß€😀") == 13442600609366560877ULL);
}

TEST_CASE("MurmurHash64 of the official empty template's hash text") {
  // From bicep-baselines/Empty/main.json: the upper-cased minified text hashes to its templateHash.
  constexpr std::string_view kText =
      R"({"$SCHEMA":"HTTPS://SCHEMA.MANAGEMENT.AZURE.COM/SCHEMAS/2019-04-01/DEPLOYMENTTEMPLATE.JSON#",)"
      R"("CONTENTVERSION":"1.0.0.0","RESOURCES":[],"METADATA":{"_GENERATOR":{"NAME":"BICEP","VERSION":"DEV"}}})";
  CHECK(stdlib::MurmurHash64(kText) == 12740863314443779634ULL);
}

TEST_CASE("UniqueStringOf: 13 characters of [a-z2-7] from the same hash") {
  auto value = stdlib::UniqueStringOf("a-b");
  CHECK(value.size() == 13);
  CHECK(value.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567") == std::string::npos);
  CHECK(value != stdlib::UniqueStringOf("a-c"));
}

TEST_CASE("ToUpperInvariant: simple per-code-point mapping") {
  CHECK(ToUpperInvariant("abc xyz 09_[]") == "ABC XYZ 09_[]");
  CHECK(ToUpperInvariant("éàöñ") == "ÉÀÖÑ");
  CHECK(ToUpperInvariant("ß") == "ß");          // no full (1:n) mapping
  CHECK(ToUpperInvariant("ı") == "ı");          // .NET invariant keeps dotless i
  CHECK(ToUpperInvariant("ǆ ǅ") == "Ǆ Ǆ");      // digraphs map to the upper-case form
  CHECK(ToUpperInvariant("αβγ щ") == "ΑΒΓ Щ");
  CHECK(ToUpperInvariant("😀 𐐨") == "😀 𐐀");  // supplementary plane mappings apply per code point
  CHECK(ToUpperInvariant("\xff\x80 a") == "\xff\x80 A");  // invalid UTF-8 passes through
}

TEST_CASE("TemplateHashInput: typed-model order / metadata last / empty symbolic resources as []") {
  auto tmpl = nlohmann::ordered_json::parse(R"({
    "$schema": "s", "languageVersion": "2.0", "contentVersion": "1.0.0.0",
    "metadata": {"_generator": {"name": "bicep", "version": "dev"}},
    "parameters": {"p": {"type": "string", "nullable": true, "defaultValue": "x", "metadata": {"description": "d"}}},
    "resources": {}
  })");
  CHECK(TemplateHashInput(tmpl) ==
        R"({"$schema":"s","languageVersion":"2.0","contentVersion":"1.0.0.0","parameters":{"p":{"defaultValue":"x",)"
        R"("nullable":true,"type":"string","metadata":{"description":"d"}}},"resources":[],)"
        R"("metadata":{"_generator":{"name":"bicep","version":"dev"}}})");
}

// Every fixture is an official template: it round-trips byte for byte and its hash recomputes.
TEST_CASE("fixtures: round-trip and templateHash") {
  for (const char* name : {"empty.json", "empty.symbolicnames.json", "typed_variables.json", "resource_copy.json",
                           "resource_tags.json", "param_items_nullable.json", "nested_module.json"}) {
    CAPTURE(name);
    auto text = Fixture(name);
    REQUIRE(!text.empty());
    auto json = nlohmann::ordered_json::parse(text);
    CHECK(WriteJson(json) == text);
    auto expected = json["metadata"]["_generator"]["templateHash"].get<std::string>();
    json["metadata"]["_generator"].erase("templateHash");
    CHECK(ComputeTemplateHash(json) == expected);
  }
}

}  // namespace
}  // namespace bicepc::emit
