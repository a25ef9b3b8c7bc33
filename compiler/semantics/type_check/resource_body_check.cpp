#include "compiler/semantics/type_check/resource_body_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/semantics/type_check/spelling.h"
#include "compiler/syntax/string_literal.h"

namespace bicepc::semantics::type_check {
namespace {

using syntax::LiteralKey;

namespace st = stdlib::types;
using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;

constexpr std::string_view kInaccuracyClause =
    " If this is a resource type definition inaccuracy, report it using https://aka.ms/bicep-type-issues.";
// Bound on value nesting (objects in arrays in objects ...) and on union flattening.
constexpr int kMaxDepth = 64;

// Top-level properties Bicep knows on every resource; absent from a type's data they are
// "fallback" properties (BCP187 when used). Mirrors AzResourceTypeProvider.KnownTopLevelResourceProperties.
constexpr std::string_view kKnownTopLevelProperties[] = {
    "location", "tags",  "asserts",   "properties", "sku",  "kind",  "managedBy", "managedByExtended",
    "extendedLocation", "zones", "placement", "plan", "eTag", "scale", "identity",
};

// ---- values: what the syntax alone says about an expression ----

enum class ValueKind : std::uint8_t { Unknown, Null, Bool, Int, StringLiteral, String, Object, Array };

struct Value {
  ValueKind kind = ValueKind::Unknown;
  NodeId node;
  std::string text;  // StringLiteral: the decoded value; Int: the digits with sign
  std::optional<std::int64_t> int_value;
  bool bool_value = false;
};

auto ParseInt(std::string_view digits, bool negative) -> std::optional<std::int64_t> {
  std::uint64_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    if (v > (UINT64_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!negative && v > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  if (negative && v > static_cast<std::uint64_t>(INT64_MAX) + 1) return std::nullopt;
  return negative ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
}

auto Classify(const SyntaxTree& tree, NodeId id) -> Value {
  Value v;
  for (int i = 0; i < kMaxDepth && id && tree.kind(id) == NodeKind::Parenthesized; ++i) id = tree.child(id, 0);
  if (!id) return v;
  v.node = id;
  switch (tree.kind(id)) {
    case NodeKind::NullLiteral: v.kind = ValueKind::Null; break;
    case NodeKind::BooleanLiteral:
      v.kind = ValueKind::Bool;
      v.bool_value = (tree.node(id).flags & 1) != 0;
      break;
    case NodeKind::IntegerLiteral:
      v.kind = ValueKind::Int;
      v.text = std::string{tree.text(id)};
      v.int_value = ParseInt(v.text, false);
      if (v.int_value) v.text = std::to_string(*v.int_value);  // the type's name is the value ("007" -> "7")
      break;
    case NodeKind::Unary: {
      auto operand = tree.child(id, 0);
      if (tree.node(id).flags == static_cast<std::uint8_t>(syntax::UnaryOp::Minus) && operand &&
          tree.kind(operand) == NodeKind::IntegerLiteral) {
        v.kind = ValueKind::Int;
        v.text = "-";
        v.text += tree.text(operand);
        v.int_value = ParseInt(tree.text(operand), true);
        if (v.int_value) v.text = std::to_string(*v.int_value);
      }
      break;
    }
    case NodeKind::String:
      if (tree.node(id).child_count == 0 && tree.node(id).text != syntax::Node::kNoText) {
        v.kind = ValueKind::StringLiteral;
        v.text = tree.StringSegments(id)[0];
      } else {
        v.kind = ValueKind::String;
      }
      break;
    case NodeKind::Object: v.kind = ValueKind::Object; break;
    case NodeKind::Array: v.kind = ValueKind::Array; break;
    default: break;
  }
  return v;
}

// Length as .NET counts it (UTF-16 code units).
auto Utf16Length(std::string_view s) -> std::int64_t {
  std::int64_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += (c >= 0xF0) ? 2 : 1;          // 4-byte sequences are surrogate pairs
  }
  return n;
}

// ---- type names, as the official compiler prints them ----

auto LiteralName(std::string_view value) -> std::string { return syntax::QuoteStringLiteral(value); }

void Flatten(st::TypeView t, std::vector<st::TypeView>& out, int depth) {
  if (!t) return;
  if (t.kind() == st::TypeKind::Union && depth < kMaxDepth) {
    for (std::size_t i = 0; i < t.member_count(); ++i) Flatten(t.member(i), out, depth + 1);
    return;
  }
  out.push_back(t);
}

auto UnionName(const std::vector<st::TypeView>& members, bool add_null, bool collapse, int depth) -> std::string;

auto SingleName(st::TypeView t, int depth) -> std::string {
  switch (t.kind()) {
    case st::TypeKind::Any: return "any";
    case st::TypeKind::Null: return "null";
    case st::TypeKind::Bool: return "bool";
    case st::TypeKind::Int: return "int";
    case st::TypeKind::String: return "string";
    case st::TypeKind::StringLiteral: return LiteralName(t.literal_value());
    case st::TypeKind::Object:
    case st::TypeKind::DiscriminatedObject: return std::string{t.name()};
    case st::TypeKind::Array: {
      auto item = t.item_type();
      if (!item || depth >= kMaxDepth) return "array";
      if (item.kind() == st::TypeKind::Union) {
        std::vector<st::TypeView> members;
        Flatten(item, members, depth + 1);
        if (members.size() > 1) return "(" + UnionName(members, false, false, depth + 1) + ")[]";
        if (members.size() == 1) return SingleName(members[0], depth + 1) + "[]";
      }
      return SingleName(item, depth + 1) + "[]";
    }
    case st::TypeKind::Union: {
      std::vector<st::TypeView> members;
      Flatten(t, members, depth + 1);
      return UnionName(members, false, false, depth + 1);
    }
  }
  return "any";
}

// A union's name: members flattened, deduplicated, sorted ordinally, " | "-joined. With
// `collapse`, string literals that a plain string member already admits are dropped (the
// official TypeCollapser: 'A' | 'B' | string | null prints as "null | string").
auto UnionName(const std::vector<st::TypeView>& members, bool add_null, bool collapse, int depth) -> std::string {
  std::vector<st::TypeView> kept = members;
  if (collapse) {
    bool string_family = true;
    for (auto m : members) {
      auto k = m.kind();
      if (k != st::TypeKind::String && k != st::TypeKind::StringLiteral && k != st::TypeKind::Null) string_family = false;
    }
    if (string_family) {
      std::vector<st::TypeView> strings;
      for (auto m : members) {
        if (m.kind() == st::TypeKind::String) strings.push_back(m);
      }
      std::erase_if(kept, [&](st::TypeView m) {
        if (m.kind() != st::TypeKind::StringLiteral) return false;
        auto len = Utf16Length(m.literal_value());
        return std::any_of(strings.begin(), strings.end(), [&](st::TypeView s) {
          return len >= s.min().value_or(0) && len <= s.max().value_or(INT64_MAX);
        });
      });
    }
  }
  std::vector<std::string> names;
  for (auto m : kept) names.push_back(SingleName(m, depth));
  if (add_null) names.emplace_back("null");
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += " | ";
    out += names[i];
  }
  return out;
}

// The name of the type a mismatch message reports as expected.
auto ExpectedName(st::TypeView target, bool add_null) -> std::string {
  if (target.kind() != st::TypeKind::Union && !add_null) return SingleName(target, 0);
  std::vector<st::TypeView> members;
  Flatten(target, members, 0);
  return UnionName(members, add_null, true, 0);
}

// ---- effective object types (catalogue data + what Bicep adds to resource bodies) ----

struct EffProp {
  std::string name;
  st::TypeView type;
  std::uint32_t flags = 0;
  bool system = false;      // Bicep's own (name, dependsOn, scope, parent, ...): errors, no inaccuracy clause
  bool fallback = false;    // known top-level property missing from the type data (BCP187)
  bool skip_value = false;  // the value is not checked here (resource references, scopes, ...)
  auto ImplicitNull() const -> bool {
    return (flags & (st::kRequired | st::kReadOnly | st::kNoImplicitNull)) == 0;
  }
  auto Has(std::uint32_t f) const -> bool { return (flags & f) != 0; }
};

struct EffObject {
  std::string name;
  std::vector<EffProp> props;
  st::TypeView additional;
  bool body = false;    // the resource body itself
  bool strict = false;  // a Bicep built-in type (or the body): problems are errors, not warnings
  bool existing = false;  // an `existing` resource's body: only name/scope/parent/dependsOn are settable
  auto lenient() const -> bool { return !body && !strict; }
  auto Find(std::string_view n) const -> const EffProp* {
    for (const auto& p : props) {
      if (p.name == n) return &p;
    }
    return nullptr;
  }
  auto FindMutable(std::string_view n) -> EffProp* {
    for (auto& p : props) {
      if (p.name == n) return &p;
    }
    return nullptr;
  }
};

auto EqualsInsensitive(std::string_view a, std::string_view b) -> bool {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto la = (a[i] >= 'A' && a[i] <= 'Z') ? a[i] + 32 : a[i];
    auto lb = (b[i] >= 'A' && b[i] <= 'Z') ? b[i] + 32 : b[i];
    if (la != lb) return false;
  }
  return true;
}

auto FromObjectType(st::TypeView t) -> EffObject {
  EffObject o;
  o.name = std::string{t.name()};
  for (std::size_t i = 0; i < t.property_count(); ++i) {
    auto p = t.property(i);
    o.props.push_back(EffProp{std::string{p.name}, p.type, p.flags});
  }
  o.additional = t.additional_properties();
  o.strict = t.strict();
  return o;
}

// A discriminated union's variant: the element's properties plus the base properties it
// does not redefine (case-insensitively), named after the discriminator value.
auto FromElement(st::TypeView discriminated, std::string_view key, st::TypeView element) -> EffObject {
  EffObject o = FromObjectType(element);
  o.name = std::string{key};
  for (std::size_t i = 0; i < discriminated.property_count(); ++i) {
    auto p = discriminated.property(i);
    bool redefined = std::any_of(o.props.begin(), o.props.end(), [&](const EffProp& e) {
      return EqualsInsensitive(e.name, p.name);
    });
    if (!redefined) o.props.push_back(EffProp{std::string{p.name}, p.type, p.flags});
  }
  return o;
}

struct ResourceFacts {
  std::string type;  // full type, e.g. Microsoft.Web/sites/config
  std::uint32_t readable_scopes = 0;
  std::uint32_t writable_scopes = 0;
  bool nested = false;
  bool literal_names = true;  // top-level type, nested, or with `parent:` (SupportsLiteralNames)
};

auto SegmentCount(std::string_view type) -> std::size_t {
  return static_cast<std::size_t>(std::count(type.begin(), type.end(), '/')) + 1;
}

// What Bicep adds to a resource body (AzResourceTypeProvider.SetBicepResourceProperties).
// `generic` is the catalogue's generic body: it types fallback properties; `is_generic` says
// the body itself is the generic one (a type without data), whose id/type/apiVersion are Bicep's.
void AddResourceProperties(EffObject& o, const ResourceFacts& r, st::TypeView generic, bool is_generic) {
  o.body = true;
  auto add = [&](std::string_view n, std::uint32_t flags, bool system) {
    if (auto* p = o.FindMutable(n)) {
      p->system = system;
      p->skip_value = true;
      p->flags = flags;
      return;
    }
    EffProp p{std::string{n}, {}, flags};
    p.system = system;
    p.skip_value = true;
    o.props.push_back(std::move(p));
  };
  if (auto* name = o.FindMutable("name")) {
    name->system = true;
    // A child declared with its full name ('vault/add') cannot use the data's literal names.
    if (!r.literal_names && generic) {
      if (auto g = generic.FindProperty("name")) name->type = g->type;
    }
  }
  if (is_generic) {
    for (std::string_view n : {"id", "type", "apiVersion"}) {
      if (auto* p = o.FindMutable(n)) p->system = true;
    }
  }
  add("dependsOn", st::kWriteOnly, true);
  auto scopes = r.readable_scopes | r.writable_scopes;
  if ((scopes & (st::kScopeTenant | st::kScopeExtension)) != 0) {
    add("scope", st::kWriteOnly | st::kDeployTimeConstant, true);
  }
  if (SegmentCount(r.type) > 2 && !r.nested) add("parent", st::kWriteOnly | st::kDeployTimeConstant, true);
  if (EqualsInsensitive(r.type, "Microsoft.Resources/deployments")) {
    add("resourceGroup", st::kDeployTimeConstant, true);
    add("subscriptionId", st::kDeployTimeConstant, true);
  }
  if (!o.Find("asserts")) add("asserts", 0, false);
  for (auto known : kKnownTopLevelProperties) {
    if (o.Find(known)) continue;
    EffProp p{std::string{known}, {}, st::kNoImplicitNull};
    if (auto g = generic ? generic.FindProperty(known) : std::nullopt) p.type = g->type;
    p.fallback = true;
    p.skip_value = !p.type;
    o.props.push_back(std::move(p));
  }
}

// ---- the checker ----

enum class SiteKind : std::uint8_t { Property, ArrayItem, Additional };

// Where a value sits, which decides how a mismatch is reported.
struct Site {
  SiteKind kind = SiteKind::Property;
  std::string name;   // property name (Property, Additional)
  NodeId key;         // the property key (placement of BCP035 for nested objects)
  bool warn = true;   // Warning rather than Error
  bool clause = true; // append the type-inaccuracy clause
};

struct Property {
  std::string key;
  NodeId key_node;
  NodeId value;
};

class Checker {
 public:
  Checker(const SyntaxTree& tree, diagnostics::DiagnosticSink& sink, const st::Catalogue& catalogue,
          const ResourceCheckOptions& options)
      : tree_{tree}, sink_{&sink}, catalogue_{catalogue}, options_{options} {}

