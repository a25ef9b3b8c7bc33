// Robustness: deep nesting, long chains, odd bytes. Diagnostics or a tree, never a crash.
#include <doctest/doctest.h>

#include <random>

#include "tests/syntax/test_util.h"

using namespace bicepc::syntax;
using bicepc::syntax::testing::ParseText;

TEST_CASE("robustness: 100/000 nested parentheses / arrays / objects and holes") {
  constexpr int kDepth = 100000;
  auto parens = ParseText("var x = " + std::string(kDepth, '(') + "1" + std::string(kDepth, ')'));
  CHECK(parens->has("BCX001"));
  auto arrays = ParseText("var x = " + std::string(kDepth, '[') + std::string(kDepth, ']'));
  CHECK(arrays->has("BCX001"));
  std::string objects = "var x = ";
  for (int i = 0; i < kDepth; ++i) objects += "{a:";
  objects += "1";
  objects += std::string(kDepth, '}');
  CHECK(ParseText(objects)->has("BCX001"));
  std::string holes = "var x = ";
  for (int i = 0; i < kDepth; ++i) holes += "'${";
  CHECK(ParseText(holes)->errors() > 0);
  CHECK(ParseText("var x = " + std::string(kDepth, '!') + "true")->has("BCX001"));
  CHECK(ParseText("var x = " + std::string(kDepth, '-') + "1")->errors() > 0);
  std::string ternary = "var x = ";
  for (int i = 0; i < kDepth; ++i) ternary += "a ? b : ";
  ternary += "c";
  CHECK(ParseText(ternary)->has("BCX001"));
  std::string lambdas = "var x = ";
  for (int i = 0; i < kDepth; ++i) lambdas += "a => ";
  lambdas += "1";
  CHECK(ParseText(lambdas)->has("BCX001"));
}

TEST_CASE("robustness: nesting within the limit parses") {
  auto p = ParseText("var x = " + std::string(400, '(') + "1" + std::string(400, ')'));
  CHECK(p->errors() == 0);
}

TEST_CASE("robustness: a 200/000-term chain parses iteratively and is depth-limited") {
  std::string chain = "var x = 1";
  for (int i = 1; i < 200000; ++i) chain += " + 1";
  auto p = ParseText(chain);
  CHECK(p->has("BCX001"));
  CHECK(p->tree.root());
  std::string members = "var x = a";
  for (int i = 1; i < 100000; ++i) members += ".b";
  CHECK(ParseText(members)->has("BCX001"));
  std::string items = "var x = [";
  for (int i = 0; i < 200000; ++i) items += "1\n";
  items += "]";
  auto list = ParseText(items);
  CHECK(list->errors() == 0);
  CHECK(list->tree.children(list->at(list->stmt(0), {3})).size() == 200000);
}

TEST_CASE("robustness: byte-order mark / CRLF / empty files") {
  auto bom = ParseText("\xEF\xBB\xBF#disable-next-line x\r\nvar a = 1\r\n");
  CHECK(bom->errors() == 0);
  CHECK(bom->tree.pragmas().size() == 1);
  CHECK(bom->tree.range(bom->stmt(0)).begin == 25);
  CHECK(ParseText("var a = 'x'\r\nvar b = {\r\n  c: 1\r\n}\r\n")->errors() == 0);
  auto empty = ParseText("");
  CHECK(empty->errors() == 0);
  CHECK(empty->tree.children(empty->tree.root()).empty());
  CHECK(ParseText("\n\n  \n")->errors() == 0);
  CHECK(ParseText("var a = 1\xEF\xBB\xBF")->errors() > 0);
  CHECK(ParseText("", FileKind::BicepParam)->errors() == 0);
}

TEST_CASE("robustness: random binary bytes") {
  std::mt19937 rng{12345};
  for (int round = 0; round < 50; ++round) {
    std::string bytes(4096, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng() & 0xFF);
    auto p = ParseText(bytes);
    CHECK(p->tree.root());
    // shuffled Bicep punctuation and keywords
    std::string soup;
    const char* pieces[] = {"'", "${", "}", "{", "[", "(", ")", "]", "\n", "'''", "$'''", "var", "x", "=", "?", ":",
                            "=>", "@", ".", "!", "//", "/*", "*/", "#disable-next-line", ",", "..."};
    for (int i = 0; i < 2000; ++i) soup += pieces[rng() % (sizeof(pieces) / sizeof(pieces[0]))];
    CHECK(ParseText(soup)->tree.root());
    CHECK(ParseText(soup, FileKind::BicepParam)->tree.root());
  }
}

TEST_CASE("robustness: unterminated constructs at the end of the file") {
  for (const char* text : {"var x = '", "var x = 'abc${", "var x = 'abc${1", "var x = '''", "var x = $'''${",
                           "var x = {", "var x = [", "var x = (", "var x = concat(", "/*", "@", "param", "var x =",
                           "resource r 'T@v' = {", "var x = [for"}) {
    auto p = ParseText(text);
    CHECK_MESSAGE(p->errors() > 0, text);
  }
}

TEST_CASE("robustness: 50 MB files") {
  // one 50 MB string: few tokens, parses
  auto str = ParseText("var x = '" + std::string(50'000'000, 'a') + "'\n");
  CHECK(str->errors() == 0);
  // 50 MB of declarations: more tokens than ParseOptions::max_tokens, a diagnostic instead of a parse
  std::string decls;
  decls.reserve(50'100'000);
  while (decls.size() < 50'000'000) decls += "var v = concat('a', 'b', [1, 2, 3], { k: true })\n";
  auto dense = ParseText(std::move(decls));
  CHECK(dense->has("BCX005"));
  CHECK(dense->tree.root());
}
