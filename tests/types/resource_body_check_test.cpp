// Resource-body checks (compiler/semantics/type_check) against the embedded catalogue.
// Each check has a failing and a passing snippet; expected wording is the official one
// (see the Invalid* baselines' main.diagnostics.bicep).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/semantics/type_check/resource_body_check.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/parse.h"

namespace {

using bicepc::diagnostics::DiagnosticSink;
using bicepc::diagnostics::LevelName;

// "BCP037 Error |span| message" for every type-check diagnostic of `text`.
auto Check(const std::string& text) -> std::vector<std::string> {
  bicepc::source::SourceFile file{"/main.bicep", text};
  DiagnosticSink parse_sink;
  auto tree = bicepc::syntax::Parse(file, parse_sink);
  for (const auto& d : parse_sink.diagnostics()) {
    if (d.level == bicepc::diagnostics::Level::Error) FAIL("parse error: " << d.code << " " << d.message);
  }
  DiagnosticSink sink;
  bicepc::semantics::type_check::CheckResources(tree, sink);
  std::vector<std::string> out;
  for (const auto& d : sink.Sorted()) {
    auto span = file.text().substr(d.range.begin, d.range.end - d.range.begin);
    out.push_back(d.code + " " + std::string{LevelName(d.level)} + " |" + std::string{span} + "| " + d.message);
  }
  return out;
}

auto Join(const std::vector<std::string>& v) -> std::string {
  std::string s;
  for (const auto& x : v) s += x + "\n";
  return s;
}

constexpr const char* kClause =
    " If this is a resource type definition inaccuracy, report it using https://aka.ms/bicep-type-issues.";

}  // namespace

TEST_CASE("BCP081: unknown type@api-version warns - known ones do not") {
  auto d = Check(R"(resource foo 'Microsoft.Foo/foos@2020-02-02' = {
  name: 'foo'
}
resource bad 'Microsoft.Cache/redis@1999-01-01' = {
  name: 'x'
}
resource nameOnly 'Microsoft.Compute/virtualMachines@2020-12-01' = {
  name: 'vm'
  location: 'westus'
}
)");
  REQUIRE(d.size() == 2);
  CHECK(d[0] ==
        "BCP081 Warning |'Microsoft.Foo/foos@2020-02-02'| Resource type \"Microsoft.Foo/foos@2020-02-02\" does not have "
        "types available. Bicep is unable to validate resource properties prior to deployment, but this will not block "
        "the resource from being deployed.");
  CHECK(d[1].starts_with("BCP081 Warning |'Microsoft.Cache/redis@1999-01-01'|"));
}

TEST_CASE("BCP035: missing required properties (error when name is missing / else warning)") {
  auto d = Check(R"(resource missingAll 'Microsoft.Storage/storageAccounts@2023-05-01' = {
}
resource missingExceptName 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'abc'
}
resource ok 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'abc'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}
)");
  REQUIRE(d.size() == 2);
  CHECK(d[0] == std::string{"BCP035 Error |missingAll| The specified \"resource\" declaration is missing the following "
                            "required properties: \"kind\", \"location\", \"name\", \"sku\"."} + kClause);
  CHECK(d[1] == std::string{"BCP035 Warning |missingExceptName| The specified \"resource\" declaration is missing the "
                            "following required properties: \"kind\", \"location\", \"sku\"."} + kClause);
}

TEST_CASE("BCP035: nested object missing required property is a warning on the key") {
  auto d = Check(R"(resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  location: 'westus'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
    }
  }
}
)");
  REQUIRE(d.size() == 1);
  CHECK(d[0] == std::string{"BCP035 Warning |sku| The specified \"object\" declaration is missing the following "
                            "required properties: \"name\"."} + kClause);
}

TEST_CASE("BCP037 / BCP089: unknown properties") {
  auto d = Check(R"(resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'abc'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  madeUpProperty: 'x'
  properties: {
    wrong: 1
    minimumTlsVersoin: 'TLS1_2'
  }
}
)");
  REQUIRE(d.size() == 3);
  CHECK(d[0] == std::string{"BCP037 Error |madeUpProperty| The property \"madeUpProperty\" is not allowed on objects of "
                            "type \"Microsoft.Storage/storageAccounts\". Permissible properties include \"asserts\", "
                            "\"dependsOn\", \"extendedLocation\", \"identity\", \"tags\"."} + kClause);
  CHECK(d[1].starts_with("BCP037 Warning |wrong| The property \"wrong\" is not allowed on objects of type "
                         "\"StorageAccountPropertiesCreateParametersOrStorageAccountProperties\". Permissible properties "
                         "include \"accessTier\", \"allowBlobPublicAccess\","));
  CHECK(d[1].ends_with(kClause));
  CHECK(d[2] == "BCP089 Warning |minimumTlsVersoin| The property \"minimumTlsVersoin\" is not allowed on objects of type "
                "\"StorageAccountPropertiesCreateParametersOrStorageAccountProperties\". Did you mean "
                "\"minimumTlsVersion\"?");
}