  void CheckDeclaration(NodeId decl, const ResourceFacts* parent, std::string_view parent_api_version, int depth);

 private:
  void Emit(DiagnosticKind kind, NodeId at, std::vector<std::string> args) {
    sink_->Emit(kind, tree_.file(), tree_.range(at), std::move(args));
  }
  void Emit(bool warn, DiagnosticKind error, DiagnosticKind warning, NodeId at, std::vector<std::string> args) {
    Emit(warn ? warning : error, at, std::move(args));
  }
  // Where diagnostics that the official compiler places on `OriginSyntax ?? node` go: while a
  // variable's value is checked on behalf of a reference to it, at that reference.
  auto At(NodeId node) const -> NodeId { return origin_ ? origin_ : node; }
  // " in source declaration \"x\"" / " from source declaration \"x\"" (or empty).
  auto SourceClause(std::string_view preposition) const -> std::string {
    return source_.empty() ? std::string{} : fmt::format(" {} source declaration \"{}\"", preposition, source_);
  }
  // The value of the top-level `var` a VariableAccess names (following var-to-var chains).
  auto ResolveVariable(NodeId access) const -> std::pair<NodeId, std::string>;

  auto CollectProperties(NodeId object, bool& has_spread, std::vector<NodeId>* nested) const -> std::vector<Property>;
  auto FindParentDecl(NodeId value) const -> NodeId;
  auto ParentValue(NodeId decl) const -> NodeId;
  auto HasParentCycle(NodeId decl) const -> bool;
  auto ContainsError(NodeId root) const -> bool;
  void CheckBody(NodeId object, const st::ResourceTypeInfo& info, const ResourceFacts& facts, NodeId decl_name,
                 bool literal_names, std::vector<NodeId>& nested);
  void CheckObject(NodeId object, const EffObject& target, NodeId missing_at, std::string_view block,
                   std::vector<NodeId>* nested, int depth);
  void CheckDiscriminated(NodeId object, st::TypeView target, bool body, const ResourceFacts* facts, NodeId missing_at,
                          std::string_view block, std::vector<NodeId>* nested, int depth);
  void CheckValue(NodeId value, st::TypeView target, bool add_null, const Site& site, int depth);
  void ReportMismatch(const Value& v, st::TypeView target, bool add_null, const Site& site);
  auto ActualName(const Value& v, int depth) const -> std::optional<std::string>;

  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink* sink_;
  const st::Catalogue& catalogue_;
  const ResourceCheckOptions& options_;
  NodeId origin_;        // the variable reference being checked through (OriginSyntax)
  std::string source_;   // its name (the "source declaration")
  NodeId var_value_;     // that variable's value expression
  mutable std::optional<std::vector<std::string_view>> locals_;  // names of all loop/lambda locals
};

auto Checker::ResolveVariable(NodeId access) const -> std::pair<NodeId, std::string> {
  auto root = tree_.root();
  if (!root || !access || tree_.kind(access) != NodeKind::VariableAccess) return {};
  auto name = tree_.text(access);
  // Stay conservative without the binder: a local (loop or lambda variable) of the same name
  // anywhere in the file could shadow the variable.
  if (!locals_) {
    locals_.emplace();
    for (std::uint32_t i = 0; i < tree_.node_count(); ++i) {
      NodeId id{i};
      auto k = tree_.kind(id);
      if (k == NodeKind::LocalVariable || k == NodeKind::TypedLocalVariable) locals_->push_back(tree_.text(id));
    }
  }
  if (std::find(locals_->begin(), locals_->end(), name) != locals_->end()) return {};
  for (auto stmt : tree_.children(root)) {
    if (stmt && tree_.kind(stmt) == NodeKind::VarDecl) {
      auto id = tree_.child(stmt, 1);
      if (id && tree_.text(id) == name) return {tree_.child(stmt, 3), std::string{name}};
    }
  }
  return {};
}

auto Checker::CollectProperties(NodeId object, bool& has_spread, std::vector<NodeId>* nested) const
    -> std::vector<Property> {
  std::vector<Property> out;
  has_spread = false;
  for (auto child : tree_.children(object)) {
    if (!child) continue;
    switch (tree_.kind(child)) {
      case NodeKind::ObjectProperty: {
        auto key_node = tree_.child(child, 0);
        if (auto key = LiteralKey(tree_, key_node)) out.push_back(Property{*key, key_node, tree_.child(child, 1)});
        break;
      }
      case NodeKind::Spread: has_spread = true; break;
      case NodeKind::ResourceDecl:
        if (nested) nested->push_back(child);
        break;
      default: break;
    }
  }
  return out;
}

auto Checker::ActualName(const Value& v, int depth) const -> std::optional<std::string> {
  switch (v.kind) {
    case ValueKind::Null: return "null";
    case ValueKind::Bool: return v.bool_value ? "true" : "false";
    case ValueKind::Int: return v.text;
    case ValueKind::StringLiteral: return LiteralName(v.text);
    case ValueKind::String: return "string";
    case ValueKind::Object: return "object";
    case ValueKind::Array: {
      auto items = tree_.children(v.node);
      if (items.empty()) return "<empty array>";
      if (depth >= kMaxDepth) return std::nullopt;
      std::string out = "[";
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (!items[i] || tree_.kind(items[i]) == NodeKind::Spread) return std::nullopt;
        auto name = ActualName(Classify(tree_, items[i]), depth + 1);
        if (!name) return std::nullopt;
        if (i > 0) out += ", ";
        out += *name;
      }
      return out + "]";
    }
    case ValueKind::Unknown: break;
  }
  return std::nullopt;
}

