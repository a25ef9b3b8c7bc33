// Declarations, .bicepparam statements, newline sensitivity, comments and pragmas.
#include <doctest/doctest.h>

#include "tests/syntax/test_util.h"

using namespace bicepc::syntax;
using bicepc::syntax::testing::ParseText;

namespace {
auto Kinds(const bicepc::syntax::testing::Parsed& p) -> std::vector<NodeKind> {
  std::vector<NodeKind> out;
  for (auto c : p.tree.children(p.tree.root())) out.push_back(p.tree.kind(c));
  return out;
}
}  // namespace

TEST_CASE("statements: every declaration kind") {
  auto p = ParseText(R"(targetScope = 'subscription'
metadata info = 'x'
@secure()
@sys.description('d')
param p1 string
param p2 int = 1
param p3 resource 'Microsoft.Storage/storageAccounts@2023-01-01'
var v1 = 1
var v2 string = 'a'
resource r1 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'x'
  resource child 'blobServices' = {
    name: 'default'
  }
}
resource r2 'T@v' existing = if (true) {
  name: 'y'
}
resource r3 'T@v' = [for i in range(0, 2): {
  name: 'z${i}'
}]
module m1 './mod.bicep' = {
  name: 'm'
}
module m2 'br/public:avm/res/x:1.0.0' = [for x in xs: if (x) {
  name: x
}]
output o1 string = v2
output o2 resource 'T@v' = r1
type t1 = 'a' | 'b' | 1 | -1 | true | null
type t2 = {
  @description('p')
  a: string?
  'b-c': int[]
  *: bool
}
type t3 = [
  string
  @minValue(1)
  int
]
type t4 = resourceInput<'T@v'>.properties
type t5 = t2.a
type t6 = t3[0]
type t7 = t3[*]
type t8 = t2.*
type t9 = (string | int)[]
type t10 = sys.resourceInput<'T@v'>
type t11 = t1!
func f1(a string, b int) string => '${a}${b}'
func f2() array => []
import {a, b as c, 'd' as e} from 'mod.bicep'
import * as ns from 'mod.bicep'
import 'az@1.0.0'
extension az
extension kubernetes with { namespace: 'x' } as k8s
extension 'br:mcr.microsoft.com/bicep/extensions/ms/1.0:1.0' as graph
assert a1 = true
test t 'main.bicep' = {
  params: {}
}
)");
  for (const auto& d : p->sink.diagnostics()) MESSAGE(d.code << " " << d.message << " @" << d.range.begin);
  CHECK(p->errors() == 0);
  CHECK(Kinds(*p) == std::vector<NodeKind>{
      NodeKind::TargetScopeDecl, NodeKind::MetadataDecl, NodeKind::ParamDecl, NodeKind::ParamDecl,
      NodeKind::ParamDecl, NodeKind::VarDecl, NodeKind::VarDecl, NodeKind::ResourceDecl, NodeKind::ResourceDecl,
      NodeKind::ResourceDecl, NodeKind::ModuleDecl, NodeKind::ModuleDecl, NodeKind::OutputDecl, NodeKind::OutputDecl,
      NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl,
      NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl, NodeKind::TypeDecl,
      NodeKind::TypeDecl, NodeKind::FuncDecl, NodeKind::FuncDecl, NodeKind::ImportDecl, NodeKind::ImportDecl,
      NodeKind::ExtensionDecl, NodeKind::ExtensionDecl, NodeKind::ExtensionDecl, NodeKind::ExtensionDecl,
      NodeKind::AssertDecl, NodeKind::TestDecl});
  // decorators
  auto p1 = p->stmt(2);
  CHECK(p->tree.children(p->tree.child(p1, 0)).size() == 2);
  // param layouts
  CHECK(p->tree.kind(p->at(p->stmt(4), {2})) == NodeKind::ResourceTypeRef);
  CHECK(!p->tree.child(p1, 3));
  CHECK(p->tree.kind(p->at(p->stmt(3), {3})) == NodeKind::IntegerLiteral);
  // resources
  CHECK(p->tree.node(p->stmt(8)).flags == 1);
  CHECK(p->tree.kind(p->at(p->stmt(7), {3, 1})) == NodeKind::ResourceDecl);
  CHECK(p->tree.kind(p->at(p->stmt(8), {3})) == NodeKind::IfCondition);
  CHECK(p->tree.kind(p->at(p->stmt(9), {3})) == NodeKind::ForExpr);
  CHECK(p->tree.kind(p->at(p->stmt(11), {3, 3})) == NodeKind::IfCondition);
  // types
  CHECK(p->tree.children(p->at(p->stmt(14), {2})).size() == 6);
  auto obj = p->at(p->stmt(15), {2});
  REQUIRE(p->tree.kind(obj) == NodeKind::TypeObject);
  CHECK(p->tree.kind(p->tree.child(obj, 0)) == NodeKind::TypeObjectProperty);
  CHECK(p->tree.children(p->at(obj, {0, 0})).size() == 1);
  CHECK(p->tree.kind(p->at(obj, {0, 2})) == NodeKind::TypeNullable);
  CHECK(p->tree.kind(p->at(obj, {1, 2})) == NodeKind::TypeArray);
  CHECK(p->tree.kind(p->tree.child(obj, 2)) == NodeKind::TypeAdditionalProperties);
  CHECK(p->tree.kind(p->at(p->stmt(16), {2})) == NodeKind::TypeTuple);
  CHECK(p->tree.kind(p->at(p->stmt(17), {2})) == NodeKind::TypePropertyAccess);
  CHECK(p->tree.kind(p->at(p->stmt(17), {2, 0})) == NodeKind::TypeParameterized);
  CHECK(p->tree.kind(p->at(p->stmt(19), {2})) == NodeKind::TypeArrayAccess);
  CHECK(p->tree.kind(p->at(p->stmt(20), {2})) == NodeKind::TypeItemsAccess);
  CHECK(p->tree.kind(p->at(p->stmt(21), {2})) == NodeKind::TypeAdditionalPropertiesAccess);
  CHECK(p->tree.kind(p->at(p->stmt(22), {2, 0, 0})) == NodeKind::TypeUnion);
  CHECK(p->tree.node(p->at(p->stmt(23), {2})).flags == 1);
  CHECK(p->tree.kind(p->at(p->stmt(24), {2})) == NodeKind::TypeNonNullable);
  // func
  auto lambda = p->at(p->stmt(25), {2});
  REQUIRE(p->tree.kind(lambda) == NodeKind::TypedLambda);
  CHECK(p->tree.children(lambda).size() == 4);
  // imports
  auto symbols = p->at(p->stmt(27), {1});
  REQUIRE(p->tree.kind(symbols) == NodeKind::ImportedSymbols);
  CHECK(p->tree.children(symbols).size() == 3);
  CHECK(!p->at(symbols, {0, 1}));
  CHECK(p->tree.text(p->at(symbols, {1, 1})) == "c");
  CHECK(p->tree.kind(p->at(symbols, {2, 0})) == NodeKind::String);
  CHECK(p->tree.kind(p->at(p->stmt(28), {1})) == NodeKind::WildcardImport);
  // extensions
  auto k8s = p->stmt(31);
  CHECK(p->tree.kind(p->tree.child(k8s, 2)) == NodeKind::Object);
  CHECK(p->tree.text(p->tree.child(k8s, 3)) == "k8s");
}

