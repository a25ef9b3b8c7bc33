// Expressions: precedence, associativity, postfix forms, calls, lambdas, loops.
#include <doctest/doctest.h>

#include "tests/syntax/test_util.h"

using namespace bicepc::syntax;
using bicepc::syntax::testing::ParseText;

namespace {
auto Value(const bicepc::syntax::testing::Parsed& p) -> NodeId { return p.at(p.stmt(0), {3}); }
auto Op(const bicepc::syntax::testing::Parsed& p, NodeId id) -> BinaryOp {
  REQUIRE(p.tree.kind(id) == NodeKind::Binary);
  return static_cast<BinaryOp>(p.tree.node(id).flags);
}
}  // namespace

TEST_CASE("expressions: binary precedence follows the official table") {
  auto p = ParseText("var x = a ?? b || c && d == e < f + g * h");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  CHECK(Op(*p, v) == BinaryOp::Coalesce);
  auto r = p->tree.child(v, 1);
  CHECK(Op(*p, r) == BinaryOp::LogicalOr);
  r = p->tree.child(r, 1);
  CHECK(Op(*p, r) == BinaryOp::LogicalAnd);
  r = p->tree.child(r, 1);
  CHECK(Op(*p, r) == BinaryOp::Equals);
  r = p->tree.child(r, 1);
  CHECK(Op(*p, r) == BinaryOp::LessThan);
  r = p->tree.child(r, 1);
  CHECK(Op(*p, r) == BinaryOp::Add);
  r = p->tree.child(r, 1);
  CHECK(Op(*p, r) == BinaryOp::Multiply);
}

TEST_CASE("expressions: binary operators are left-associative") {
  for (const char* op : {"-", "/", "%", "==", "!=", "=~", "!~", "<", ">=", "&&", "||", "??"}) {
    auto p = ParseText(std::string{"var x = a "} + op + " b " + op + " c");
    REQUIRE(p->errors() == 0);
    auto v = Value(*p);
    CHECK(p->tree.kind(p->tree.child(v, 0)) == NodeKind::Binary);
    CHECK(p->tree.kind(p->tree.child(v, 1)) == NodeKind::VariableAccess);
  }
}

TEST_CASE("expressions: ternary is lowest and right-nested") {
  auto p = ParseText("var x = a || b ? c : d ? e : f");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::Ternary);
  CHECK(p->tree.kind(p->tree.child(v, 0)) == NodeKind::Binary);
  CHECK(p->tree.kind(p->tree.child(v, 2)) == NodeKind::Ternary);
  auto multi = ParseText("var x = a\n  ? b\n  : c\n");
  CHECK(multi->errors() == 0);
  CHECK(multi->tree.kind(Value(*multi)) == NodeKind::Ternary);
  // Newlines and comments before `?` (the token stream hides those newlines), nested on new lines.
  auto commented = ParseText("var x = a // why\n\n  /* c */ ? b\n  : c\n    ? d\n    : e\nvar y = 1\n");
  CHECK(commented->errors() == 0);
  CHECK(commented->tree.kind(Value(*commented)) == NodeKind::Ternary);
  CHECK(commented->tree.children(commented->tree.root()).size() == 2);
  // As officially, `var x = 1\n? 2 : 3` is one ternary; a `?` that continues nothing is an error.
  CHECK(ParseText("var x = 1\n? 2 : 3\n")->errors() == 0);
  CHECK(ParseText("? 2 : 3\n")->errors() > 0);
}

TEST_CASE("expressions: unary and postfix") {
  auto p = ParseText("var x = -a.b * !c!");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  CHECK(Op(*p, v) == BinaryOp::Multiply);
  auto neg = p->tree.child(v, 0);
  CHECK(p->tree.kind(neg) == NodeKind::Unary);
  CHECK(p->tree.node(neg).flags == static_cast<std::uint8_t>(UnaryOp::Minus));
  CHECK(p->tree.kind(p->tree.child(neg, 0)) == NodeKind::PropertyAccess);
  auto notc = p->tree.child(v, 1);
  CHECK(p->tree.node(notc).flags == static_cast<std::uint8_t>(UnaryOp::Not));
  CHECK(p->tree.kind(p->tree.child(notc, 0)) == NodeKind::NonNullAssert);
}