TEST_CASE("BCP073: read-only properties") {
  auto d = Check(R"(resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'r'
  location: 'westus'
  id: 'x'
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: 0
    }
    hostName: 'h'
  }
}
)");
  REQUIRE(d.size() == 2);
  CHECK(d[0] == std::string{"BCP073 Warning |id| The property \"id\" is read-only. Expressions cannot be assigned to "
                            "read-only properties."} + kClause);
  CHECK(d[1] == std::string{"BCP073 Warning |hostName| The property \"hostName\" is read-only. Expressions cannot be "
                            "assigned to read-only properties."} + kClause);
}

TEST_CASE("BCP036 / BCP088: literal values of the wrong type") {
  auto d = Check(R"(resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'r'
  location: []
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: 'one'
    }
    enableNonSslPort: 'yes'
    minimumTlsVersion: 12
    publicNetworkAccess: 'Whatever'
  }
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv'
  location: 'westus'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'Standard'
    }
  }
}
resource kv2 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 123
  location: 'westus'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'gold'
    }
  }
}
)");
  REQUIRE(d.size() == 7);
  CHECK(d[0] == std::string{"BCP036 Warning |[]| The property \"location\" expected a value of type \"string\" but the "
                            "provided value is of type \"<empty array>\"."} + kClause);
  CHECK(d[1] == std::string{"BCP036 Warning |'one'| The property \"capacity\" expected a value of type \"int\" but the "
                            "provided value is of type \"'one'\"."} + kClause);
  CHECK(d[2] == std::string{"BCP036 Warning |'yes'| The property \"enableNonSslPort\" expected a value of type "
                            "\"bool | null\" but the provided value is of type \"'yes'\"."} + kClause);
  CHECK(d[3] == std::string{"BCP036 Warning |12| The property \"minimumTlsVersion\" expected a value of type "
                            "\"null | string\" but the provided value is of type \"12\"."} + kClause);
  // 'Whatever' is fine: publicNetworkAccess is an extensible enum ('Enabled' | 'Disabled' | string).
  CHECK(d[4] == "BCP088 Warning |'Standard'| The property \"name\" expected a value of type \"'premium' | 'standard'\" "
                "but the provided value is of type \"'Standard'\". Did you mean \"'standard'\"?");
  CHECK(d[5] == "BCP036 Error |123| The property \"name\" expected a value of type \"string\" but the provided value is "
                "of type \"123\".");
  CHECK(d[6] == std::string{"BCP036 Warning |'gold'| The property \"name\" expected a value of type "
                            "\"'premium' | 'standard'\" but the provided value is of type \"'gold'\"."} + kClause);
}

TEST_CASE("BCP332 / BCP333 / BCP327: refinements on literal values") {
  auto d = Check(R"(resource short 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'me'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}
resource long 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'abcdefghijklmnopqrstuvwxyz'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}
)");
  REQUIRE(d.size() == 2);
  CHECK(d[0] == "BCP333 Warning |'me'| The provided value (whose length will always be less than or equal to 2) is too "
                "short to assign to a target for which the minimum allowable length is 3.");
  CHECK(d[1] == "BCP332 Warning |'abcdefghijklmnopqrstuvwxyz'| The provided value (whose length will always be greater "
                "than or equal to 26) is too long to assign to a target for which the maximum allowable length is 24.");
}

TEST_CASE("BCP034: array items of the wrong type") {
  auto d = Check(R"(resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'r'
  location: 'westus'
  zones: [
    '1'
    2
  ]
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: 0
    }
  }
}
)");
  REQUIRE(d.size() == 1);
  CHECK(d[0] == "BCP034 Warning |2| The enclosing array expected an item of type \"string\", but the provided item was "
                "of type \"2\".");
}

TEST_CASE("discriminated bodies: sites/config selected by name - BCP078 and BCP088 on discriminators") {
  auto d = Check(R"(resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'site'
  location: 'westus'
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      KEY: 'value'
      OTHER: 1
    }
  }
  resource bogus 'config' = {
    name: 'appsetings'
  }
}
resource alert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'a'
  location: 'global'
  properties: {
    severity: 3
    enabled: true
    scopes: []
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      allOf: []
    }
  }
}
)");
  REQUIRE(d.size() == 3);
  CHECK(d[0] == "BCP036 Warning |1| The property \"OTHER\" expected a value of type \"string\" but the provided value is "
                "of type \"1\".");
  CHECK(d[1].starts_with("BCP088 Warning |'appsetings'| The property \"name\" expected a value of type \"'appsettings' | "
                         "'authsettings' | "));
  CHECK(d[1].ends_with("but the provided value is of type \"'appsetings'\". Did you mean \"'appsettings'\"?"));
  CHECK(d[2] == "BCP078 Warning |{\n      allOf: []\n    }| The property \"odata.type\" requires a value of type "
                "\"'Microsoft.Azure.Monitor.MultipleResourceMultipleMetricCriteria' | "
                "'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria' | "
                "'Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria'\", but none was supplied.");
}