TEST_CASE("statements: .bicepparam files") {
  auto p = ParseText(R"(using './main.bicep' with {
  mode: 'stack'
}
extends 'base.bicepparam'
import {a} from 'types.bicep'
param p1 = 'x'
param p2 = {
  k: [1, 2]
}
var v = p1
extensionConfig k8s with {
  namespace: 'x'
}
)",
                     FileKind::BicepParam);
  CHECK(p->errors() == 0);
  CHECK(Kinds(*p) == std::vector<NodeKind>{NodeKind::UsingDecl, NodeKind::ExtendsDecl, NodeKind::ImportDecl,
                                           NodeKind::ParamAssignment, NodeKind::ParamAssignment, NodeKind::VarDecl,
                                           NodeKind::ExtensionConfigAssignment});
  CHECK(p->tree.kind(p->at(p->stmt(0), {1})) == NodeKind::Object);
  auto none = ParseText("using none\nparam x = 1\n", FileKind::BicepParam);
  CHECK(none->errors() == 0);
  CHECK(none->tree.kind(none->at(none->stmt(0), {0})) == NodeKind::NoneKeyword);
}

TEST_CASE("newlines: the valid forms of the official NewlineSensitivity baseline") {
  auto p = ParseText(R"(var multiLineFunction = concat(
  'abc',
  'def'
)
var f2 = concat(
              'abc',          any(['hello']),
'def')
var singleLineArrayTrailingCommas = ['abc', 'def',]
var mixedArray = ['abc', 'def'
'ghi', 'jkl'
'lmn']
var singleLineObjectTrailingCommas = { abc: 'def', ghi: 'jkl',}
var mixedObject = { abc: 'abc', def: 'def'
ghi: 'ghi', jkl: 'jkl'
lmn: 'lmn' }
var brokenFormatting = [      /*foo */ 'bar'   /*

hello

*/,        'asdfdsf',             12324
true
              ]
type u =
  | 'a'
  | 'b'
resource r 'T@v' =
// comment
if (true) {
}
)");
  for (const auto& d : p->sink.diagnostics()) MESSAGE(d.code << " " << d.message << " @" << d.range.begin);
  CHECK(p->errors() == 0);
}

