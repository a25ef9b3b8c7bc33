// Strings: escapes, interpolation, multi-line strings, unterminated strings.
#include <doctest/doctest.h>

#include "tests/syntax/test_util.h"

using namespace bicepc::syntax;
using bicepc::syntax::testing::ParseText;

namespace {
auto Segments(const bicepc::syntax::testing::Parsed& p, NodeId id) -> std::vector<std::string> {
  auto s = p.tree.StringSegments(id);
  return {s.begin(), s.end()};
}
// The value of `var x = <value>` as the first statement.
auto Value(const bicepc::syntax::testing::Parsed& p) -> NodeId { return p.at(p.stmt(0), {3}); }
}  // namespace

TEST_CASE("strings: escapes are decoded") {
  auto p = ParseText(R"(var x = 'a\\b\'c\nd\re\tf\$g\${h}\u{41}\u{1F600}')");
  CHECK(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::String);
  CHECK(Segments(*p, v) == std::vector<std::string>{"a\\b'c\nd\re\tf$g${h}A\xF0\x9F\x98\x80"});
}

TEST_CASE("strings: interpolation with nested strings and objects") {
  auto p = ParseText("var x = 'p${a}q${ 'in${1}' }r${ {k: 1}.k }'");
  CHECK(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::String);
  CHECK(p->tree.children(v).size() == 3);
  CHECK(Segments(*p, v) == std::vector<std::string>{"p", "q", "r", ""});
  auto inner = p->tree.child(v, 1);
  REQUIRE(p->tree.kind(inner) == NodeKind::String);
  CHECK(Segments(*p, inner) == std::vector<std::string>{"in", ""});
  CHECK(p->tree.kind(p->tree.child(v, 2)) == NodeKind::PropertyAccess);
}

TEST_CASE("strings: a lone dollar and braces are text") {
  auto p = ParseText("var x = '$a {b} $ }'");
  CHECK(p->errors() == 0);
  CHECK(Segments(*p, Value(*p)) == std::vector<std::string>{"$a {b} $ }"});
}

TEST_CASE("strings: multi-line drops one leading newline and keeps everything else") {
  auto p = ParseText("var x = '''\n  a\\n ${b}\n'''");
  CHECK(p->errors() == 0);
  auto v = Value(*p);
  CHECK(p->tree.node(v).flags == 1);
  CHECK(Segments(*p, v) == std::vector<std::string>{"  a\\n ${b}\n"});

  auto crlf = ParseText("var x = '''\r\nline\r\n'''\r\n");
  CHECK(crlf->errors() == 0);
  CHECK(Segments(*crlf, Value(*crlf)) == std::vector<std::string>{"line\r\n"});

  auto quotes = ParseText("var x = '''a''''");
  CHECK(quotes->errors() == 0);
  CHECK(Segments(*quotes, Value(*quotes)) == std::vector<std::string>{"a'"});
}

TEST_CASE("strings: interpolated multi-line strings open holes on N dollars") {
  auto p = ParseText("var x = $$'''\n${a}\n$${b}\n$$${c}\n'''");
  CHECK(p->errors() == 0);
  auto v = Value(*p);
  CHECK(p->tree.node(v).flags == 1);
  CHECK(p->tree.children(v).size() == 2);
  CHECK(Segments(*p, v) == std::vector<std::string>{"${a}\n", "\n$", "\n"});
}

TEST_CASE("strings: invalid escapes") {
  auto p = ParseText(R"(var x = 'a\eb')");
  CHECK(p->codes() == std::vector<std::string>{"BCP006"});
  auto u = ParseText(R"(var x = 'a\u{110000}')");
  CHECK(u->codes() == std::vector<std::string>{"BCP133"});
  auto u2 = ParseText(R"(var x = 'a\u0041')");
  CHECK(u2->has("BCP133"));
}

TEST_CASE("strings: unterminated") {
  auto eof = ParseText("var x = 'abc");
  CHECK(eof->has("BCP003"));
  auto nl = ParseText("var x = 'abc\nvar y = 1\n");
  CHECK(nl->codes() == std::vector<std::string>{"BCP004"});
  CHECK(nl->tree.children(nl->tree.root()).size() == 2);  // the next declaration still parses
  auto hole = ParseText("var x = 'a${b\nvar y = 1\n");
  CHECK(hole->has("BCP004"));
  CHECK(hole->tree.kind(hole->stmt(1)) == NodeKind::VarDecl);
  auto multi = ParseText("var x = '''abc");
  CHECK(multi->has("BCP140"));
  auto escape_eof = ParseText("var x = 'abc\\");
  CHECK(escape_eof->has("BCP005"));
  auto nested = ParseText("var x = 'a${ 'b${ 'c");
  CHECK(nested->errors() > 0);
}

TEST_CASE("strings: double quotes are rejected") {
  auto p = ParseText("var x = \"abc\"");
  CHECK(p->has("BCP103"));
}
