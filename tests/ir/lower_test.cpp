#include <doctest/doctest.h>

#include "compiler/emit/emit_template.h"
#include "compiler/ir/lower.h"
#include "compiler/semantics/semantic_model.h"
#include "tests/semantics/tree_builder.h"

namespace bicepc::ir {
namespace {

using syntax::BinaryOp;
using testing::TreeBuilder;

auto LowerTree(TreeBuilder& b, diagnostics::DiagnosticSink& sink) -> Template {
  auto model = semantics::Bind(b.Finish(), sink);
  return Lower(model, sink);
}

// The ARM expression text of the single variable in the template.
auto VarText(TreeBuilder& b) -> std::string {
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(!t.variables.empty());
  return emit::ExpressionText(t.variables.back().value);
}

TEST_CASE("interpolation lowers to format() with braces doubled") {
  TreeBuilder b;
  b.Param("p", "string");
  b.VarDecl("v", b.Str({"a{", "}b"}, {b.Var("p")}));
  CHECK(VarText(b) == "format('a{{{0}}}b', parameters('p'))");
}

TEST_CASE("operators lower to ARM functions") {
  TreeBuilder b;
  b.Param("x", "int");
  auto x = [&] { return b.Var("x"); };
  auto e = b.Bin(BinaryOp::LogicalAnd, b.Bin(BinaryOp::NotEquals, x(), b.Int("1")),
                 b.Bin(BinaryOp::EqualsInsensitive, b.Str("A"), b.Str("a")));
  b.VarDecl("v", b.Bin(BinaryOp::Coalesce, b.Bin(BinaryOp::Coalesce, e, b.Null()), b.Not(b.Bool(true))));
  // `??` is left-associative and each one is its own coalesce(): the official compiler nests them
  // (realworld avm/ptn/authorization/policy-exemption: coalesce(coalesce(coalesce(a, b), c), d)).
  CHECK(VarText(b) ==
        "coalesce(coalesce(and(not(equals(parameters('x'), 1)), equals(toLower('A'), toLower('a'))), null()), "
        "not(true()))");
}

TEST_CASE("arithmetic / ternary and negative literals") {
  TreeBuilder b;
  b.Param("x", "int");
  auto sum = b.Bin(BinaryOp::Add, b.Bin(BinaryOp::Multiply, b.Var("x"), b.Neg(b.Int("2"))), b.Neg(b.Var("x")));
  b.VarDecl("v", b.N(syntax::NodeKind::Ternary, {b.Bool(false), sum, b.Int("0")}));
  CHECK(VarText(b) == "if(false(), add(mul(parameters('x'), -2), sub(0, parameters('x'))), 0)");
}

TEST_CASE("namespaces are stripped and any() disappears") {
  TreeBuilder b;
  b.VarDecl("a", b.NsCall("az", "resourceGroup"));
  b.VarDecl("v", b.Call("any", {b.Prop(b.NsCall("sys", "concat", {b.Var("a"), b.Str("x")}), "location")}));
  CHECK(VarText(b) == "concat(variables('a'), 'x').location");
}

TEST_CASE("quotes are doubled inside expressions") {
  TreeBuilder b;
  b.VarDecl("v", b.Call("concat", {b.Str("it's"), b.Arr({b.Obj({{"k", b.Int("1")}})})}));
  CHECK(VarText(b) == "concat('it''s', createArray(createObject('k', 1)))");
}

TEST_CASE("resource references: id / name / type / properties and other properties") {
  TreeBuilder b;
  b.Stmt(b.Resource("res", "My.Rp/things@2020-01-01", b.Obj({{"name", b.Str("r1")}})));
  b.Output("id", "string", b.Prop(b.Var("res"), "id"));
  b.Output("name", "string", b.Prop(b.Var("res"), "name"));
  b.Output("type", "string", b.Prop(b.Var("res"), "type"));
  b.Output("props", "object", b.Prop(b.Var("res"), "properties"));
  b.Output("loc", "string", b.Prop(b.Var("res"), "location"));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.outputs.size() == 5);
  CHECK(emit::ExpressionText(t.outputs[0].value) == "resourceId('My.Rp/things', 'r1')");
  CHECK(emit::ExpressionText(t.outputs[1].value) == "'r1'");
  CHECK(emit::ExpressionText(t.outputs[2].value) == "'My.Rp/things'");
  CHECK(emit::ExpressionText(t.outputs[3].value) == "reference(resourceId('My.Rp/things', 'r1'), '2020-01-01')");
  CHECK(emit::ExpressionText(t.outputs[4].value) ==
        "reference(resourceId('My.Rp/things', 'r1'), '2020-01-01', 'full').location");
}

TEST_CASE("resource ids follow the target scope") {
  struct Case {
    const char* scope;
    const char* expected;
  };
  for (auto c : {Case{"subscription", "subscriptionResourceId('A.B/c', 'n')"},
                 Case{"tenant", "tenantResourceId('A.B/c', 'n')"},
                 Case{"managementGroup", "extensionResourceId(managementGroup().id, 'A.B/c', 'n')"}}) {
    TreeBuilder b;
    b.TargetScope(c.scope);
    b.Stmt(b.Resource("r", "A.B/c@2020-01-01", b.Obj({{"name", b.Str("n")}})));
    b.Output("id", "string", b.Prop(b.Var("r"), "id"));
    diagnostics::DiagnosticSink sink;
    auto t = LowerTree(b, sink);
    REQUIRE(t.outputs.size() == 1);
    CHECK(emit::ExpressionText(t.outputs[0].value) == c.expected);
  }
}

TEST_CASE("variables needing runtime values are inlined and dependsOn follows variables") {
  TreeBuilder b;
  b.Stmt(b.Resource("a", "A.B/c@2020-01-01", b.Obj({{"name", b.Str("a")}})));
  b.VarDecl("runtime", b.Prop(b.Prop(b.Var("a"), "properties"), "x"));
  b.VarDecl("ids", b.Prop(b.Var("a"), "id"));
  b.Stmt(b.Resource("b", "A.B/c@2020-01-01",
                    b.Obj({{"name", b.Str("b")}, {"properties", b.Obj({{"r", b.Var("runtime")}, {"i", b.Var("ids")}})}})));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.variables.size() == 1);
  CHECK(t.variables[0].name == "ids");
  REQUIRE(t.resources.size() == 2);
  REQUIRE(t.resources[1].depends_on.size() == 1);
  CHECK(emit::ExpressionText(t.resources[1].depends_on[0]) == "resourceId('A.B/c', 'a')");
  auto props = emit::ExpressionValue(t.resources[1].properties.back().second);
  CHECK(props.dump() ==
        R"({"r":"[reference(resourceId('A.B/c', 'a'), '2020-01-01').x]","i":"[variables('ids')]"})");
}

