// Differential test of the hand-written lexer (compiler/syntax/lexer.cpp) against the lexer ANTLR
// generates from grammar/BicepLexer.g4: both must give the parser the same token stream (type,
// channel, start/stop offsets, line, column, text) for the golden cases, the corpus under
// ../shared/corpus (Invalid* baselines and annotated dumps included; skipped when absent), their
// truncations and CRLF versions, hand-written edge cases and pseudo-random bytes.
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "compiler/source/source_file.h"
#include "compiler/syntax/lexer.h"

namespace fs = std::filesystem;
namespace syntax = bicepc::syntax;
using syntax::testing::ParserToken;

namespace {

auto Describe(const ParserToken& t) -> std::string {
  return fmt::format("{} ch{} [{}..{}] {}:{} \"{}\"", syntax::testing::TokenTypeName(t.type), t.channel, t.start,
                     static_cast<std::int64_t>(t.stop), t.line, t.column, t.text);
}

// An empty string when both lexers agree on `text`, else where and how they differ.
auto Difference(std::string_view text) -> std::string {
  auto ours = syntax::testing::LexForParser(text);
  auto reference = syntax::testing::LexWithGeneratedLexer(text);
  auto n = std::min(ours.size(), reference.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (ours[i] != reference[i]) {
      return fmt::format("token {}: hand-written {} | generated {}", i, Describe(ours[i]), Describe(reference[i]));
    }
  }
  if (ours.size() != reference.size()) {
    return fmt::format("{} tokens from the hand-written lexer, {} from the generated one", ours.size(),
                       reference.size());
  }
  return {};
}

auto IsBicep(const fs::path& p) -> bool { return p.extension() == ".bicep" || p.extension() == ".bicepparam"; }

auto CollectFiles(const fs::path& root) -> std::vector<fs::path> {
  std::vector<fs::path> files;
  if (!fs::exists(root)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && IsBicep(entry.path())) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

auto ToCrlf(std::string_view text) -> std::string {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Compares the lexers on every file under `root`, on its CRLF version, and on `cuts` truncations
// (which end the file inside strings, holes and comments). Returns the number of files.
auto CompareTree(const fs::path& root, std::size_t cuts, std::vector<std::string>& failures) -> std::size_t {
  auto files = CollectFiles(root);
  for (const auto& path : files) {
    auto text = bicepc::source::ReadFile(path.string());
    REQUIRE(text.has_value());
    auto check = [&](std::string_view variant, std::string_view input) {
      auto diff = Difference(input);
      if (!diff.empty()) failures.push_back(fmt::format("{}{}: {}", path.string(), variant, diff));
    };
    check("", *text);
    if (text->find('\n') != std::string::npos) check(" (CRLF)", ToCrlf(*text));
    for (std::size_t k = 1; k <= cuts; ++k) {
      auto at = text->size() * k / (cuts + 1);
      check(fmt::format(" (first {} bytes)", at), std::string_view{*text}.substr(0, at));
    }
  }
  return files.size();
}

}  // namespace

TEST_CASE("lexer: the comparison tells different token streams apart") {
  // Guards the comparison itself: different inputs must compare different.
  CHECK(Difference("var a = 1").empty());
  CHECK(syntax::testing::LexForParser("var a = 1") != syntax::testing::LexWithGeneratedLexer("var a = 2"));
  CHECK(syntax::testing::LexForParser("var a = 1") != syntax::testing::LexWithGeneratedLexer("var a =\n1"));
}

TEST_CASE("lexer: identical tokens for the golden cases") {
  std::vector<std::string> failures;
  auto count = CompareTree(fs::path{BICEPC_SOURCE_DIR} / "tests" / "golden", 8, failures);
  CHECK(count > 20);
  for (const auto& f : failures) MESSAGE(f);
  CHECK(failures.empty());
}

TEST_CASE("lexer: identical tokens for the corpus") {
  fs::path corpus = fs::path{BICEPC_SHARED_DIR} / "corpus";
  if (!fs::exists(corpus)) {
    MESSAGE("skipped: " << corpus.string() << " not found");
    return;
  }
  std::vector<std::string> failures;
  auto count = CompareTree(corpus, 2, failures);
  CHECK(count > 100);
  for (std::size_t i = 0; i < std::min<std::size_t>(failures.size(), 20); ++i) MESSAGE(failures[i]);
  MESSAGE(fmt::format("{} corpus files compared, {} differences", count, failures.size()));
  CHECK(failures.empty());
}

TEST_CASE("lexer: identical tokens for edge cases") {
  const std::vector<std::string> cases = {
      "",
      "\n",
      "\r\n\r\n",
      "\r",
      "\xEF\xBB\xBF",
      "\xEF\xBB\xBFparam a string",
      "\xEF\xBB\xBF#disable-next-line BCP001\nvar a = 1",
      "\xEF\xBB",
      "var a = 1 \xEF\xBB\xBF",
      "  #disable-next-line no-unused-params // why\nparam a int",
      "\t#disable-diagnostics a b/c/ /d /* x */\n#restore-diagnostics a",
      "var x = 1 #disable-next-line a\n",
      "#disable-next-line",
      "#disable-next-line a/",
      "#disable-next-line a//",
      "#disable-next-line a/\n",
      "#disable-next-lin",
      "#restore-diagnosticsX",
      "# disable-next-line",
      "'abc",
      "'abc\n'def'",
      "'abc\r\ndef",
      "'a${b}c'",
      "'a${b\nc}d'",
      "'a${'b${'c${d\n}}}'",
      "'a${{x: {y: 1}}}b'",
      "'a${",
      "'a${'b",
      "'a}b'}",
      "}}}{{{",
      "'\\",
      "'\\u{41}\\u{42'\\u'\\n\\$\\'\\\\'",
      "'\\u{41\n'",
      "'\\\n",
      "'$'$${'$",
      "'''",
      "''''",
      "'''''",
      "''''''",
      "'''a''''b'''",
      "'''\nmulti\r\nline\n'''x",
      "''' ${not a hole} '''",
      "$'''a ${b} c'''",
      "$$'''a ${b} $${c} $$$${d} $$e {f}'''",
      "$$'''${'''nested'''}'''",
      "$$'''$$",
      "$$'''${x\n}'''",
      "$$$'''a''''",
      "$'''",
      "$$''",
      "$x",
      "/* unterminated",
      "/* a */ /**/ /***/ /*/ */",
      "/*/",
      "/*",
      "/* a\n b\n * c\n*",
      "/* a **",
      "// line\r\n// line\n//",
      "a/b//c/*d*/e",
      "...... .. . :: : => == =~ = != !~ ! <= < >= > && & || | ?? ? + - * / % ^ \" @ , ; ( ) [ ] { }",
      "targetScope metadata param var resource module output type func import extension extensionConfig "
      "assert test using extends existing if for in with as from none true false null",
      "targetScopes params vars _a a1 A__ 123abc 0 007 extensionconfig Var",
      "var \xC3\xA9 = '\xC3\xA9\xF0\x9F\x98\x80'",
      std::string{"var a = 1\0var b = 2", 19},
      std::string(300, 'a'),
      std::string(5000, '(') + std::string(5000, ')'),
      std::string(2000, '[') + "'" + std::string(200, '{'),
      "var a = '${'${'${'${'${1}'}'}'}'}'",
      "`~\\\x01\x7F\x80\xFF",
  };
  for (const auto& text : cases) {
    auto diff = Difference(text);
    CHECK_MESSAGE(diff.empty(), "input \"" << text << "\": " << diff);
  }
}

TEST_CASE("lexer: identical tokens for pseudo-random bytes") {
  // Inputs drawn from the bytes that matter to the lexer, plus arbitrary ones.
  constexpr std::string_view kAlphabet = "'''$${}}\\\\u{\r\n\n //**/#disable-next-line a\t.=:!&|?<>\"\xEF\xBB\xBF\x80";
  std::uint64_t state = 0x9E3779B97F4A7C15ULL;
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  };
  std::size_t failures = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    auto length = next() % 64;
    for (std::uint64_t i = 0; i < length; ++i) {
      auto r = next();
      text += (r & 7) == 0 ? static_cast<char>(r >> 8) : kAlphabet[(r >> 8) % kAlphabet.size()];
    }
    auto diff = Difference(text);
    if (!diff.empty() && ++failures <= 10) {
      std::string escaped;
      for (unsigned char c : text) escaped += c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c))
                                                                     : fmt::format("\\x{:02X}", c);
      MESSAGE("input \"" << escaped << "\": " << diff);
    }
  }
  CHECK(failures == 0);
}
