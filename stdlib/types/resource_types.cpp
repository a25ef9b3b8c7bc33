#include "stdlib/types/resource_types.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "stdlib/types/catalogue_format.h"

namespace bicepc::stdlib::types {
namespace {

namespace f = format;

auto LowerChar(char c) -> char { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

// ASCII case-insensitive three-way compare (the generator sorts by ASCII-lower-cased name).
auto CompareInsensitive(std::string_view a, std::string_view b) -> int {
  auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto ca = static_cast<unsigned char>(LowerChar(a[i]));
    auto cb = static_cast<unsigned char>(LowerChar(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

auto ToInt64(std::uint32_t lo, std::uint32_t hi) -> std::int64_t {
  return static_cast<std::int64_t>((static_cast<std::uint64_t>(hi) << 32) | lo);
}

}  // namespace

// ---- Catalogue ----

Catalogue::Catalogue(std::span<const std::uint8_t> bytes) {
  static_assert(std::endian::native == std::endian::little, "the catalogue is little-endian");
  if (bytes.size() < f::kHdrWords * 4 || reinterpret_cast<std::uintptr_t>(bytes.data()) % 4 != 0) return;
  const auto* w = reinterpret_cast<const std::uint32_t*>(bytes.data());
  auto n = bytes.size() / 4;
  if (w[f::kHdrMagic] != f::kMagic || w[f::kHdrVersion] != f::kCatalogueVersion || w[f::kHdrTotalWords] > n) return;
  auto in = [&](std::uint64_t start, std::uint64_t count) { return start + count <= n; };
  if (!in(w[f::kHdrTypeIndex], w[f::kHdrTypeCount]) ||
      !in(w[f::kHdrKnownTypes], std::uint64_t{w[f::kHdrKnownTypeCount]} * f::kKtWords) ||
      !in(w[f::kHdrVersions], std::uint64_t{w[f::kHdrVersionCount]} * f::kVerWords) ||
      !in(w[f::kHdrStringIndex], std::uint64_t{w[f::kHdrStringCount]} + 1) || w[f::kHdrStringData] > bytes.size()) {
    return;
  }
  auto string_bytes = w[w[f::kHdrStringIndex] + w[f::kHdrStringCount]];
  if (std::uint64_t{w[f::kHdrStringData]} + string_bytes > bytes.size()) return;
  words_ = w;
  word_count_ = n;
  chars_ = reinterpret_cast<const char*>(bytes.data()) + w[f::kHdrStringData];
  type_count_ = w[f::kHdrTypeCount];
}

auto Catalogue::Embedded() -> const Catalogue& {
  // A constant view over constant bytes, built on first use (no static-initialization order issue).
  static const Catalogue catalogue{EmbeddedCatalogueBytes()};
  return catalogue;
}

auto Catalogue::str(std::uint32_t index) const -> std::string_view {
  if (index >= words_[f::kHdrStringCount]) return {};
  auto base = words_[f::kHdrStringIndex];
  auto begin = words_[base + index];
  auto end = words_[base + index + 1];
  return {chars_ + begin, end - begin};
}

auto Catalogue::FindKnownType(std::string_view type) const -> std::optional<std::uint32_t> {
  if (!valid()) return std::nullopt;
  std::uint32_t lo = 0, hi = words_[f::kHdrKnownTypeCount];
  auto base = words_[f::kHdrKnownTypes];
  while (lo < hi) {
    auto mid = lo + (hi - lo) / 2;
    auto c = CompareInsensitive(str(words_[base + mid * f::kKtWords + f::kKtName]), type);
    if (c == 0) return mid;
    if (c < 0) lo = mid + 1;
    else hi = mid;
  }
  return std::nullopt;
}

auto Catalogue::FindVersion(std::uint32_t known, std::string_view api_version) const -> std::optional<std::uint32_t> {
  auto kt = words_[f::kHdrKnownTypes] + known * f::kKtWords;
  std::uint32_t lo = words_[kt + f::kKtFirstVersion];
  std::uint32_t hi = lo + words_[kt + f::kKtVersionCount];
  auto base = words_[f::kHdrVersions];
  while (lo < hi) {
    auto mid = lo + (hi - lo) / 2;
    auto v = str(words_[base + mid * f::kVerWords + f::kVerApiVersion]);
    if (v == api_version) return mid;
    if (v < api_version) lo = mid + 1;
    else hi = mid;
  }
  return std::nullopt;
}

auto Catalogue::Find(std::string_view type, std::string_view api_version) const -> std::optional<ResourceTypeInfo> {
  auto known = FindKnownType(type);
  if (!known) return std::nullopt;
  auto version = FindVersion(*known, api_version);
  if (!version) return std::nullopt;
  const auto* v = words_ + words_[f::kHdrVersions] + *version * f::kVerWords;
  if (v[f::kVerBody] == f::kNone || v[f::kVerBody] >= type_count_) return std::nullopt;
  ResourceTypeInfo info;
  info.type = str(words_[words_[f::kHdrKnownTypes] + *known * f::kKtWords + f::kKtName]);
  info.api_version = str(v[f::kVerApiVersion]);
  info.body = TypeView{this, v[f::kVerBody]};
  info.readable_scopes = v[f::kVerScopes] & 0xFFu;
  info.writable_scopes = (v[f::kVerScopes] >> 8) & 0xFFu;
  return info;
}

auto Catalogue::GetAvailability(std::string_view type, std::string_view api_version) const -> Availability {
  auto known = FindKnownType(type);
  if (!known) return Availability::Unknown;
  auto version = FindVersion(*known, api_version);
  if (!version) return Availability::Unknown;
  const auto* v = words_ + words_[f::kHdrVersions] + *version * f::kVerWords;
  return v[f::kVerBody] == f::kNone ? Availability::NameOnly : Availability::WithBody;
}

auto Catalogue::ApiVersions(std::string_view type) const -> std::vector<std::string_view> {
  std::vector<std::string_view> out;
  auto known = FindKnownType(type);
  if (!known) return out;
  auto kt = words_[f::kHdrKnownTypes] + *known * f::kKtWords;
  auto first = words_[kt + f::kKtFirstVersion];
  auto count = words_[kt + f::kKtVersionCount];
  auto base = words_[f::kHdrVersions];
  for (std::uint32_t i = first; i < first + count; ++i) out.push_back(str(words_[base + i * f::kVerWords]));
  return out;
}

auto Catalogue::CanonicalTypeName(std::string_view type) const -> std::optional<std::string_view> {
  auto known = FindKnownType(type);
  if (!known) return std::nullopt;
  return str(words_[words_[f::kHdrKnownTypes] + *known * f::kKtWords + f::kKtName]);
}

auto Catalogue::GenericBody() const -> TypeView {
  if (!valid() || words_[f::kHdrGenericBody] >= type_count_) return {};
  return TypeView{this, words_[f::kHdrGenericBody]};
}

auto Catalogue::stats() const -> CatalogueStats {
  CatalogueStats s;
  if (!valid()) return s;
  s.bytes = word_count_ * 4;
  s.known_types = words_[f::kHdrKnownTypeCount];
  s.known_versions = words_[f::kHdrVersionCount];
  s.bodies = words_[f::kHdrBodyCount];
  s.type_nodes = type_count_;
  s.strings = words_[f::kHdrStringCount];
  return s;
}

// ---- TypeView ----

auto TypeView::words() const -> const std::uint32_t* {
  return catalogue_->words_at(catalogue_->word(catalogue_->word(f::kHdrTypeIndex) + id_));
}

auto TypeView::kind() const -> TypeKind { return static_cast<TypeKind>(words()[0] & 0xFFu); }

auto TypeView::name() const -> std::string_view {
  auto k = kind();
  if (k != TypeKind::Object && k != TypeKind::DiscriminatedObject) return {};
  return catalogue_->str(words()[1]);
}

auto TypeView::literal_value() const -> std::string_view {
  return kind() == TypeKind::StringLiteral ? catalogue_->str(words()[1]) : std::string_view{};
}

auto TypeView::sensitive() const -> bool { return (words()[0] & f::kSensitive) != 0; }

auto TypeView::strict() const -> bool { return (words()[0] & f::kStrict) != 0; }

auto TypeView::min() const -> std::optional<std::int64_t> {
  const auto* w = words();
  if ((w[0] & f::kHasMin) == 0) return std::nullopt;
  switch (kind()) {
    case TypeKind::Int: return ToInt64(w[1], w[2]);
    case TypeKind::String: return w[1];
    case TypeKind::Array: return w[2];
    default: return std::nullopt;
  }
}

auto TypeView::max() const -> std::optional<std::int64_t> {
  const auto* w = words();
  if ((w[0] & f::kHasMax) == 0) return std::nullopt;
  switch (kind()) {
    case TypeKind::Int: return ToInt64(w[3], w[4]);
    case TypeKind::String: return w[2];
    case TypeKind::Array: return w[3];
    default: return std::nullopt;
  }
}

auto TypeView::pattern() const -> std::optional<std::string_view> {
  const auto* w = words();
  if (kind() != TypeKind::String || (w[0] & f::kHasPattern) == 0) return std::nullopt;
  return catalogue_->str(w[3]);
}

auto TypeView::item_type() const -> TypeView {
  if (kind() != TypeKind::Array) return {};
  return TypeView{catalogue_, words()[1]};
}

namespace {
// Object and DiscriminatedObject records both keep the property count in word 3.
constexpr std::size_t kPropCountWord = 3;
}  // namespace

auto TypeView::property_count() const -> std::size_t {
  auto k = kind();
  if (k != TypeKind::Object && k != TypeKind::DiscriminatedObject) return 0;
  return words()[kPropCountWord];
}

auto TypeView::property(std::size_t i) const -> PropertyView {
  const auto* p = words() + kPropCountWord + 1 + i * f::kPropWords;
  PropertyView view;
  view.name = catalogue_->str(p[0]);
  if (p[1] != f::kNone) view.type = TypeView{catalogue_, p[1]};
  view.flags = p[2];
  return view;
}

auto TypeView::FindProperty(std::string_view name) const -> std::optional<PropertyView> {
  std::size_t lo = 0, hi = property_count();
  while (lo < hi) {
    auto mid = lo + (hi - lo) / 2;
    auto p = property(mid);
    if (p.name == name) return p;
    if (p.name < name) lo = mid + 1;
    else hi = mid;
  }
  return std::nullopt;
}

auto TypeView::additional_properties() const -> TypeView {
  if (kind() != TypeKind::Object) return {};
  auto addl = words()[2];
  return addl == f::kNone ? TypeView{} : TypeView{catalogue_, addl};
}

auto TypeView::discriminator() const -> std::string_view {
  return kind() == TypeKind::DiscriminatedObject ? catalogue_->str(words()[2]) : std::string_view{};
}

auto TypeView::element_count() const -> std::size_t {
  if (kind() != TypeKind::DiscriminatedObject) return 0;
  const auto* w = words();
  return w[4 + w[3] * f::kPropWords];
}

auto TypeView::element(std::size_t i) const -> ElementView {
  const auto* w = words();
  const auto* e = w + 5 + w[3] * f::kPropWords + i * 2;
  return ElementView{catalogue_->str(e[0]), TypeView{catalogue_, e[1]}};
}

auto TypeView::FindElement(std::string_view key) const -> TypeView {
  std::size_t lo = 0, hi = element_count();
  while (lo < hi) {
    auto mid = lo + (hi - lo) / 2;
    auto e = element(mid);
    if (e.key == key) return e.type;
    if (e.key < key) lo = mid + 1;
    else hi = mid;
  }
  return {};
}

auto TypeView::member_count() const -> std::size_t { return kind() == TypeKind::Union ? words()[1] : 0; }

auto TypeView::member(std::size_t i) const -> TypeView { return TypeView{catalogue_, words()[2 + i]}; }

// ---- helpers ----

auto ParseTypeReference(std::string_view text) -> std::optional<TypeReference> {
  auto at = text.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  return TypeReference{text.substr(0, at), text.substr(at + 1)};
}

}  // namespace bicepc::stdlib::types
