// Lookups in the embedded resource type catalogue (stdlib/types). In-repo only: the
// catalogue is compiled into the binary, so nothing here reads ../shared.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "stdlib/types/resource_types.h"

namespace types = bicepc::stdlib::types;

namespace {

auto LiteralMembers(types::TypeView union_type) -> std::vector<std::string> {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < union_type.member_count(); ++i) {
    auto m = union_type.member(i);
    if (m.kind() == types::TypeKind::StringLiteral) out.emplace_back(m.literal_value());
  }
  return out;
}

auto HasPlainString(types::TypeView union_type) -> bool {
  for (std::size_t i = 0; i < union_type.member_count(); ++i) {
    if (union_type.member(i).kind() == types::TypeKind::String) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("catalogue: embedded blob is valid and reports its size") {
  const auto& cat = types::Catalogue::Embedded();
  REQUIRE(cat.valid());
  auto s = cat.stats();
  CHECK(s.bytes == types::EmbeddedCatalogueBytes().size());
  CHECK(s.bodies >= 9700);          // every type@api-version of the curated subset
  CHECK(s.known_versions >= s.bodies);
  CHECK(s.known_types >= 1400);
  MESSAGE("catalogue: " << s.bytes << " bytes, " << s.known_types << " types, " << s.known_versions
                        << " type@api-versions known, " << s.bodies << " with body, " << s.type_nodes
                        << " type nodes, " << s.strings << " strings");
}

TEST_CASE("catalogue: Microsoft.Cache/redis@2024-11-01 minimumTlsVersion") {
  const auto& cat = types::Catalogue::Embedded();
  auto rt = cat.Find("Microsoft.Cache/redis", "2024-11-01");
  REQUIRE(rt.has_value());
  CHECK(rt->type == "Microsoft.Cache/redis");
  CHECK(rt->api_version == "2024-11-01");
  CHECK(rt->readable_scopes == types::kScopeResourceGroup);
  CHECK(rt->writable_scopes == types::kScopeResourceGroup);
  REQUIRE(rt->body.kind() == types::TypeKind::Object);
  CHECK(rt->body.name() == "Microsoft.Cache/redis");

  auto name = rt->body.FindProperty("name");
  REQUIRE(name.has_value());
  CHECK(name->flags == (types::kRequired | types::kDeployTimeConstant));
  auto id = rt->body.FindProperty("id");
  REQUIRE(id.has_value());
  CHECK(id->Has(types::kReadOnly));

  auto props = rt->body.FindProperty("properties");
  REQUIRE(props.has_value());
  CHECK(props->Has(types::kRequired));
  REQUIRE(props->type.kind() == types::TypeKind::Object);
  auto tls = props->type.FindProperty("minimumTlsVersion");
  REQUIRE(tls.has_value());
  CHECK(tls->flags == 0);
  REQUIRE(tls->type.kind() == types::TypeKind::Union);
  CHECK(LiteralMembers(tls->type) == std::vector<std::string>{"1.0", "1.1", "1.2"});
  CHECK(HasPlainString(tls->type));  // extensible enum

  auto host = props->type.FindProperty("hostName");
  REQUIRE(host.has_value());
  CHECK(host->Has(types::kReadOnly));
  auto non_ssl = props->type.FindProperty("enableNonSslPort");
  REQUIRE(non_ssl.has_value());
  CHECK(non_ssl->type.kind() == types::TypeKind::Bool);
  auto sku = props->type.FindProperty("sku");
  REQUIRE(sku.has_value());
  CHECK(sku->Has(types::kRequired));
  auto capacity = sku->type.FindProperty("capacity");
  REQUIRE(capacity.has_value());
  CHECK(capacity->type.kind() == types::TypeKind::Int);
  CHECK_FALSE(props->type.FindProperty("MinimumTlsVersion").has_value());  // keys are case-sensitive
}

TEST_CASE("catalogue: Microsoft.Storage/storageAccounts@2023-05-01 requires sku and kind") {
  const auto& cat = types::Catalogue::Embedded();
  auto rt = cat.Find("microsoft.storage/STORAGEACCOUNTS", "2023-05-01");  // type is case-insensitive
  REQUIRE(rt.has_value());
  CHECK(rt->type == "Microsoft.Storage/storageAccounts");
  std::vector<std::string> required;
  for (std::size_t i = 0; i < rt->body.property_count(); ++i) {
    auto p = rt->body.property(i);
    if (p.Has(types::kRequired) && !p.Has(types::kReadOnly)) required.emplace_back(p.name);
  }
  CHECK(required == std::vector<std::string>{"kind", "location", "name", "sku"});
  auto name = rt->body.FindProperty("name");
  REQUIRE(name.has_value());
  CHECK(name->type.kind() == types::TypeKind::String);
  CHECK(name->type.min() == 3);
  CHECK(name->type.max() == 24);
  CHECK(name->type.pattern() == "^[a-z0-9]+$");
  CHECK_FALSE(cat.Find("Microsoft.Storage/storageAccounts", "2023-05-02").has_value());
  CHECK_FALSE(cat.Find("Microsoft.Storage/storageAccounts", "2023-05-01 ").has_value());
}

TEST_CASE("catalogue: closed enum / discriminated bodies and child types") {
  const auto& cat = types::Catalogue::Embedded();
  auto kv = cat.Find("Microsoft.KeyVault/vaults", "2023-07-01");
  REQUIRE(kv.has_value());
  auto sku = kv->body.FindProperty("properties")->type.FindProperty("sku")->type;
  auto sku_name = sku.FindProperty("name");
  REQUIRE(sku_name.has_value());
  REQUIRE(sku_name->type.kind() == types::TypeKind::Union);
  auto values = LiteralMembers(sku_name->type);
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<std::string>{"premium", "standard"});
  CHECK_FALSE(HasPlainString(sku_name->type));

  auto config = cat.Find("Microsoft.Web/sites/config", "2023-12-01");
  REQUIRE(config.has_value());
  REQUIRE(config->body.kind() == types::TypeKind::DiscriminatedObject);
  CHECK(config->body.discriminator() == "name");
  auto appsettings = config->body.FindElement("appsettings");
  REQUIRE(appsettings);
  auto props = appsettings.FindProperty("properties");
  REQUIRE(props.has_value());
  CHECK(props->type.kind() == types::TypeKind::Object);
  CHECK(props->type.additional_properties().kind() == types::TypeKind::String);
  CHECK_FALSE(config->body.FindElement("nope"));
  CHECK(config->readable_scopes == 0);
  CHECK(config->writable_scopes == types::kScopeResourceGroup);

  auto rg = cat.Find("Microsoft.Resources/resourceGroups", "2025-04-01");
  REQUIRE(rg.has_value());
  CHECK(rg->writable_scopes == types::kScopeSubscription);
  auto blob = cat.Find("Microsoft.Storage/storageAccounts/blobServices/containers", "2023-05-01");
  REQUIRE(blob.has_value());
}

TEST_CASE("catalogue: api-versions / availability and type reference parsing") {
  const auto& cat = types::Catalogue::Embedded();
  auto versions = cat.ApiVersions("microsoft.cache/redis");
  CHECK(std::is_sorted(versions.begin(), versions.end()));
  CHECK(std::find(versions.begin(), versions.end(), "2024-11-01") != versions.end());
  CHECK(std::find(versions.begin(), versions.end(), "2020-06-01") != versions.end());
  CHECK(cat.ApiVersions("Microsoft.Foo/foos").empty());
  CHECK(cat.GetAvailability("Microsoft.Cache/redis", "2024-11-01") == types::Availability::WithBody);
  CHECK(cat.GetAvailability("Microsoft.Foo/foos", "2020-02-02") == types::Availability::Unknown);
  CHECK(cat.GetAvailability("Microsoft.Cache/redis", "1999-01-01") == types::Availability::Unknown);
  CHECK(cat.CanonicalTypeName("MICROSOFT.CACHE/REDIS") == "Microsoft.Cache/redis");

  auto ref = types::ParseTypeReference("Microsoft.Cache/redis@2024-11-01");
  REQUIRE(ref.has_value());
  CHECK(ref->type == "Microsoft.Cache/redis");
  CHECK(ref->api_version == "2024-11-01");
  CHECK_FALSE(types::ParseTypeReference("Microsoft.Cache/redis").has_value());
}

TEST_CASE("catalogue: malformed bytes give an empty catalogue") {
  alignas(4) std::uint8_t junk[64] = {};
  types::Catalogue cat{std::span<const std::uint8_t>{junk}};
  CHECK_FALSE(cat.valid());
  CHECK_FALSE(cat.Find("Microsoft.Cache/redis", "2024-11-01").has_value());
  CHECK(cat.GetAvailability("Microsoft.Cache/redis", "2024-11-01") == types::Availability::Unknown);
}

TEST_CASE("catalogue: first-use and lookup cost") {
  auto t0 = std::chrono::steady_clock::now();
  const auto& cat = types::Catalogue::Embedded();
  auto rt = cat.Find("Microsoft.Web/sites", "2024-04-01");
  auto t1 = std::chrono::steady_clock::now();
  REQUIRE(rt.has_value());
  std::size_t n = 0;
  for (int i = 0; i < 10000; ++i) n += cat.Find("Microsoft.Storage/storageAccounts", "2023-05-01").has_value() ? 1 : 0;
  auto t2 = std::chrono::steady_clock::now();
  CHECK(n == 10000);
  MESSAGE("first use + lookup: " << std::chrono::duration<double, std::micro>(t1 - t0).count()
                                 << " us; lookup: " << std::chrono::duration<double, std::nano>(t2 - t1).count() / 10000
                                 << " ns");
}
