// bicepc-gen-types: builds the embedded resource type catalogue (stdlib/types/catalogue.bin)
// from bicep-types-az `generated/` data. See stdlib/types/README.md for the command line and
// stdlib/types/catalogue_format.h for the output layout.
//
//   bicepc-gen-types --generated <dir> --bodies <manifest> --out <file> [--stats]
//
// * every `types.json` under <dir> contributes the *names* of its resource types
//   (Type@apiVersion), so bicepc knows which types exist (BCP081) even without a body;
// * files whose path relative to <dir> starts with a line of <manifest> also contribute
//   their resource *bodies* (properties, flags, enums, ...), descriptions dropped;
// * identical type nodes are merged across files (partition refinement, cycles allowed),
//   which is what keeps 400 api-versions of overlapping providers small.
// This is a developer tool: it reads trusted upstream data and exits non-zero on bad input.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "stdlib/types/catalogue_format.h"

namespace fs = std::filesystem;
namespace fmtx = bicepc::stdlib::types::format;
using Json = nlohmann::json;

namespace {

struct Prop {
  std::string name;
  std::uint32_t type = fmtx::kNone;  // global node id
  std::uint32_t flags = 0;
};

// One type node, with references resolved to global node ids.
struct Node {
  fmtx::Kind kind = fmtx::Kind::Any;
  std::uint32_t bits = 0;
  std::string name;          // object / discriminated name, literal value
  std::string discriminator;
  std::string pattern;
  std::int64_t min = 0, max = 0;
  std::uint32_t item = fmtx::kNone;        // array item / additional properties
  std::vector<Prop> props;                 // object props / discriminated base props
  std::vector<std::pair<std::string, std::uint32_t>> elements;  // discriminated
  std::vector<std::uint32_t> members;      // union
};

struct Resource {
  std::string type;   // Type (before '@')
  std::string api;    // api-version
  std::uint32_t body = fmtx::kNone;
  std::uint32_t scopes = 0;
};

auto Lower(std::string s) -> std::string {
  for (auto& c : s) c = static_cast<char>((c >= 'A' && c <= 'Z') ? c + 32 : c);
  return s;
}

auto ReadFile(const fs::path& p) -> std::string {
  std::ifstream in{p, std::ios::binary};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

auto RefIndex(const Json& ref) -> std::uint32_t {
  const auto& s = ref.at("$ref").get_ref<const std::string&>();
  if (s.rfind("#/", 0) != 0) throw std::runtime_error{"unexpected $ref " + s};
  return static_cast<std::uint32_t>(std::stoul(s.substr(2)));
}

auto SplitName(const std::string& full, std::string& type, std::string& api) -> bool {
  auto at = full.find('@');
  if (at == std::string::npos) return false;
  type = full.substr(0, at);
  api = full.substr(at + 1);
  return true;
}

class Builder {
 public:
  bool drop_readonly_types = false;

  // Names only.
  void AddNames(const Json& arr) {
    for (const auto& n : arr) {
      if (n.value("$type", "") != "ResourceType") continue;
      std::string type, api;
      if (SplitName(n.at("name").get<std::string>(), type, api)) names_.push_back({type, api, fmtx::kNone, 0});
    }
  }

  // Full bodies of every resource type in the file.
  void AddBodies(const Json& arr) {
    const auto base = static_cast<std::uint32_t>(nodes_.size());
    nodes_.resize(nodes_.size() + arr.size());
    std::vector<bool> used(arr.size(), false);
    auto g = [&](const Json& ref) { return base + RefIndex(ref); };
    for (std::size_t i = 0; i < arr.size(); ++i) {
      const auto& j = arr[i];
      auto& n = nodes_[base + i];
      const auto& t = j.at("$type").get_ref<const std::string&>();
      auto props = [&](const Json& obj, std::vector<Prop>& out) {
        for (const auto& [k, v] : obj.items()) {
          Prop p{k, g(v.at("type")), v.value("flags", 0u)};
          out.push_back(std::move(p));
        }
      };
      if (t == "AnyType") {
        n.kind = fmtx::Kind::Any;
      } else if (t == "NullType") {
        n.kind = fmtx::Kind::Null;
      } else if (t == "BooleanType") {
        n.kind = fmtx::Kind::Bool;
      } else if (t == "IntegerType") {
        n.kind = fmtx::Kind::Int;
        if (j.contains("minValue")) { n.bits |= fmtx::kHasMin; n.min = j["minValue"].get<std::int64_t>(); }
        if (j.contains("maxValue")) { n.bits |= fmtx::kHasMax; n.max = j["maxValue"].get<std::int64_t>(); }
      } else if (t == "StringType") {
        n.kind = fmtx::Kind::String;
        if (j.contains("minLength")) { n.bits |= fmtx::kHasMin; n.min = j["minLength"].get<std::int64_t>(); }
        if (j.contains("maxLength")) { n.bits |= fmtx::kHasMax; n.max = j["maxLength"].get<std::int64_t>(); }
        if (j.contains("pattern")) { n.bits |= fmtx::kHasPattern; n.pattern = j["pattern"].get<std::string>(); }
        if (j.value("sensitive", false)) n.bits |= fmtx::kSensitive;
      } else if (t == "StringLiteralType") {
        n.kind = fmtx::Kind::StringLiteral;
        n.name = j.at("value").get<std::string>();
      } else if (t == "ArrayType") {
        n.kind = fmtx::Kind::Array;
        n.item = g(j.at("itemType"));
        if (j.contains("minLength")) { n.bits |= fmtx::kHasMin; n.min = j["minLength"].get<std::int64_t>(); }
        if (j.contains("maxLength")) { n.bits |= fmtx::kHasMax; n.max = j["maxLength"].get<std::int64_t>(); }
      } else if (t == "ObjectType") {
        n.kind = fmtx::Kind::Object;
        n.name = j.at("name").get<std::string>();
        props(j.at("properties"), n.props);
        if (j.contains("additionalProperties")) { n.bits |= fmtx::kHasAdditional; n.item = g(j["additionalProperties"]); }
        if (j.value("sensitive", false)) n.bits |= fmtx::kSensitive;
      } else if (t == "DiscriminatedObjectType") {
        n.kind = fmtx::Kind::DiscriminatedObject;
        n.name = j.at("name").get<std::string>();
        n.discriminator = j.at("discriminator").get<std::string>();
        props(j.at("baseProperties"), n.props);
        for (const auto& [k, v] : j.at("elements").items()) n.elements.emplace_back(k, g(v));
      } else if (t == "UnionType") {
        n.kind = fmtx::Kind::Union;
        for (const auto& e : j.at("elements")) n.members.push_back(g(e));
      } else if (t == "ResourceType") {
        std::string type, api;
        if (!SplitName(j.at("name").get<std::string>(), type, api)) continue;
        auto scopes = j.value("readableScopes", 0u) | (j.value("writableScopes", 0u) << 8);
        bodies_.push_back({type, api, g(j.at("body")), scopes});
      } else {
        n.kind = fmtx::Kind::Any;  // functions etc.: never referenced from bodies
      }
    }
  }

  // Bicep's own top-level resource properties (AzResourceTypeProvider.KnownTopLevelResourceProperties
  // and the generic body of CreateGenericResourceBody): used for types without data (BCP081) and
  // for known top-level properties a type's data lacks (BCP187).
  void AddBuiltins();

  auto Write(const fs::path& out, bool stats) -> bool;

 private:
  auto Reachable() -> std::vector<std::uint32_t>;
  auto Minimize(const std::vector<std::uint32_t>& order) -> std::vector<std::uint32_t>;
  auto Children(const Node& n) const -> std::vector<std::uint32_t>;

  auto AddNode(Node n) -> std::uint32_t {
    nodes_.push_back(std::move(n));
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }

  std::vector<Node> nodes_;
  std::uint32_t generic_body_ = fmtx::kNone;
  std::vector<Resource> bodies_;
  std::vector<Resource> names_;
};

void Builder::AddBuiltins() {
  auto simple = [&](fmtx::Kind k) {
    Node n;
    n.kind = k;
    return AddNode(std::move(n));
  };
  auto literal = [&](std::string v) {
    Node n;
    n.kind = fmtx::Kind::StringLiteral;
    n.name = std::move(v);
    return AddNode(std::move(n));
  };
  auto string = simple(fmtx::Kind::String);
  auto integer = simple(fmtx::Kind::Int);
  auto boolean = simple(fmtx::Kind::Bool);
  auto any = simple(fmtx::Kind::Any);
  auto object = [&](std::string name, std::vector<Prop> props, std::uint32_t additional) {
    Node n;
    n.kind = fmtx::Kind::Object;
    n.bits = fmtx::kStrict;
    n.name = std::move(name);
    std::sort(props.begin(), props.end(), [](const Prop& a, const Prop& b) { return a.name < b.name; });
    n.props = std::move(props);
    if (additional != fmtx::kNone) {
      n.bits |= fmtx::kHasAdditional;
      n.item = additional;
    }
    return AddNode(std::move(n));
  };
  auto enum_or_string = [&](std::vector<std::string> values) {
    Node n;
    n.kind = fmtx::Kind::Union;
    for (auto& v : values) n.members.push_back(literal(std::move(v)));
    n.members.push_back(string);
    return AddNode(std::move(n));
  };
  Node array;
  array.kind = fmtx::Kind::Array;
  array.bits = fmtx::kStrict;
  array.item = string;
  auto string_array = AddNode(std::move(array));
  auto plain_object = object("object", {}, any);
  auto p = [](std::string name, std::uint32_t type, std::uint32_t flags = 0) {
    return Prop{std::move(name), type, flags | fmtx::kPropNoImplicitNull};
  };
  auto user_identity = object("userAssignedIdentityProperties", {p("principalId", string), p("clientId", string)}, fmtx::kNone);
  std::vector<Prop> props = {
      p("id", string, 2 | 8),
      p("name", string, 1 | 8),
      p("type", string, 2 | 8),
      p("apiVersion", string, 2 | 8),
      p("location", string),
      p("tags", object("Tags", {}, string)),
      p("asserts", object("ResourceAsserts", {}, boolean)),
      p("properties", plain_object),
      p("sku", object("sku", {p("name", string), p("tier", string), p("size", string), p("family", string),
                              p("model", string), p("capacity", integer)}, fmtx::kNone)),
      p("kind", string),
      p("managedBy", string),
      p("managedByExtended", string_array),
      p("extendedLocation", object("extendedLocation",
                                   {p("type", enum_or_string({"NotSpecified", "EdgeZone", "CustomLocation", "ArcZone"}), 1),
                                    p("name", string)},
                                   fmtx::kNone)),
      p("zones", string_array),
      p("placement", object("placement",
                            {p("zonePlacementPolicy", enum_or_string({"NotSpecified", "Any", "None", "Auto"}), 1),
                             p("includeZones", string_array), p("excludeZones", string_array)},
                            fmtx::kNone)),
      p("plan", plain_object),
      p("eTag", string),
      p("scale", object("scale", {p("capacity", integer, 1), p("maximum", integer), p("minimum", integer)}, fmtx::kNone)),
      p("identity",
        object("identity",
               {p("principalId", string), p("tenantId", string),
                p("type", enum_or_string({"NotSpecified", "SystemAssigned", "UserAssigned", "None", "Actor"}), 1),
                p("identityIds", string_array),
                p("userAssignedIdentities", object("userAssignedIdentities", {}, user_identity)),
                p("delegatedResources", plain_object)},
               fmtx::kNone)),
  };
  generic_body_ = object("<generic resource>", std::move(props), fmtx::kNone);
}

auto Builder::Children(const Node& n) const -> std::vector<std::uint32_t> {
  std::vector<std::uint32_t> c;
  if (n.item != fmtx::kNone) c.push_back(n.item);
  for (const auto& p : n.props) {
    if (drop_readonly_types && (p.flags & 2u) != 0) continue;
    c.push_back(p.type);
  }
  for (const auto& e : n.elements) c.push_back(e.second);
  for (auto m : n.members) c.push_back(m);
  return c;
}

auto Builder::Reachable() -> std::vector<std::uint32_t> {
  std::vector<std::uint8_t> seen(nodes_.size(), 0);
  std::vector<std::uint32_t> order, stack;
  for (const auto& r : bodies_) stack.push_back(r.body);
  if (generic_body_ != fmtx::kNone) stack.push_back(generic_body_);
  while (!stack.empty()) {
    auto id = stack.back();
    stack.pop_back();
    if (seen[id]) continue;
    seen[id] = 1;
    order.push_back(id);
    for (auto c : Children(nodes_[id])) stack.push_back(c);
  }
  return order;
}

// Moore-style partition refinement: two nodes end in the same class iff they are
// indistinguishable (same shallow data, children pairwise in the same class).
auto Builder::Minimize(const std::vector<std::uint32_t>& order) -> std::vector<std::uint32_t> {
  std::vector<std::uint32_t> cls(nodes_.size(), fmtx::kNone);
  auto shallow = [&](const Node& n) {
    std::string s;
    s += static_cast<char>(n.kind);
    s += std::to_string(n.bits) + '\x1f' + n.name + '\x1f' + n.discriminator + '\x1f' + n.pattern + '\x1f' +
         std::to_string(n.min) + '\x1f' + std::to_string(n.max) + '\x1f';
    for (const auto& p : n.props) s += p.name + '\x1e' + std::to_string(p.flags) + '\x1d';
    s += '\x1f';
    for (const auto& e : n.elements) s += e.first + '\x1d';
    s += '\x1f' + std::to_string(n.members.size()) + (n.item != fmtx::kNone ? "i" : "");
    return s;
  };
  std::uint32_t count = 0;
  {
    std::unordered_map<std::string, std::uint32_t> ids;
    for (auto id : order) {
      auto [it, inserted] = ids.emplace(shallow(nodes_[id]), static_cast<std::uint32_t>(ids.size()));
      cls[id] = it->second;
    }
    count = static_cast<std::uint32_t>(ids.size());
  }
  for (int round = 0;; ++round) {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::vector<std::uint32_t> next(nodes_.size(), fmtx::kNone);
    for (auto id : order) {
      std::string key(reinterpret_cast<const char*>(&cls[id]), 4);
      for (auto c : Children(nodes_[id])) key.append(reinterpret_cast<const char*>(&cls[c]), 4);
      auto [it, inserted] = ids.emplace(std::move(key), static_cast<std::uint32_t>(ids.size()));
      next[id] = it->second;
    }
    auto new_count = static_cast<std::uint32_t>(ids.size());
    cls = std::move(next);
    if (new_count == count) break;
    count = new_count;
  }
  return cls;
}

class Writer {
 public:
  auto Str(const std::string& s) -> std::uint32_t {
    auto [it, inserted] = strings_.emplace(s, static_cast<std::uint32_t>(string_list_.size()));
    if (inserted) string_list_.push_back(s);
    return it->second;
  }
  std::vector<std::string> string_list_;
  std::unordered_map<std::string, std::uint32_t> strings_;
};

auto Builder::Write(const fs::path& out, bool stats) -> bool {
  auto order = Reachable();
  auto cls = Minimize(order);
  std::uint32_t type_count = 0;
  for (auto id : order) type_count = std::max(type_count, cls[id] + 1);
  std::vector<std::uint32_t> representative(type_count, fmtx::kNone);
  for (auto id : order) {
    if (representative[cls[id]] == fmtx::kNone) representative[cls[id]] = id;
  }

  Writer w;
  std::vector<std::uint32_t> type_words;
  std::vector<std::uint32_t> type_index(type_count);
  // The "any" type that stands in for dropped read-only property types.
  auto type_of = [&](std::uint32_t node) { return cls[node]; };
  for (std::uint32_t t = 0; t < type_count; ++t) {
    const auto& n = nodes_[representative[t]];
    type_index[t] = static_cast<std::uint32_t>(type_words.size());
    type_words.push_back(static_cast<std::uint32_t>(n.kind) | n.bits);
    auto props = [&](const std::vector<Prop>& ps) {
      type_words.push_back(static_cast<std::uint32_t>(ps.size()));
      for (const auto& p : ps) {
        type_words.push_back(w.Str(p.name));
        type_words.push_back((drop_readonly_types && (p.flags & 2u)) ? fmtx::kNone : type_of(p.type));
        type_words.push_back(p.flags);
      }
    };
    switch (n.kind) {
      case fmtx::Kind::Any:
      case fmtx::Kind::Null:
      case fmtx::Kind::Bool: break;
      case fmtx::Kind::Int: {
        auto mn = static_cast<std::uint64_t>(n.min), mx = static_cast<std::uint64_t>(n.max);
        type_words.insert(type_words.end(), {static_cast<std::uint32_t>(mn), static_cast<std::uint32_t>(mn >> 32),
                                             static_cast<std::uint32_t>(mx), static_cast<std::uint32_t>(mx >> 32)});
        break;
      }
      case fmtx::Kind::String:
        type_words.push_back(static_cast<std::uint32_t>(n.min));
        type_words.push_back(static_cast<std::uint32_t>(n.max));
        type_words.push_back((n.bits & fmtx::kHasPattern) ? w.Str(n.pattern) : fmtx::kNone);
        break;
      case fmtx::Kind::StringLiteral: type_words.push_back(w.Str(n.name)); break;
      case fmtx::Kind::Array:
        type_words.push_back(type_of(n.item));
        type_words.push_back(static_cast<std::uint32_t>(n.min));
        type_words.push_back(static_cast<std::uint32_t>(n.max));
        break;
      case fmtx::Kind::Object:
        type_words.push_back(w.Str(n.name));
        type_words.push_back(n.item != fmtx::kNone ? type_of(n.item) : fmtx::kNone);
        props(n.props);
        break;
      case fmtx::Kind::DiscriminatedObject:
        type_words.push_back(w.Str(n.name));
        type_words.push_back(w.Str(n.discriminator));
        props(n.props);
        type_words.push_back(static_cast<std::uint32_t>(n.elements.size()));
        for (const auto& [k, v] : n.elements) {
          type_words.push_back(w.Str(k));
          type_words.push_back(type_of(v));
        }
        break;
      case fmtx::Kind::Union:
        type_words.push_back(static_cast<std::uint32_t>(n.members.size()));
        for (auto m : n.members) type_words.push_back(type_of(m));
        break;
    }
  }

  // Known types: names from every file, bodies where available.
  struct Version {
    std::string api;
    std::uint32_t body = fmtx::kNone;
    std::uint32_t scopes = fmtx::kNone;
  };
  struct Known {
    std::string display;
    std::map<std::string, Version> versions;
  };
  std::map<std::string, Known> known;  // key: lower-cased type
  std::map<std::string, std::string> newest;  // lower-cased type -> newest api-version seen
  for (const auto& r : names_) {
    auto& k = known[Lower(r.type)];
    // Spell the type as its newest api-version does (older files sometimes differ in casing).
    auto& n = newest[Lower(r.type)];
    if (k.display.empty() || r.api > n) {
      k.display = r.type;
      n = r.api;
    }
    k.versions.emplace(r.api, Version{r.api});
  }
  std::size_t body_count = 0;
  for (const auto& r : bodies_) {
    auto& k = known[Lower(r.type)];
    if (k.display.empty()) k.display = r.type;
    auto& v = k.versions[r.api];
    v.api = r.api;
    if (v.body == fmtx::kNone) ++body_count;
    v.body = type_of(r.body);
    v.scopes = r.scopes;
  }
  std::vector<std::uint32_t> known_words, version_words;
  for (const auto& [lower, k] : known) {
    known_words.push_back(w.Str(k.display));
    known_words.push_back(static_cast<std::uint32_t>(version_words.size() / fmtx::kVerWords));
    known_words.push_back(static_cast<std::uint32_t>(k.versions.size()));
    for (const auto& [api, v] : k.versions) {
      version_words.push_back(w.Str(api));
      version_words.push_back(v.body);
      version_words.push_back(v.scopes);
    }
  }

  // Layout.
  std::vector<std::uint32_t> words(fmtx::kHdrWords, 0);
  words[fmtx::kHdrMagic] = fmtx::kMagic;
  words[fmtx::kHdrVersion] = fmtx::kCatalogueVersion;
  words[fmtx::kHdrTypeCount] = type_count;
  words[fmtx::kHdrTypeIndex] = static_cast<std::uint32_t>(words.size());
  auto type_base = static_cast<std::uint32_t>(words.size() + type_index.size());
  for (auto off : type_index) words.push_back(type_base + off);
  words.insert(words.end(), type_words.begin(), type_words.end());
  words[fmtx::kHdrKnownTypeCount] = static_cast<std::uint32_t>(known.size());
  words[fmtx::kHdrKnownTypes] = static_cast<std::uint32_t>(words.size());
  words.insert(words.end(), known_words.begin(), known_words.end());
  words[fmtx::kHdrVersionCount] = static_cast<std::uint32_t>(version_words.size() / fmtx::kVerWords);
  words[fmtx::kHdrVersions] = static_cast<std::uint32_t>(words.size());
  words.insert(words.end(), version_words.begin(), version_words.end());
  words[fmtx::kHdrBodyCount] = static_cast<std::uint32_t>(body_count);
  words[fmtx::kHdrGenericBody] = generic_body_ != fmtx::kNone ? type_of(generic_body_) : fmtx::kNone;
  words[fmtx::kHdrStringCount] = static_cast<std::uint32_t>(w.string_list_.size());
  words[fmtx::kHdrStringIndex] = static_cast<std::uint32_t>(words.size());
  std::string chars;
  for (const auto& s : w.string_list_) {
    words.push_back(static_cast<std::uint32_t>(chars.size()));
    chars += s;
  }
  words.push_back(static_cast<std::uint32_t>(chars.size()));
  words[fmtx::kHdrStringData] = static_cast<std::uint32_t>(words.size() * 4);
  while (chars.size() % 4 != 0) chars.push_back('\0');
  words[fmtx::kHdrTotalWords] = static_cast<std::uint32_t>(words.size() + chars.size() / 4);

  std::string bytes;
  bytes.reserve(words.size() * 4 + chars.size());
  for (auto v : words) {
    for (int b = 0; b < 4; ++b) bytes.push_back(static_cast<char>((v >> (8 * b)) & 0xFF));
  }
  bytes += chars;
  auto tmp = out;
  tmp += ".tmp";
  {
    std::ofstream o{tmp, std::ios::binary};
    o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!o) return false;
  }
  fs::rename(tmp, out);
  if (stats) {
    std::size_t versions = version_words.size() / fmtx::kVerWords;
    std::cout << "input nodes (body files): " << nodes_.size() << "\n"
              << "reachable nodes: " << order.size() << "\n"
              << "distinct types after merge: " << type_count << " (" << type_words.size() * 4 << " bytes)\n"
              << "known resource types: " << known.size() << ", type@api-versions: " << versions
              << ", with body: " << body_count << "\n"
              << "strings: " << w.string_list_.size() << " (" << chars.size() << " bytes)\n"
              << "total bytes: " << bytes.size() << "\n";
  }
  return true;
}

auto ReadManifest(const fs::path& p) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::ifstream in{p};
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '/')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    out.push_back(Lower(line));
  }
  return out;
}

}  // namespace