TEST_CASE("newlines: invalid forms") {
  CHECK(ParseText("var a = 1 var b = 2")->has("BCP019"));
  CHECK(ParseText("var a = (1\n+ 2)")->errors() > 0);
  CHECK(ParseText("var a = 1 +\n2")->errors() > 0);
  CHECK(ParseText("var a = concat('abc' 'def')")->has("BCP236"));
  CHECK(ParseText("var a = ['abc' 'def']")->has("BCP236"));
  CHECK(ParseText("var a = [\n  'abc',\n  'def'\n]")->has("BCP238"));
  CHECK(ParseText("var a = concat('a',)")->has("BCP009"));
  CHECK(ParseText("var a = {\n  a: 1,,\n}")->errors() > 0);
}

TEST_CASE("errors: recovery reports each bad declaration and keeps the good ones") {
  auto p = ParseText("bad\nvar a = )\nvar b = 1\n}\nparam\nvar c = 2\n");
  CHECK(p->has("BCP007"));
  CHECK(p->has("BCP009"));
  CHECK(p->errors() >= 4);
  std::size_t vars = 0;
  for (auto c : p->tree.children(p->tree.root())) vars += p->tree.kind(c) == NodeKind::VarDecl ? 1 : 0;
  CHECK(vars == 3);
  CHECK(ParseText("var a = 1 & 2")->has("BCP001"));
  CHECK(ParseText(std::string(300, 'a') + " = 1")->has("BCP024"));
  CHECK(ParseText("var x = 1\n/* open")->has("BCP002"));
}

TEST_CASE("trivia: comments and pragmas are kept") {
  auto p = ParseText("// line\n#disable-next-line no-unused-vars BCP081 // why\nvar a = /* block */ 1\n  #disable-diagnostics a b\n#restore-diagnostics a\nvar b = 1 #disable-next-line x\n");
  CHECK(p->has("BCP001"));  // a '#' that is not first on its line
  REQUIRE(p->tree.comments().size() == 3);
  CHECK(p->tree.comments()[0].kind == CommentKind::Line);
  CHECK(p->tree.comments()[2].kind == CommentKind::Block);
  REQUIRE(p->tree.pragmas().size() == 3);
  CHECK(p->tree.pragmas()[0].kind == PragmaKind::DisableNextLine);
  CHECK(p->tree.pragmas()[0].codes == std::vector<std::string>{"no-unused-vars", "BCP081"});
  CHECK(p->tree.pragmas()[1].kind == PragmaKind::DisableDiagnostics);
  CHECK(p->tree.pragmas()[1].codes == std::vector<std::string>{"a", "b"});
  CHECK(p->tree.pragmas()[2].kind == PragmaKind::RestoreDiagnostics);
}

TEST_CASE("dump: stable format") {
  auto p = ParseText("var x = 'a${b}'\n");
  CHECK(p->dump() ==
        "Program [0,16)\n"
        "  VarDecl [0,15)\n"
        "    Decorators [0,0)\n"
        "    Identifier [4,5) \"x\"\n"
        "    None\n"
        "    String [8,15) \"a\" \"\"\n"
        "      VariableAccess [12,13) \"b\"\n");
}