auto Assignable(const Value& v, st::TypeView t) -> bool {
  switch (t.kind()) {
    case st::TypeKind::Any: return true;
    case st::TypeKind::Null: return v.kind == ValueKind::Null;
    case st::TypeKind::Bool: return v.kind == ValueKind::Bool;
    case st::TypeKind::Int: return v.kind == ValueKind::Int;
    case st::TypeKind::String: return v.kind == ValueKind::StringLiteral || v.kind == ValueKind::String;
    case st::TypeKind::StringLiteral: return v.kind == ValueKind::StringLiteral && v.text == t.literal_value();
    case st::TypeKind::Object:
    case st::TypeKind::DiscriminatedObject: return v.kind == ValueKind::Object;
    case st::TypeKind::Array: return v.kind == ValueKind::Array;
    case st::TypeKind::Union: return false;  // flattened by the caller
  }
  return false;
}

void Checker::ReportMismatch(const Value& v, st::TypeView target, bool add_null, const Site& site) {
  auto actual = ActualName(v, 0);
  if (!actual) return;
  auto expected = ExpectedName(target, add_null);
  std::string clause = site.clause ? std::string{kInaccuracyClause} : std::string{};
  if (site.kind == SiteKind::ArrayItem) {
    Emit(site.warn, DiagnosticKind::ResourceArrayItemTypeMismatchError,
         DiagnosticKind::ResourceArrayItemTypeMismatchWarning, v.node, {expected, *actual});
    return;
  }
  if (v.kind == ValueKind::StringLiteral && source_.empty()) {
    // "Did you mean" only when every expected member is a string literal.
    std::vector<st::TypeView> members;
    Flatten(target, members, 0);
    bool all_literals = !add_null && !members.empty() && std::all_of(members.begin(), members.end(), [](st::TypeView m) {
      return m.kind() == st::TypeKind::StringLiteral;
    });
    if (all_literals) {
      std::vector<std::string> candidates;
      for (auto m : members) candidates.push_back(LiteralName(m.literal_value()));
      std::sort(candidates.begin(), candidates.end(), CultureLess);
      if (auto suggestion = SpellingSuggestion(*actual, candidates)) {
        Emit(site.warn, DiagnosticKind::ResourceStringLiteralMismatchWithSuggestionError,
             DiagnosticKind::ResourceStringLiteralMismatchWithSuggestionWarning, At(v.node),
             {site.name, expected, *actual, *suggestion});
        return;
      }
    }
  }
  Emit(site.warn, DiagnosticKind::ResourcePropertyTypeMismatchError, DiagnosticKind::ResourcePropertyTypeMismatchWarning,
       At(v.node), {site.name, expected, *actual, clause, SourceClause("in")});
}