TEST_CASE("nested and parent: child types resolve to parent type + '/' + child") {
  auto d = Check(R"(resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'abc'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  resource blob 'blobServices' = {
    name: 'default'
    notAProperty: true
    resource container 'containers@2023-05-01' = {
      name: 'ccc'
    }
  }
  resource fake 'fakeChildren' = {
    name: 'x'
  }
}
resource container2 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: sa::blob
  name: 'container2'
  properties: {
    publicAccess: 'Blob'
  }
}
)");
  INFO(Join(d));
  REQUIRE(d.size() == 2);
  CHECK(d[0].starts_with("BCP037 Error |notAProperty| The property \"notAProperty\" is not allowed on objects of type "
                         "\"Microsoft.Storage/storageAccounts/blobServices\". Permissible properties include "
                         "\"asserts\", \"dependsOn\", \"properties\""));
  CHECK(d[1].starts_with("BCP081 Warning |'fakeChildren'| Resource type "
                         "\"Microsoft.Storage/storageAccounts/fakeChildren@2023-05-01\" does not have types available."));
}

TEST_CASE("BCP187: known top-level properties missing from the type data") {
  auto d = Check(R"(resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'lock'
  location: 'westus'
  properties: {
    level: 'CanNotDelete'
  }
}
)");
  REQUIRE(d.size() == 1);
  CHECK(d[0] == std::string{"BCP187 Warning |location| The property \"location\" does not exist in the resource or type "
                            "definition, although it might still be valid."} + kClause);
}

TEST_CASE("values that are not literals / conditions / loops / spreads and existing resources") {
  auto d = Check(R"(param loc string
param props object
resource a 'Microsoft.Cache/redis@2024-11-01' = if (true) {
  name: 'r'
  location: loc
  properties: props
}
resource b 'Microsoft.Cache/redis@2024-11-01' = [for i in range(0, 2): {
  name: 'r${i}'
  location: resourceGroup().location
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: i
    }
    minimumTlsVersion: '1.${i}'
  }
}]
resource c 'Microsoft.Cache/redis@2024-11-01' = {
  ...props
  name: 'c'
}
resource d 'Microsoft.Cache/redis@2024-11-01' existing = {
  name: 'd'
}
)");
  CHECK(Join(d) == "");
  auto missing = Check(R"(resource b 'Microsoft.Cache/redis@2024-11-01' = [for i in range(0, 2): {
  location: 'westus'
  properties: {
    sku: {
      name: 'Basic'
      family: 'C'
      capacity: i
    }
  }
}]
)");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].starts_with("BCP035 Error |b| The specified \"resource\" declaration is missing the following "
                               "required properties: \"name\"."));
}

TEST_CASE("a hand-built tree (no parser): unknown property on Microsoft.Cache/redis") {
  using bicepc::syntax::NodeId;
  using bicepc::syntax::NodeKind;
  std::string text = "resource r 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'r'\n  bogus: true\n}\n";
  bicepc::source::SourceFile file{"/main.bicep", text};
  bicepc::syntax::SyntaxTree tree{file};
  auto at = [&](std::string_view s) {
    auto b = static_cast<std::uint32_t>(text.find(s));
    return bicepc::source::SourceRange{b, b + static_cast<std::uint32_t>(s.size())};
  };
  auto decorators = tree.Add(NodeKind::Decorators, at("resource"));
  auto ident = tree.Add(NodeKind::Identifier, at("r "));
  tree.SetText(ident, tree.AddText("r"));
  auto type = tree.Add(NodeKind::String, at("'Microsoft.Cache/redis@2024-11-01'"));
  tree.SetText(type, tree.AddText("Microsoft.Cache/redis@2024-11-01"));
  auto name_key = tree.Add(NodeKind::Identifier, at("name"));
  tree.SetText(name_key, tree.AddText("name"));
  auto name_value = tree.Add(NodeKind::String, at("'r'"));
  tree.SetText(name_value, tree.AddText("r"));
  std::vector<NodeId> p1{name_key, name_value};
  auto prop1 = tree.Add(NodeKind::ObjectProperty, at("name: 'r'"), p1);
  auto bogus_key = tree.Add(NodeKind::Identifier, at("bogus"));
  tree.SetText(bogus_key, tree.AddText("bogus"));
  auto bogus_value = tree.Add(NodeKind::BooleanLiteral, at("true"), {}, 1);
  std::vector<NodeId> p2{bogus_key, bogus_value};
  auto prop2 = tree.Add(NodeKind::ObjectProperty, at("bogus: true"), p2);
  std::vector<NodeId> props{prop1, prop2};
  auto object = tree.Add(NodeKind::Object, at("{\n  name"), props);
  std::vector<NodeId> kids{decorators, ident, type, object};
  auto decl = tree.Add(NodeKind::ResourceDecl, {0, static_cast<std::uint32_t>(text.size())}, kids);
  std::vector<NodeId> stmts{decl};
  tree.SetRoot(tree.Add(NodeKind::Program, {0, static_cast<std::uint32_t>(text.size())}, stmts));

  DiagnosticSink sink;
  bicepc::semantics::type_check::CheckResourceBody(tree, decl, sink);
  REQUIRE(sink.diagnostics().size() == 2);
  CHECK(sink.diagnostics()[0].code == "BCP035");  // location, properties
  CHECK(sink.diagnostics()[0].message.starts_with(
      "The specified \"resource\" declaration is missing the following required properties: \"location\", "
      "\"properties\"."));
  CHECK(sink.diagnostics()[1].code == "BCP037");
  CHECK(sink.diagnostics()[1].level == bicepc::diagnostics::Level::Error);
}

