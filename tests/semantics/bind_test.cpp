#include <doctest/doctest.h>

#include <algorithm>

#include "compiler/semantics/semantic_model.h"
#include "tests/semantics/tree_builder.h"

namespace bicepc::semantics {
namespace {

using syntax::BinaryOp;
using testing::TreeBuilder;

auto Codes(const diagnostics::DiagnosticSink& sink) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& d : sink.diagnostics()) {
    out.push_back(d.code);
  }
  return out;
}

auto Messages(const diagnostics::DiagnosticSink& sink) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (const auto& d : sink.diagnostics()) {
    out.push_back(d.message);
  }
  return out;
}

TEST_CASE("declarations become symbols and references resolve") {
  TreeBuilder b;
  b.Param("p", "string");
  auto ref = b.Var("p");
  b.VarDecl("v", ref);
  b.Output("o", "string", b.Var("v"));
  diagnostics::DiagnosticSink sink;
  auto model = Bind(b.Finish(), sink);
  CHECK(sink.diagnostics().empty());
  REQUIRE(model.symbols().size() == 3);
  CHECK(model.symbols()[0].kind == SymbolKind::Parameter);
  CHECK(model.symbols()[1].kind == SymbolKind::Variable);
  CHECK(model.symbols()[2].kind == SymbolKind::Output);
  CHECK(model.binding(ref).kind == Binding::Kind::Symbol);
  CHECK(model.binding(ref).symbol == model.Lookup("p"));
  CHECK(model.target_scope() == TargetScope::ResourceGroup);
}

TEST_CASE("BCP057 for an undefined name") {
  TreeBuilder b;
  b.VarDecl("v", b.Var("nope"));
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  CHECK(Codes(sink) == std::vector<std::string>{"BCP057"});
  CHECK(Messages(sink) == std::vector<std::string>{"The name \"nope\" does not exist in the current context."});
}

TEST_CASE("BCP028 on every duplicate declaration / outputs and metadata have their own namespace") {
  TreeBuilder b;
  b.Param("x", "string");
  b.VarDecl("x", b.Int("1"));
  b.Output("x", "int", b.Int("1"));
  b.Metadata("x", b.Int("1"));
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  CHECK(Codes(sink) == std::vector<std::string>{"BCP028", "BCP028"});
}

TEST_CASE("BCP079 for self reference / BCP080 for cycles with the path") {
  TreeBuilder b;
  b.VarDecl("self", b.Var("self"));
  b.VarDecl("a", b.Var("b"));
  b.VarDecl("b", b.Var("a"));
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  auto msgs = Messages(sink);
  REQUIRE(msgs.size() == 3);
  CHECK(msgs[0] == "This expression is referencing its own declaration, which is not allowed.");
  CHECK(msgs[1] == "The expression is involved in a cycle (\"b\" -> \"a\").");
  CHECK(msgs[2] == "The expression is involved in a cycle (\"a\" -> \"b\").");
}

TEST_CASE("BCP071 argument count with the official wording") {
  TreeBuilder b;
  b.VarDecl("a", b.Call("toLower"));
  b.VarDecl("b", b.Call("substring", {b.Str("s")}));
  b.VarDecl("c", b.Call("concat"));
  b.VarDecl("d", b.NsCall("sys", "toLower", {b.Str("a"), b.Str("b")}));
  b.VarDecl("e", b.Call("resourceGroup"));  // az function, unqualified
  b.VarDecl("f", b.Call("noSuchFunction"));
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  CHECK(Messages(sink) == std::vector<std::string>{
                              "Expected 1 argument, but got 0.",
                              "Expected 2 to 3 arguments, but got 1.",
                              "Expected at least 1 argument, but got 0.",
                              "Expected 1 argument, but got 2.",
                              "The name \"noSuchFunction\" does not exist in the current context.",
                          });
}

TEST_CASE("targetScope is read from the declaration") {
  for (auto [text, scope] : {std::pair{"subscription", TargetScope::Subscription},
                             std::pair{"managementGroup", TargetScope::ManagementGroup},
                             std::pair{"tenant", TargetScope::Tenant}}) {
    TreeBuilder b;
    b.TargetScope(text);
    diagnostics::DiagnosticSink sink;
    auto model = Bind(b.Finish(), sink);
    CHECK(model.target_scope() == scope);
  }
  TreeBuilder b;
  b.TargetScope("galaxy");
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  CHECK(Codes(sink) == std::vector<std::string>{"BCP033"});
}

TEST_CASE("nested resources get a parent and a parent::child symbolic name") {
  TreeBuilder b;
  auto child = b.Resource("child", "A.B/c/d@2020-01-01", b.Obj({{"name", b.Str("kid")}}));
  auto body = b.N(syntax::NodeKind::Object, {b.N(syntax::NodeKind::ObjectProperty, {b.Id("name"), b.Str("p")}), child});
  b.Stmt(b.Resource("parent", "A.B/c@2020-01-01", body));
  diagnostics::DiagnosticSink sink;
  auto model = Bind(b.Finish(), sink);
  CHECK(sink.diagnostics().empty());
  REQUIRE(model.symbols().size() == 2);
  const auto* info = model.resource(SymbolId{1});
  REQUIRE(info != nullptr);
  CHECK(info->symbolic_name == "parent::child");
  CHECK(info->parent == SymbolId{0});
  CHECK(info->type == "A.B/c/d");
  CHECK(info->api_version == "2020-01-01");
}

TEST_CASE("duplicate outputs and metadata get BCP145") {
  TreeBuilder b;
  b.Output("o", "int", b.Int("1"));
  b.Output("o", "int", b.Int("2"));
  b.Metadata("m", b.Int("1"));
  b.Metadata("m", b.Int("2"));
  diagnostics::DiagnosticSink sink;
  Bind(b.Finish(), sink);
  CHECK(Codes(sink) == std::vector<std::string>{"BCP145", "BCP145", "BCP145", "BCP145"});
  CHECK(Messages(sink)[0] == "Output \"o\" is declared multiple times. Remove or rename the duplicates.");
}

TEST_CASE("loop and lambda variables resolve locally") {
  TreeBuilder b;
  auto item = b.Named(syntax::NodeKind::LocalVariable, "x");
  auto use = b.Var("x");
  b.VarDecl("v", b.N(syntax::NodeKind::ForExpr, {item, syntax::NodeId{}, b.Arr({}), use}));
  auto lambda_var = b.Named(syntax::NodeKind::LocalVariable, "y");
  auto lambda_use = b.Var("y");
  b.VarDecl("w", b.Call("map", {b.Arr({}), b.N(syntax::NodeKind::Lambda, {lambda_var, lambda_use})}));
  b.VarDecl("outside", b.Var("x"));
  diagnostics::DiagnosticSink sink;
  auto model = Bind(b.Finish(), sink);
  CHECK(model.binding(use).kind == Binding::Kind::Local);
  CHECK(model.binding(use).local == item);
  CHECK(model.binding(lambda_use).local == lambda_var);
  CHECK(Codes(sink) == std::vector<std::string>{"BCP057"});
}

TEST_CASE("languageVersion 2.0 features are recorded") {
  TreeBuilder b;
  b.Stmt(b.N(syntax::NodeKind::TypeDecl, {b.Decorators(), b.Id("t"), b.Type("string")}));
  diagnostics::DiagnosticSink sink;
  auto model = Bind(b.Finish(), sink);
  CHECK(!model.v2_features().empty());
}

}  // namespace
}  // namespace bicepc::semantics