void Checker::CheckValue(NodeId value, st::TypeView target, bool add_null, const Site& site, int depth) {
  if (!target || depth >= kMaxDepth) return;
  auto v = Classify(tree_, value);
  if (v.kind == ValueKind::Unknown) {
    auto [declared, var_name] = ResolveVariable(v.node ? v.node : value);
    if (!declared) return;
    auto inner = Classify(tree_, declared);
    if (inner.kind == ValueKind::Object || inner.kind == ValueKind::Array) {
      // Objects and arrays are checked through the variable's value, reported at the reference.
      auto saved_origin = origin_;
      auto saved_source = source_;
      auto saved_value = var_value_;
      origin_ = v.node ? v.node : value;
      source_ = var_name;
      var_value_ = inner.node;
      Site inner_site = site;
      inner_site.key = {};
      CheckValue(declared, target, add_null, inner_site, depth + 1);
      origin_ = saved_origin;
      source_ = saved_source;
      var_value_ = saved_value;
      return;
    }
    if (inner.kind == ValueKind::Unknown || inner.kind == ValueKind::String) return;
    // Primitive literals: the variable has the literal's type; reported at the reference.
    inner.node = v.node ? v.node : value;
    v = inner;
  }
  std::vector<st::TypeView> members;
  Flatten(target, members, 0);
  if (std::any_of(members.begin(), members.end(), [](st::TypeView m) { return m.kind() == st::TypeKind::Any; })) return;
  if (v.kind == ValueKind::Null && add_null) return;
  std::vector<st::TypeView> viable;
  for (auto m : members) {
    if (Assignable(v, m)) viable.push_back(m);
  }
  if (viable.empty()) {
    ReportMismatch(v, target, add_null, site);
    return;
  }
  switch (v.kind) {
    case ValueKind::StringLiteral: {
      // A matching literal, or a string whose refinements the value meets, admits it silently.
      std::vector<std::pair<DiagnosticKind, std::vector<std::string>>> diags;
      auto len = Utf16Length(v.text);
      for (auto m : viable) {
        if (m.kind() == st::TypeKind::StringLiteral) return;
        if (auto mx = m.max(); mx && len > *mx) {
          diags.push_back({DiagnosticKind::ResourceLengthTooLong, {std::to_string(len), std::to_string(*mx)}});
        } else if (auto mn = m.min(); mn && len < *mn) {
          diags.push_back({DiagnosticKind::ResourceLengthTooShort, {std::to_string(len), std::to_string(*mn)}});
        } else {
          return;
        }
      }
      for (auto& [kind, args] : diags) Emit(kind, v.node, std::move(args));
      return;
    }
    case ValueKind::Int: {
      if (!v.int_value) return;
      std::vector<std::pair<DiagnosticKind, std::vector<std::string>>> diags;
      for (auto m : viable) {
        if (auto mx = m.max(); mx && *v.int_value > *mx) {
          diags.push_back({DiagnosticKind::ResourceIntTooLarge, {v.text, std::to_string(*mx)}});
        } else if (auto mn = m.min(); mn && *v.int_value < *mn) {
          diags.push_back({DiagnosticKind::ResourceIntTooSmall, {v.text, std::to_string(*mn)}});
        } else {
          return;
        }
      }
      for (auto& [kind, args] : diags) Emit(kind, v.node, std::move(args));
      return;
    }
    case ValueKind::Object: {
      auto check_one = [&](st::TypeView t) {
        NodeId missing_at = site.kind == SiteKind::Property && site.key ? site.key : v.node;
        // A variable's value object: its parent is the declaration, so the block is "var".
        std::string_view block = (origin_ && v.node == var_value_) ? "var" : "object";
        if (t.kind() == st::TypeKind::Object) {
          CheckObject(v.node, FromObjectType(t), missing_at, block, nullptr, depth + 1);
        } else {
          CheckDiscriminated(v.node, t, false, nullptr, missing_at, block, nullptr, depth + 1);
        }
      };
      if (viable.size() == 1) {
        check_one(viable[0]);
        return;
      }
      // Several object types fit: report nothing if one of them takes the value cleanly.
      auto* real_sink = sink_;
      std::optional<st::TypeView> best;
      for (auto m : viable) {
        diagnostics::DiagnosticSink scratch;
        sink_ = &scratch;
        check_one(m);
        sink_ = real_sink;
        if (scratch.diagnostics().empty()) return;
        if (!best) best = m;
      }
      check_one(*best);
      return;
    }
    case ValueKind::Array: {
      auto array = viable[0];
      auto items = tree_.children(v.node);
      bool has_spread = false;
      std::size_t count = 0;
      for (auto item : items) {
        if (!item) continue;
        if (tree_.kind(item) == NodeKind::Spread) {
          has_spread = true;
          continue;
        }
        ++count;
        Site item_site{SiteKind::ArrayItem, {}, {}, !array.strict(), false};
        CheckValue(item, array.item_type(), false, item_site, depth + 1);
      }
      if (!has_spread) {
        auto n = static_cast<std::int64_t>(count);
        if (auto mx = array.max(); mx && n > *mx) {
          Emit(DiagnosticKind::ResourceLengthTooLong, v.node, {std::to_string(n), std::to_string(*mx)});
        } else if (auto mn = array.min(); mn && n < *mn) {
          Emit(DiagnosticKind::ResourceLengthTooShort, v.node, {std::to_string(n), std::to_string(*mn)});
        }
      }
      return;
    }
    default: return;
  }
}

