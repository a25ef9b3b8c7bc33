#include <doctest/doctest.h>

#include "compiler/emit/emit_template.h"
#include "compiler/ir/lower.h"
#include "compiler/semantics/semantic_model.h"
#include "tests/semantics/tree_builder.h"

namespace bicepc::emit {
namespace {

using ir::Expr;
using testing::TreeBuilder;

auto EmitTree(TreeBuilder& b) -> nlohmann::ordered_json {
  diagnostics::DiagnosticSink sink;
  auto model = semantics::Bind(b.Finish(), sink);
  auto t = ir::Lower(model, sink);
  REQUIRE(sink.diagnostics().empty());
  return EmitTemplate(t, EmitOptions{});
}

TEST_CASE("literal strings: a leading [ is doubled only when the string also ends with ]") {
  CHECK(ExpressionValue(Expr::Str("[test]")) == "[[test]");
  CHECK(ExpressionValue(Expr::Str("[test")) == "[test");
  CHECK(ExpressionValue(Expr::Str("test]")) == "test]");
}

TEST_CASE("ints stay JSON ints inside int64 / json('n') outside") {
  CHECK(ExpressionValue(Expr::Int("2147483647")).dump() == "2147483647");
  CHECK(ExpressionValue(Expr::Int("-2147483648")).dump() == "-2147483648");
  CHECK(ExpressionValue(Expr::Int("12345678901")).dump() == "12345678901");
  CHECK(ExpressionValue(Expr::Int("99999999999999999999")) == "[json('99999999999999999999')]");
  CHECK(ExpressionText(Expr::Int("2147483648")) == "json('2147483648')");
  CHECK(ExpressionText(Expr::Int("-2147483648")) == "-2147483648");
}

TEST_CASE("property access uses dot notation only for identifiers") {
  auto base = Expr::Call("f", {});
  CHECK(ExpressionText(Expr::Prop(base, "ok")) == "f().ok");
  CHECK(ExpressionText(Expr::Prop(base, "not-ok")) == "f()['not-ok']");
  CHECK(ExpressionText(Expr::Index(base, Expr::Str("k"))) == "f().k");
  CHECK(ExpressionText(Expr::Index(base, Expr::Int("0"))) == "f()[0]");
}

TEST_CASE("empty template: schema / contentVersion / metadata / resources") {
  TreeBuilder b;
  auto j = EmitTree(b);
  CHECK(j.dump() ==
        R"({"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",)"
        R"("contentVersion":"1.0.0.0","metadata":{"_generator":{"name":"bicep","version":"dev"}},"resources":[]})");
}

TEST_CASE("schema follows targetScope") {
  TreeBuilder b;
  b.TargetScope("subscription");
  CHECK(EmitTree(b)["$schema"] ==
        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#");
}

TEST_CASE("parameter keys in the official order / @secure and @description merged into metadata") {
  TreeBuilder b;
  b.Param("p", "string", b.Str("x"),
          {b.Call("secure"), b.Call("minLength", {b.Int("3")}), b.Call("allowed", {b.Arr({b.Str("x"), b.Str("y")})}),
           b.NsCall("sys", "description", {b.Str("d")}), b.Call("metadata", {b.Obj({{"description", b.Str("old")}, {"k", b.Int("1")}})})});
  b.Param("o", "object", {}, {b.Call("secure")});
  auto j = EmitTree(b);
  CHECK(j["parameters"].dump() ==
        R"({"p":{"type":"securestring","defaultValue":"x","allowedValues":["x","y"],)"
        R"("metadata":{"description":"d","k":1},"minLength":3},"o":{"type":"secureObject"}})");
}

TEST_CASE("metadata declarations follow _generator - outputs carry type and value") {
  TreeBuilder b;
  b.Metadata("owner", b.Str("me"));
  b.Output("o", "bool", b.Bin(syntax::BinaryOp::LogicalOr, b.Bool(true), b.Bool(false)),
           {b.Call("description", {b.Str("an output")})});
  auto j = EmitTree(b);
  CHECK(j["metadata"].dump() == R"({"_generator":{"name":"bicep","version":"dev"},"owner":"me"})");
  CHECK(j["outputs"].dump() ==
        R"({"o":{"type":"bool","metadata":{"description":"an output"},"value":"[or(true(), false())]"}})");
}

TEST_CASE("resource body keeps source order after type / apiVersion and name") {
  TreeBuilder b;
  b.Param("loc", "string");
  b.Stmt(b.Resource("r", "A.B/c@2021-01-01",
                    b.Obj({{"location", b.Var("loc")}, {"name", b.Str("n")}, {"properties", b.Obj({})}})));
  auto j = EmitTree(b);
  CHECK(j["resources"].dump() ==
        R"([{"type":"A.B/c","apiVersion":"2021-01-01","name":"n","location":"[parameters('loc')]","properties":{}}])");
}

}  // namespace
}  // namespace bicepc::emit