TEST_CASE("variables: object values are checked through the variable / reported at the reference") {
  auto d = Check(R"(var boolVal = true
var vmProperties = {
  diagnosticsProfile: {
    bootDiagnostics: {
      enabled: 123
      storageUri: true
      unknownProp: 'asdf'
    }
  }
  evictionPolicy: boolVal
}
var tooBig = 'abcdefghijklmnopqrstuvwxyz'
resource vm 'Microsoft.Compute/virtualMachines@2020-12-01' = {
  name: tooBig
  location: 'West US'
  properties: vmProperties
}
)");
  INFO(Join(d));
  REQUIRE(d.size() == 4);
  CHECK(d[0] == std::string{"BCP036 Warning |vmProperties| The property \"enabled\" expected a value of type "
                            "\"bool | null\" but the provided value in source declaration \"vmProperties\" is of type "
                            "\"123\"."} + kClause);
  CHECK(d[1] == std::string{"BCP036 Warning |vmProperties| The property \"storageUri\" expected a value of type "
                            "\"null | string\" but the provided value in source declaration \"vmProperties\" is of "
                            "type \"true\"."} + kClause);
  CHECK(d[2] == std::string{"BCP037 Warning |vmProperties| The property \"unknownProp\" from source declaration "
                            "\"vmProperties\" is not allowed on objects of type \"BootDiagnostics\". No other "
                            "properties are allowed."} + kClause);
  // var-to-var: evictionPolicy's value is the variable boolVal (= true)
  CHECK(d[3] == std::string{"BCP036 Warning |vmProperties| The property \"evictionPolicy\" expected a value of type "
                            "\"null | string\" but the provided value in source declaration \"vmProperties\" is of "
                            "type \"true\"."} + kClause);
}

TEST_CASE("variables: a variable's object missing required properties") {
  auto d = Check(R"(var props = {}
resource a 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'r'
  location: 'westus'
  properties: props
}
)");
  REQUIRE(d.size() == 1);
  CHECK(d[0] == std::string{"BCP035 Warning |props| The specified \"var\" declaration is missing the following "
                            "required properties from source declaration \"props\": \"sku\"."} + kClause);
}

TEST_CASE("passing snippets: valid declarations produce no diagnostics") {
  auto d = Check(R"(param location string = resourceGroup().location
resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'cache1'
  location: location
  tags: {
    env: 'dev'
  }
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisConfiguration: {
      'maxmemory-policy': 'allkeys-lru'
    }
  }
}
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv1'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    accessPolicies: []
  }
  resource secret 'secrets' = {
    name: 'secret1'
    properties: {
      value: 'x'
    }
  }
}
resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: 'site1'
  location: location
  kind: 'app'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          name: 'A'
          value: 'B'
        }
      ]
    }
  }
  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      KEY: 'value'
    }
  }
}
resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'lock'
  scope: kv
  properties: {
    level: 'CanNotDelete'
    notes: 'keep'
  }
}
resource alert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert'
  location: 'global'
  properties: {
    severity: 3
    enabled: true
    scopes: [
      redis.id
    ]
    evaluationFrequency: 'PT1M'
    windowSize: 'PT5M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'c1'
          metricName: 'percentProcessorTime'
          operator: 'GreaterThan'
          threshold: 80
          timeAggregation: 'Average'
        }
      ]
    }
  }
}
resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'storage1'
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
  }
  resource blobs 'blobServices' = {
    name: 'default'
    resource container 'containers' = {
      name: 'data'
    }
  }
}
)");
  CHECK(Join(d) == "");
}