void Checker::CheckObject(NodeId object, const EffObject& target, NodeId missing_at, std::string_view block,
                          std::vector<NodeId>* nested, int depth) {
  if (depth >= kMaxDepth) return;
  bool has_spread = false;
  auto props = CollectProperties(object, has_spread, nested);
  auto present = [&](std::string_view n) {
    return std::any_of(props.begin(), props.end(), [&](const Property& p) { return p.key == n; });
  };
  // Interpolated keys may name anything: do not claim required properties are missing then.
  bool has_dynamic_key = false;
  for (auto child : tree_.children(object)) {
    if (child && tree_.kind(child) == NodeKind::ObjectProperty && !LiteralKey(tree_, tree_.child(child, 0))) {
      has_dynamic_key = true;
    }
  }

  // BCP035: required, writable, not nullable, not given.
  if (!has_spread && !has_dynamic_key) {
    std::vector<const EffProp*> missing;
    for (const auto& p : target.props) {
      if (!p.Has(st::kRequired) || p.Has(st::kReadOnly) || present(p.name)) continue;
      if (p.type) {
        std::vector<st::TypeView> members;
        Flatten(p.type, members, 0);
        if (std::any_of(members.begin(), members.end(), [](st::TypeView m) {
              return m.kind() == st::TypeKind::Null || m.kind() == st::TypeKind::Any;
            })) {
          continue;
        }
      }
      missing.push_back(&p);
    }
    if (!missing.empty()) {
      std::vector<std::string> names;
      bool any_data = false, all_data = true;
      for (const auto* p : missing) {
        names.push_back(p->name);
        any_data = any_data || !p->system;
        all_data = all_data && !p->system;
      }
      std::sort(names.begin(), names.end(), CultureLess);
      bool warn = all_data || target.lenient();
      Emit(warn, DiagnosticKind::ResourceMissingRequiredPropertiesError,
           DiagnosticKind::ResourceMissingRequiredPropertiesWarning, At(missing_at),
           {std::string{block}, QuotedList(names), any_data ? std::string{kInaccuracyClause} : std::string{},
            SourceClause("from")});
    }
  }

  // Properties that could still be added, for BCP037's list and BCP089's suggestion.
  std::vector<std::string> unspecified;
  for (const auto& p : target.props) {
    if (!p.Has(st::kReadOnly) && !p.fallback && !present(p.name)) unspecified.push_back(p.name);
  }
  std::sort(unspecified.begin(), unspecified.end(), CultureLess);

  auto duplicated = [&](const Property& p) {
    return std::count_if(props.begin(), props.end(), [&](const Property& q) { return q.key == p.key; }) > 1;
  };
  for (const auto& prop : props) {
    if (duplicated(prop)) continue;  // BCP025 (binder) makes the object an error type
    if (const auto* declared = target.Find(prop.key)) {
      if (declared->Has(st::kReadOnly)) {
        if (target.existing) continue;  // BCP??? "cannot be used in existing resource": not modelled yet
        bool inaccuracy = !declared->system;
        Emit(inaccuracy || target.lenient(), DiagnosticKind::ResourceReadOnlyPropertyError,
             DiagnosticKind::ResourceReadOnlyPropertyWarning, At(prop.key_node),
             {prop.key, inaccuracy ? std::string{kInaccuracyClause} : std::string{}});
        continue;
      }
      if (declared->fallback) Emit(DiagnosticKind::ResourceFallbackPropertyUsed, At(prop.key_node), {prop.key});
      if (declared->skip_value || !declared->type) continue;
      // Data properties warn (swagger may be wrong); Bicep's own properties (name) are strict.
      bool warn = !declared->system || target.lenient();
      Site site{SiteKind::Property, prop.key, prop.key_node, warn, !declared->system};
      CheckValue(prop.value, declared->type, declared->ImplicitNull(), site, depth + 1);
      continue;
    }
    if (target.additional) {
      Site site{SiteKind::Additional, prop.key, prop.key_node, true, false};
      CheckValue(prop.value, target.additional, false, site, depth + 1);
      continue;
    }
    bool warn = target.lenient();
    auto suggestion = source_.empty() ? SpellingSuggestion(prop.key, unspecified) : std::nullopt;
    if (suggestion) {
      Emit(warn, DiagnosticKind::ResourceDisallowedPropertyWithSuggestionError,
           DiagnosticKind::ResourceDisallowedPropertyWithSuggestionWarning, prop.key_node,
           {prop.key, target.name, *suggestion});
      continue;
    }
    std::string permissible = unspecified.empty() ? std::string{" No other properties are allowed."}
                                                   : " Permissible properties include " + QuotedList(unspecified) + ".";
    Emit(warn, DiagnosticKind::ResourceDisallowedPropertyError, DiagnosticKind::ResourceDisallowedPropertyWarning,
         At(prop.key_node), {prop.key, target.name, permissible, std::string{kInaccuracyClause}, SourceClause("from")});
  }
}