TEST_CASE("child resource names and ids") {
  TreeBuilder b;
  auto child = b.Resource("child", "A.B/c/d@2020-01-01", b.Obj({{"name", b.Str("kid")}}));
  auto body = b.N(syntax::NodeKind::Object, {b.N(syntax::NodeKind::ObjectProperty, {b.Id("name"), b.Str("p")}), child});
  b.Stmt(b.Resource("parent", "A.B/c@2020-01-01", body));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.resources.size() == 2);
  // Nested resources are emitted before the declarations of their scope (the official order).
  CHECK(t.resources[0].symbolic_name == "parent::child");
  CHECK(t.resources[1].symbolic_name == "parent");
  CHECK(emit::ExpressionText(t.resources[0].properties[0].second) == "'A.B/c/d'");
  CHECK(emit::ExpressionText(t.resources[0].properties[2].second) == "format('{0}/{1}', 'p', 'kid')");
  REQUIRE(t.resources[0].depends_on.size() == 1);
  CHECK(emit::ExpressionText(t.resources[0].depends_on[0]) == "resourceId('A.B/c', 'p')");
}

TEST_CASE("spread lowers to shallowMerge() and flatten()") {
  TreeBuilder b;
  b.Param("o", "object");
  b.Param("a", "array");
  auto obj = b.N(syntax::NodeKind::Object,
                 {b.N(syntax::NodeKind::ObjectProperty, {b.Id("k"), b.Int("1")}), b.N(syntax::NodeKind::Spread, {b.Var("o")})});
  b.VarDecl("x", obj);
  b.VarDecl("y", b.Arr({b.N(syntax::NodeKind::Spread, {b.Var("a")}), b.Int("1"), b.Int("2")}));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.variables.size() == 2);
  CHECK(emit::ExpressionText(t.variables[0].value) == "shallowMerge(createArray(createObject('k', 1), parameters('o')))");
  CHECK(emit::ExpressionText(t.variables[1].value) == "flatten(createArray(parameters('a'), createArray(1, 2)))");
}