auto main(int argc, char** argv) -> int {
  std::optional<fs::path> generated, manifest, out;
  bool stats = false, drop_readonly = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::optional<fs::path> {
      if (i + 1 >= argc) return std::nullopt;
      return fs::path{argv[++i]};
    };
    if (a == "--generated") generated = next();
    else if (a == "--bodies") manifest = next();
    else if (a == "--out") out = next();
    else if (a == "--stats") stats = true;
    else if (a == "--drop-readonly-types") drop_readonly = true;
    else {
      std::cerr << "usage: bicepc-gen-types --generated <dir> --bodies <manifest> --out <file> [--stats]\n";
      return 2;
    }
  }
  if (!generated || !manifest || !out) {
    std::cerr << "usage: bicepc-gen-types --generated <dir> --bodies <manifest> --out <file> [--stats]\n";
    return 2;
  }
  auto prefixes = ReadManifest(*manifest);
  auto start = std::chrono::steady_clock::now();
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator{*generated}) {
    if (e.is_regular_file() && e.path().filename() == "types.json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  Builder b;
  b.drop_readonly_types = drop_readonly;
  std::size_t body_files = 0;
  std::vector<bool> prefix_used(prefixes.size(), false);
  try {
    for (const auto& f : files) {
      auto rel = Lower(fs::relative(f.parent_path(), *generated).generic_string());
      bool with_body = false;
      for (std::size_t i = 0; i < prefixes.size(); ++i) {
        const auto& p = prefixes[i];
        if (rel == p || (rel.rfind(p, 0) == 0 && rel.size() > p.size() && rel[p.size()] == '/')) {
          with_body = true;
          prefix_used[i] = true;
        }
      }
      auto j = Json::parse(ReadFile(f));
      b.AddNames(j);
      if (with_body) {
        b.AddBodies(j);
        ++body_files;
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    if (!prefix_used[i]) std::cerr << "warning: manifest line matches no types.json: " << prefixes[i] << "\n";
  }
  b.AddBuiltins();
  if (!b.Write(*out, stats)) {
    std::cerr << "error: cannot write " << out->string() << "\n";
    return 1;
  }
  auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (stats) std::cout << "files: " << files.size() << " (" << body_files << " with bodies), " << secs << " s\n";
  return 0;
}