void Checker::CheckDiscriminated(NodeId object, st::TypeView target, bool body, const ResourceFacts* facts,
                                 NodeId missing_at, std::string_view block, std::vector<NodeId>* nested, int depth) {
  if (depth >= kMaxDepth) return;
  bool has_spread = false;
  auto props = CollectProperties(object, has_spread, nullptr);
  auto key = target.discriminator();
  std::vector<std::string> keys;
  for (std::size_t i = 0; i < target.element_count(); ++i) keys.push_back(LiteralName(target.element(i).key));
  std::sort(keys.begin(), keys.end());
  std::string keys_union;
  for (std::size_t i = 0; i < keys.size(); ++i) keys_union += (i > 0 ? " | " : "") + keys[i];

  const Property* disc = nullptr;
  for (const auto& p : props) {
    if (p.key == key) disc = &p;
  }
  if (!disc) {
    if (has_spread) return;
    Emit(!body, DiagnosticKind::ResourceMissingDiscriminatorError, DiagnosticKind::ResourceMissingDiscriminatorWarning,
         At(object), {std::string{key}, keys_union});
    std::vector<std::string> given;
    for (const auto& p : props) given.push_back(p.key);
    if (auto misspelled = SpellingSuggestion(key, given)) {
      for (const auto& p : props) {
        if (p.key == *misspelled) {
          Emit(!body, DiagnosticKind::ResourceDisallowedPropertyWithSuggestionError,
               DiagnosticKind::ResourceDisallowedPropertyWithSuggestionWarning, At(p.key_node),
               {p.key, keys_union, std::string{key}});
          break;
        }
      }
    }
    return;
  }
  auto v = Classify(tree_, disc->value);
  if (v.kind != ValueKind::StringLiteral) return;  // not known at compile time (BCP225 needs expression types)
  auto element = target.FindElement(v.text);
  if (!element) {
    auto actual = LiteralName(v.text);
    auto candidates = keys;
    std::sort(candidates.begin(), candidates.end(), CultureLess);
    auto suggestion = source_.empty() ? SpellingSuggestion(actual, candidates) : std::nullopt;
    if (suggestion) {
      Emit(DiagnosticKind::ResourceStringLiteralMismatchWithSuggestionWarning, At(v.node),
           {std::string{key}, keys_union, actual, *suggestion});
    } else {
      Emit(DiagnosticKind::ResourcePropertyTypeMismatchWarning, At(v.node),
           {std::string{key}, keys_union, actual, std::string{kInaccuracyClause}, SourceClause("in")});
    }
    return;
  }
  auto eff = FromElement(target, v.text, element);
  if (body && facts) AddResourceProperties(eff, *facts, catalogue_.GenericBody(), false);
  CheckObject(object, eff, missing_at, block, nested, depth + 1);
}