TEST_CASE("resource loops: copy / copyIndex() and indexed references") {
  TreeBuilder b;
  b.Param("names", "array");
  auto item = b.Named(syntax::NodeKind::LocalVariable, "n");
  auto body = b.Obj({{"name", b.Var("n")}});
  b.Stmt(b.Resource("coll", "A.B/c@2020-01-01", b.N(syntax::NodeKind::ForExpr, {item, syntax::NodeId{}, b.Var("names"), body})));
  b.Output("first", "string", b.Prop(b.N(syntax::NodeKind::ArrayAccess, {b.Var("coll"), b.Int("0")}), "id"));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.resources.size() == 1);
  REQUIRE(t.resources[0].copy.has_value());
  CHECK(t.resources[0].copy->name == "coll");
  CHECK(emit::ExpressionText(t.resources[0].copy->count) == "length(parameters('names'))");
  CHECK(emit::ExpressionText(t.resources[0].properties[2].second) == "parameters('names')[copyIndex()]");
  CHECK(emit::ExpressionText(t.outputs[0].value) == "resourceId('A.B/c', parameters('names')[0])");
}

TEST_CASE("variable loops become copy entries named after the variable") {
  TreeBuilder b;
  auto item = b.Named(syntax::NodeKind::LocalVariable, "i");
  b.VarDecl("v", b.N(syntax::NodeKind::ForExpr, {item, syntax::NodeId{}, b.Call("range", {b.Int("0"), b.Int("3")}),
                                                  b.Bin(BinaryOp::Multiply, b.Var("i"), b.Int("2"))}));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.variables.size() == 1);
  REQUIRE(t.variables[0].copy_input.has_value());
  CHECK(emit::ExpressionText(*t.variables[0].copy_input) == "mul(range(0, 3)[copyIndex('v')], 2)");
}

TEST_CASE("modules become deployments with inner-scoped parameters") {
  TreeBuilder b;
  b.Param("p", "string");
  b.Stmt(b.N(syntax::NodeKind::ModuleDecl,
             {b.Decorators(), b.Id("m"), b.Str("mod.bicep"),
              b.Obj({{"name", b.Str("dep")}, {"params", b.Obj({{"x", b.Var("p")}})}})}));
  b.Output("o", "string", b.Prop(b.Prop(b.Var("m"), "outputs"), "res"));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  REQUIRE(sink.diagnostics().empty());
  REQUIRE(t.resources.size() == 1);
  CHECK(t.resources[0].module_path == std::optional<std::string>{"mod.bicep"});
  CHECK(emit::ExpressionValue(t.resources[0].properties.back().second).dump() ==
        R"({"expressionEvaluationOptions":{"scope":"inner"},"mode":"Incremental","parameters":{"x":{"value":"[parameters('p')]"}}})");
  CHECK(emit::ExpressionText(t.outputs[0].value) ==
        "reference(resourceId('Microsoft.Resources/deployments', 'dep'), '2025-04-01').outputs.res.value");
}

TEST_CASE("user-defined functions switch to languageVersion 2.0 and lower to __bicep members") {
  TreeBuilder b;
  b.Stmt(b.N(syntax::NodeKind::FuncDecl, {b.Decorators(), b.Id("f"), b.N(syntax::NodeKind::TypedLambda, {b.Type("int"), b.Int("1")})}));
  diagnostics::DiagnosticSink sink;
  auto t = LowerTree(b, sink);
  CHECK(sink.diagnostics().empty());
  CHECK(t.language_version == "2.0");
  REQUIRE(t.functions.size() == 1);
  CHECK(t.functions[0].ns == "__bicep");
  CHECK(t.functions[0].name == "f");
  CHECK(emit::ExpressionValue(t.functions[0].definition).dump() ==
        R"({"parameters":[],"output":{"type":"int","value":1}})");
}

TEST_CASE("languageVersion 2.0 features bicepc lacks (assertions) are reported as not yet supported") {
  TreeBuilder b;
  b.Stmt(b.N(syntax::NodeKind::AssertDecl, {b.Decorators(), b.Id("a"), b.Bool(true)}));
  diagnostics::DiagnosticSink sink;
  LowerTree(b, sink);
  REQUIRE(sink.diagnostics().size() == 1);
  CHECK(sink.diagnostics()[0].code == "BCX004");
}

}  // namespace
}  // namespace bicepc::ir
