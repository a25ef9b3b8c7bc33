// The Azure resource type catalogue: read-only views over the embedded, generated
// catalogue (stdlib/types/catalogue.bin, built by tools/gen-types from bicep-types-az).
// Nothing is decoded up front: a lookup binary-searches the index, and a TypeView
// decodes one type record when asked, so the cost is paid per resource type on use.
//
//   const auto& catalogue = types::Catalogue::Embedded();
//   if (auto rt = catalogue.Find("Microsoft.Cache/redis", "2024-11-01")) {
//     auto props = rt->body.FindProperty("properties")->type;   // RedisCreateProperties...
//     auto tls = props.FindProperty("minimumTlsVersion");       // '1.0' | '1.1' | '1.2' | string
//   }
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bicepc::stdlib::types {

enum class TypeKind : std::uint8_t { Any, Null, Bool, Int, String, StringLiteral, Array, Object, DiscriminatedObject, Union };

// bicep-types ObjectTypePropertyFlags.
enum PropertyFlag : std::uint32_t {
  kRequired = 1,
  kReadOnly = 2,
  kWriteOnly = 4,
  kDeployTimeConstant = 8,
  kIdentifier = 16,
  kNoImplicitNull = 256,  // bicepc: a Bicep built-in property, for which null is not implicitly allowed
};

// bicep-types ScopeType bits.
enum ScopeFlag : std::uint32_t {
  kScopeTenant = 1,
  kScopeManagementGroup = 2,
  kScopeSubscription = 4,
  kScopeResourceGroup = 8,
  kScopeExtension = 16,
};

class Catalogue;
struct PropertyView;
struct ElementView;

// One type node. A default-constructed view is "absent" (operator bool false).
class TypeView {
 public:
  TypeView() = default;
  TypeView(const Catalogue* catalogue, std::uint32_t id) : catalogue_{catalogue}, id_{id} {}

  explicit operator bool() const { return catalogue_ != nullptr; }
  auto id() const -> std::uint32_t { return id_; }
  auto kind() const -> TypeKind;

  // Object / DiscriminatedObject: the type name from the data (e.g. "RedisProperties").
  auto name() const -> std::string_view;
  // StringLiteral: the value.
  auto literal_value() const -> std::string_view;
  auto sensitive() const -> bool;  // String, Object
  // Bicep built-in (not swagger-derived) Object/Array types are validated strictly: problems
  // inside them are errors rather than warnings.
  auto strict() const -> bool;

  // String (lengths), Int (values), Array (lengths).
  auto min() const -> std::optional<std::int64_t>;
  auto max() const -> std::optional<std::int64_t>;
  auto pattern() const -> std::optional<std::string_view>;  // String

  auto item_type() const -> TypeView;  // Array

  // Object properties; for DiscriminatedObject the base properties. Sorted by name (ordinal).
  auto property_count() const -> std::size_t;
  auto property(std::size_t i) const -> PropertyView;
  // Exact (case-sensitive) lookup, as Bicep matches object keys.
  auto FindProperty(std::string_view name) const -> std::optional<PropertyView>;
  auto additional_properties() const -> TypeView;  // Object; absent when none

  // DiscriminatedObject.
  auto discriminator() const -> std::string_view;
  auto element_count() const -> std::size_t;
  auto element(std::size_t i) const -> ElementView;
  auto FindElement(std::string_view key) const -> TypeView;

  // Union.
  auto member_count() const -> std::size_t;
  auto member(std::size_t i) const -> TypeView;

  friend auto operator==(const TypeView& a, const TypeView& b) -> bool {
    return a.catalogue_ == b.catalogue_ && a.id_ == b.id_;
  }

 private:
  auto words() const -> const std::uint32_t*;
  const Catalogue* catalogue_ = nullptr;
  std::uint32_t id_ = 0;
};

struct PropertyView {
  std::string_view name;
  TypeView type;  // absent only in catalogues generated with --drop-readonly-types
  std::uint32_t flags = 0;
  auto Has(PropertyFlag f) const -> bool { return (flags & f) != 0; }
};

struct ElementView {
  std::string_view key;
  TypeView type;
};

struct ResourceTypeInfo {
  std::string_view type;         // as spelled in the type data, e.g. "Microsoft.Cache/redis"
  std::string_view api_version;  // e.g. "2024-11-01"
  TypeView body;                 // ObjectType or DiscriminatedObjectType
  std::uint32_t readable_scopes = 0;
  std::uint32_t writable_scopes = 0;
};

enum class Availability : std::uint8_t {
  Unknown,       // the type@api-version is not in the upstream catalogue: Bicep reports BCP081
  NameOnly,      // exists upstream, but its body is not embedded: nothing can be checked
  WithBody,      // exists and its body is embedded
};

struct CatalogueStats {
  std::size_t bytes = 0;
  std::size_t known_types = 0;     // distinct resource types (case-insensitive)
  std::size_t known_versions = 0;  // type@api-version pairs known by name
  std::size_t bodies = 0;          // type@api-version pairs with an embedded body
  std::size_t type_nodes = 0;      // distinct (merged) type nodes
  std::size_t strings = 0;
};

class Catalogue {
 public:
  // The catalogue embedded in the binary (validated on first use; empty if malformed).
  static auto Embedded() -> const Catalogue&;
  // A view over caller-owned bytes (4-byte aligned, outliving the catalogue); empty if malformed.
  explicit Catalogue(std::span<const std::uint8_t> bytes);

  auto valid() const -> bool { return words_ != nullptr; }
  // type: case-insensitive ("Microsoft.Cache/redis"); api_version: exact.
  auto Find(std::string_view type, std::string_view api_version) const -> std::optional<ResourceTypeInfo>;
  auto GetAvailability(std::string_view type, std::string_view api_version) const -> Availability;
  // Known api-versions of a type (sorted ordinal, i.e. chronologically), empty if unknown.
  auto ApiVersions(std::string_view type) const -> std::vector<std::string_view>;
  // Bicep's generic resource body: the properties every resource may have (id, name, type,
  // apiVersion, location, tags, sku, kind, identity, ...), with Bicep's own types. The
  // official compiler checks types without data against it, and takes the types of known
  // top-level properties missing from a type's data ("fallback" properties) from it.
  auto GenericBody() const -> TypeView;
  // The type name as the data spells it, if known.
  auto CanonicalTypeName(std::string_view type) const -> std::optional<std::string_view>;
  auto stats() const -> CatalogueStats;

  // internal, for TypeView
  auto word(std::uint32_t index) const -> std::uint32_t { return words_[index]; }
  auto words_at(std::uint32_t index) const -> const std::uint32_t* { return words_ + index; }
  auto str(std::uint32_t index) const -> std::string_view;
  auto type_count() const -> std::uint32_t { return type_count_; }

 private:
  auto FindKnownType(std::string_view type) const -> std::optional<std::uint32_t>;
  auto FindVersion(std::uint32_t known, std::string_view api_version) const -> std::optional<std::uint32_t>;

  const std::uint32_t* words_ = nullptr;
  std::size_t word_count_ = 0;
  const char* chars_ = nullptr;
  std::uint32_t type_count_ = 0;
};

// The raw embedded bytes (for size reporting).
auto EmbeddedCatalogueBytes() -> std::span<const std::uint8_t>;

// "Type@apiVersion" split; nullopt when there is no '@'.
struct TypeReference {
  std::string_view type;
  std::string_view api_version;
};
auto ParseTypeReference(std::string_view text) -> std::optional<TypeReference>;

}  // namespace bicepc::stdlib::types