auto Checker::ContainsError(NodeId root) const -> bool {
  std::vector<NodeId> stack{root};
  while (!stack.empty()) {
    auto id = stack.back();
    stack.pop_back();
    if (!id) continue;
    if (tree_.kind(id) == NodeKind::Error) return true;
    for (auto c : tree_.children(id)) stack.push_back(c);
  }
  return false;
}

// The `parent:` value of a resource declaration's body, if any.
auto Checker::ParentValue(NodeId decl) const -> NodeId {
  auto object = tree_.child(decl, 3);
  for (int i = 0; i < 3 && object; ++i) {
    auto k = tree_.kind(object);
    if (k == NodeKind::IfCondition) object = tree_.child(object, 1);
    else if (k == NodeKind::ForExpr) object = tree_.child(object, 3);
    else break;
  }
  if (!object || tree_.kind(object) != NodeKind::Object) return {};
  for (auto c : tree_.children(object)) {
    if (c && tree_.kind(c) == NodeKind::ObjectProperty && LiteralKey(tree_, tree_.child(c, 0)) == "parent") {
      return tree_.child(c, 1);
    }
  }
  return {};
}

auto Checker::HasParentCycle(NodeId decl) const -> bool {
  auto current = decl;
  for (int i = 0; i < kMaxDepth; ++i) {
    auto parent = FindParentDecl(ParentValue(current));
    if (!parent) return false;
    if (parent == decl) return true;
    current = parent;
  }
  return true;
}

// The resource a `parent:` property refers to: a top-level ResourceDecl of that name.
auto Checker::FindParentDecl(NodeId value) const -> NodeId {
  auto v = value;
  if (!v || tree_.kind(v) != NodeKind::VariableAccess) return {};
  auto root = tree_.root();
  if (!root) return {};
  for (auto stmt : tree_.children(root)) {
    if (stmt && tree_.kind(stmt) == NodeKind::ResourceDecl) {
      auto id = tree_.child(stmt, 1);
      if (id && tree_.text(id) == tree_.text(v)) return stmt;
    }
  }
  return {};
}

void Checker::CheckBody(NodeId object, const st::ResourceTypeInfo& info, const ResourceFacts& facts, NodeId decl_name,
                        bool literal_names, std::vector<NodeId>& nested) {
  auto body = info.body;
  if (body.kind() == st::TypeKind::Object) {
    auto eff = FromObjectType(body);
    AddResourceProperties(eff, facts, catalogue_.GenericBody(), false);
    CheckObject(object, eff, decl_name, "resource", &nested, 0);
    return;
  }
  if (body.kind() != st::TypeKind::DiscriminatedObject) return;
  if (body.discriminator() == "name" && !literal_names) {
    // Bicep then checks against a generic body; not modelled yet. Still find nested resources.
    bool has_spread = false;
    CollectProperties(object, has_spread, &nested);
    return;
  }
  CheckDiscriminated(object, body, true, &facts, decl_name, "resource", &nested, 0);
  if (nested.empty()) {
    bool has_spread = false;
    CollectProperties(object, has_spread, &nested);
  }
}

auto IsTypePattern(std::string_view type) -> bool {
  // ^[a-z0-9][a-z0-9.]*(/[a-z0-9-]+)+$ (case-insensitive), as the official fallback check.
  auto slash = type.find('/');
  if (slash == std::string_view::npos || slash == 0) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!alnum(type[0])) return false;
  for (std::size_t i = 1; i < slash; ++i) {
    if (!alnum(type[i]) && type[i] != '.') return false;
  }
  std::size_t seg_len = 0;
  for (std::size_t i = slash + 1; i < type.size(); ++i) {
    if (type[i] == '/') {
      if (seg_len == 0) return false;
      seg_len = 0;
    } else if (alnum(type[i]) || type[i] == '-') {
      ++seg_len;
    } else {
      return false;
    }
  }
  return seg_len > 0;
}

auto IsApiVersionPattern(std::string_view v) -> bool {
  // ^\d{4}-\d{2}-\d{2}(|-(preview|alpha|beta|rc|privatepreview))$ (case-insensitive)
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
      if (i >= v.size() || v[i] < '0' || v[i] > '9') return false;
    }
    return true;
  };
  if (v.size() < 10 || !digits(0, 4) || v[4] != '-' || !digits(5, 2) || v[7] != '-' || !digits(8, 2)) return false;
  if (v.size() == 10) return true;
  if (v[10] != '-') return false;
  auto suffix = v.substr(11);
  for (std::string_view s : {"preview", "alpha", "beta", "rc", "privatepreview"}) {
    if (EqualsInsensitive(suffix, s)) return true;
  }
  return false;
}