TEST_CASE("expressions: member / safe and index access") {
  auto p = ParseText("var x = a.?b[?0][^1][?^2]::c.d()");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::InstanceFunctionCall);
  auto res = p->tree.child(v, 0);
  REQUIRE(p->tree.kind(res) == NodeKind::ResourceAccess);
  auto i3 = p->tree.child(res, 0);
  CHECK(p->tree.node(i3).flags == 3);
  auto i2 = p->tree.child(i3, 0);
  CHECK(p->tree.node(i2).flags == 2);
  auto i1 = p->tree.child(i2, 0);
  CHECK(p->tree.node(i1).flags == 1);
  auto prop = p->tree.child(i1, 0);
  CHECK(p->tree.kind(prop) == NodeKind::PropertyAccess);
  CHECK(p->tree.node(prop).flags == 1);
}

TEST_CASE("expressions: calls with namespaces and lambdas") {
  auto p = ParseText("var x = sys.concat(az.resourceGroup().id, map(xs, x => x + 1), reduce(xs, 0, (cur, next) => cur + next))");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::InstanceFunctionCall);
  CHECK(p->tree.kind(p->tree.child(v, 0)) == NodeKind::VariableAccess);
  CHECK(p->tree.text(p->tree.child(v, 1)) == "concat");
  auto map = p->tree.child(v, 3);
  REQUIRE(p->tree.kind(map) == NodeKind::FunctionCall);
  auto lambda = p->tree.child(map, 2);
  REQUIRE(p->tree.kind(lambda) == NodeKind::Lambda);
  CHECK(p->tree.kind(p->tree.child(lambda, 0)) == NodeKind::LocalVariable);
  CHECK(p->tree.kind(p->tree.child(lambda, 1)) == NodeKind::Binary);
  auto reduce = p->tree.child(v, 4);
  CHECK(p->tree.children(p->tree.child(reduce, 3)).size() == 3);
  auto empty = ParseText("var x = () => 1");
  CHECK(empty->errors() == 0);
}

TEST_CASE("expressions: objects and arrays with mixed separators and spread") {
  auto p = ParseText("var x = { a: 1, b: 2\nc: 3, ...d, 'e-f': [1, 2\n3, ...g,] }");
  REQUIRE(p->errors() == 0);
  auto v = Value(*p);
  REQUIRE(p->tree.kind(v) == NodeKind::Object);
  CHECK(p->tree.children(v).size() == 5);
  CHECK(p->tree.kind(p->tree.child(v, 3)) == NodeKind::Spread);
  auto arr = p->at(v, {4, 1});
  REQUIRE(p->tree.kind(arr) == NodeKind::Array);
  CHECK(p->tree.children(arr).size() == 4);
  CHECK(p->tree.kind(p->at(v, {4, 0})) == NodeKind::String);
}

TEST_CASE("expressions: for-expressions") {
  auto p = ParseText("var x = [for (item, i) in range(0, 3): if (i > 0) { v: item }]\nvar y = [\n  for x in xs: x\n]");
  REQUIRE(p->errors() == 0);
  auto f = Value(*p);
  REQUIRE(p->tree.kind(f) == NodeKind::ForExpr);
  CHECK(p->tree.text(p->tree.child(f, 0)) == "item");
  CHECK(p->tree.text(p->tree.child(f, 1)) == "i");
  CHECK(p->tree.kind(p->tree.child(f, 2)) == NodeKind::FunctionCall);
  CHECK(p->tree.kind(p->tree.child(f, 3)) == NodeKind::IfCondition);
  auto g = p->at(p->stmt(1), {3});
  CHECK(!p->tree.child(g, 1));
}

TEST_CASE("expressions: keywords are contextual") {
  auto p = ParseText("var param = { resource: 1, if: 2, for: 3 }.resource\nvar existing = param.if");
  CHECK(p->errors() == 0);
  auto reserved = ParseText("var true = 1");
  CHECK(reserved->errors() > 0);
}