void Checker::CheckDeclaration(NodeId decl, const ResourceFacts* parent, std::string_view parent_api_version,
                               int depth) {
  if (!decl || tree_.kind(decl) != NodeKind::ResourceDecl || depth >= kMaxDepth) return;
  auto name = tree_.child(decl, 1);
  auto type_node = tree_.child(decl, 2);
  auto value = tree_.child(decl, 3);
  if (!type_node || tree_.kind(type_node) != NodeKind::String || tree_.node(type_node).child_count != 0 ||
      tree_.node(type_node).text == syntax::Node::kNoText) {
    return;  // interpolated or malformed type strings are reported elsewhere (BCP029, BCP047)
  }
  std::string_view text = tree_.StringSegments(type_node)[0];
  if (text.starts_with("az:")) text.remove_prefix(3);
  std::string full_type, api_version;
  if (auto ref = st::ParseTypeReference(text)) {
    full_type = std::string{ref->type};
    api_version = std::string{ref->api_version};
  } else if (parent) {
    full_type = std::string{text};  // nested resource without api-version: inherits the parent's
    api_version = std::string{parent_api_version};
  } else {
    return;
  }
  if (parent) {
    if (full_type.find('/') != std::string::npos) return;  // BCP156: a nested type is a single segment
    full_type = parent->type + "/" + full_type;
  }
  if (!IsTypePattern(full_type) || !IsApiVersionPattern(api_version)) return;

  bool existing = (tree_.node(decl).flags & 1) != 0;
  auto availability = catalogue_.GetAvailability(full_type, api_version);
  if (availability == st::Availability::Unknown && options_.report_unavailable_types) {
    Emit(DiagnosticKind::ResourceTypesUnavailable, type_node, {full_type + "@" + api_version});
  }

  // The body object(s): plain, conditional, or the body of a loop.
  NodeId object = value;
  for (int i = 0; i < 3 && object; ++i) {
    auto k = tree_.kind(object);
    if (k == NodeKind::IfCondition) object = tree_.child(object, 1);
    else if (k == NodeKind::ForExpr) object = tree_.child(object, 3);
    else break;
  }
  if (!object || tree_.kind(object) != NodeKind::Object) return;

  // A body with syntax errors, or whose `parent` chain is cyclic, has an error type in the
  // official compiler: nothing in it is type-checked.
  if (ContainsError(object) || HasParentCycle(decl)) return;

  ResourceFacts facts;
  facts.type = full_type;
  facts.nested = parent != nullptr;
  std::vector<NodeId> nested;
  auto info = availability == st::Availability::WithBody ? catalogue_.Find(full_type, api_version) : std::nullopt;
  if (info && existing && info->body.kind() == st::TypeKind::Object) {
    // AzResourceTypeProvider.ConvertToReadOnly: everything but name/scope/parent/dependsOn is read-only.
    facts.readable_scopes = info->readable_scopes;
    facts.writable_scopes = info->writable_scopes;
    auto eff = FromObjectType(info->body);
    AddResourceProperties(eff, facts, catalogue_.GenericBody(), false);
    eff.existing = true;
    if (!eff.Find("scope")) {
      EffProp scope{"scope", {}, st::kWriteOnly | st::kDeployTimeConstant};
      scope.system = true;
      scope.skip_value = true;
      eff.props.push_back(std::move(scope));
    }
    for (auto& p : eff.props) {
      if (p.name == "name" || p.name == "scope" || p.name == "parent" || p.name == "dependsOn") continue;
      p.flags = (p.flags | st::kReadOnly) & ~static_cast<std::uint32_t>(st::kRequired);
    }
    CheckObject(object, eff, name ? name : decl, "resource", &nested, 0);
  } else if (info && !existing) {
    facts.readable_scopes = info->readable_scopes;
    facts.writable_scopes = info->writable_scopes;
    // Literal names select a variant of name-discriminated bodies (sites/config) only for
    // top-level types and for children whose parent is known (nested or `parent:`).
    bool literal_names = SegmentCount(full_type) == 2 || parent != nullptr;
    if (!literal_names) {
      bool has_spread = false;
      for (const auto& p : CollectProperties(object, has_spread, nullptr)) {
        if (p.key == "parent" && FindParentDecl(p.value)) literal_names = true;
      }
    }
    facts.literal_names = literal_names;
    CheckBody(object, *info, facts, name ? name : decl, literal_names, nested);
  } else if (availability == st::Availability::Unknown && !existing && catalogue_.GenericBody()) {
    // No type data: the official compiler checks against its generic resource body.
    facts.readable_scopes = facts.writable_scopes = 31;
    auto eff = FromObjectType(catalogue_.GenericBody());
    eff.name = full_type + "@" + api_version;
    AddResourceProperties(eff, facts, catalogue_.GenericBody(), true);
    CheckObject(object, eff, name ? name : decl, "resource", &nested, 0);
  } else {
    bool has_spread = false;
    CollectProperties(object, has_spread, &nested);
  }
  for (auto child : nested) CheckDeclaration(child, &facts, api_version, depth + 1);
}

}  // namespace

void CheckResourceBody(const syntax::SyntaxTree& tree, syntax::NodeId resource_decl, diagnostics::DiagnosticSink& sink,
                       const ResourceCheckOptions& options) {
  const auto& catalogue = options.catalogue ? *options.catalogue : stdlib::types::Catalogue::Embedded();
  Checker checker{tree, sink, catalogue, options};
  checker.CheckDeclaration(resource_decl, nullptr, {}, 0);
}

void CheckResources(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink,
                    const ResourceCheckOptions& options) {
  auto root = tree.root();
  if (!root) return;
  for (auto stmt : tree.children(root)) {
    if (stmt && tree.kind(stmt) == NodeKind::ResourceDecl) CheckResourceBody(tree, stmt, sink, options);
  }
}

}  // namespace bicepc::semantics::type_check
