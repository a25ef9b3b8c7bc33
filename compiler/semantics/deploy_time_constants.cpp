#include "compiler/semantics/deploy_time_constants.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "stdlib/functions.h"
#include "stdlib/types/resource_types.h"

namespace bicepc::semantics {
namespace {

using syntax::LiteralKey;

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;
namespace st = stdlib::types;

constexpr int kMaxDepth = 200;

// Top-level resource properties Azure needs before the deployment starts but which cannot be
// read back then (policies and resource providers may change them); AzResourceTypeProvider's
// write-only deploy-time constants. They are constants only where the type defines them.
constexpr std::string_view kWriteOnlyConstants[] = {
    "location", "kind",  "subscriptionId", "resourceGroup", "managedBy", "extendedLocation", "zones",
    "placement", "plan", "sku",            "identity",      "managedByExtended", "tags",
};

// Top-level properties Bicep adds to every resource body when the type data lacks them.
constexpr std::string_view kFallbackProperties[] = {
    "location", "tags",  "asserts",   "properties", "sku",  "kind",  "managedBy", "managedByExtended",
    "extendedLocation", "zones", "placement", "plan", "eTag", "scale", "identity",
};

// What a resource or module body offers to readers and which of its properties need constants.
struct BodyFacts {
  bool module = false;
  bool known = false;                 // the type was found in the catalogue
  std::string type_name;              // the body type's name (BCP120)
  std::set<std::string> properties;   // property names the body type has
};

// Where a runtime value is not allowed.
enum class ContainerKind : std::uint8_t { Property, IfCondition, ForExpression, VariableFor, FunctionArguments };

struct Container {
  ContainerKind kind = ContainerKind::Property;
  std::string property;     // Property: the key
  std::string type_name;    // Property: the object's type
  bool reference_property = false;  // Property: scope or parent (whole resources allowed)
  NodeId for_body;          // VariableFor: the loop body
  std::string variable;     // VariableFor: the variable's name
  std::string function;     // FunctionArguments: the function's name
};

class Checker {
 public:
  Checker(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink}, parent_(tree_.node_count()) {}

  void Run() {
    if (!tree_.root()) return;
    BuildParents();
    Walk(tree_.root(), 0);
  }

 private:
  const SemanticModel& model_;
  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::vector<NodeId> parent_;
  std::unordered_set<std::uint32_t> clean_variables_;  // variables known to hold only constants
  const Container* container_ = nullptr;
  // Indirect checks: the use of a variable in the container, the chain of variables being
  // visited, and whether the one diagnostic allowed per use has been reported.
  NodeId dependency_;
  std::vector<std::string> chain_;
  bool has_error_ = false;

  void BuildParents() {
    std::vector<NodeId> stack{tree_.root()};
    while (!stack.empty()) {
      auto n = stack.back();
      stack.pop_back();
      for (auto c : tree_.children(n)) {
        if (!c) continue;
        parent_[c.index] = n;
        stack.push_back(c);
      }
    }
  }

  auto Parent(NodeId n) const -> NodeId { return n ? parent_[n.index] : NodeId{}; }
  auto KindIs(NodeId n, NodeKind k) const -> bool { return n && tree_.kind(n) == k; }

  auto Unwrap(NodeId n) const -> NodeId {
    for (int i = 0; i < kMaxDepth && KindIs(n, NodeKind::NonNullAssert); ++i) n = tree_.child(n, 0);
    return n;
  }

  // ---- what the syntax says about values ----

  auto VariableValue(NodeId access) const -> NodeId {
    if (!KindIs(access, NodeKind::VariableAccess)) return {};
    const auto& b = model_.binding(access);
    if (b.kind != Binding::Kind::Symbol || model_.symbol(b.symbol).kind != SymbolKind::Variable) return {};
    return tree_.child(model_.symbol(b.symbol).decl, 3);
  }

  auto BuiltinName(NodeId call) const -> std::optional<stdlib::FunctionInfo> {
    const auto& b = model_.binding(call);
    if (b.kind != Binding::Kind::BuiltinFunction) return std::nullopt;
    auto name = tree_.child(call, tree_.kind(call) == NodeKind::FunctionCall ? 0 : 1);
    if (!name) return std::nullopt;
    return stdlib::FindFunction(b.ns, tree_.text(name));
  }

  // A resource function whose result is read at deployment time (list*, as the official list function matcher).
  auto IsListFunction(NodeId name) const -> bool {
    if (!name) return false;
    auto text = tree_.text(name);
    return text.size() >= 4 && (text[0] == 'l' || text[0] == 'L') && (text[1] == 'i' || text[1] == 'I') &&
           (text[2] == 's' || text[2] == 'S') && (text[3] == 't' || text[3] == 'T');
  }

  auto ArrayItems(NodeId n, int depth) const -> std::optional<std::vector<NodeId>> {
    if (!n || depth > 32) return std::nullopt;
    switch (tree_.kind(n)) {
      case NodeKind::Parenthesized: return ArrayItems(tree_.child(n, 0), depth + 1);
      case NodeKind::VariableAccess: return ArrayItems(VariableValue(n), depth + 1);
      case NodeKind::Array: {
        std::vector<NodeId> items;
        for (auto c : tree_.children(n)) {
          if (!c || tree_.kind(c) == NodeKind::Spread) return std::nullopt;
          items.push_back(c);
        }
        return items;
      }
      default: return std::nullopt;
    }
  }

  auto IntValue(NodeId n, int depth) const -> std::optional<std::size_t> {
    if (!n || depth > 32) return std::nullopt;
    if (tree_.kind(n) == NodeKind::Parenthesized) return IntValue(tree_.child(n, 0), depth + 1);
    if (tree_.kind(n) == NodeKind::VariableAccess) return IntValue(VariableValue(n), depth + 1);
    if (tree_.kind(n) != NodeKind::IntegerLiteral) return std::nullopt;
    auto digits = tree_.text(n);
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    return static_cast<std::size_t>(std::stoul(std::string{digits}));
  }

  // The string literals an expression's type consists of ('a', or 'a' | 'b'), when it is
  // known from the syntax; nullopt otherwise.
  auto LiteralStrings(NodeId n, int depth) const -> std::optional<std::set<std::string>> {
    if (!n || depth > 32) return std::nullopt;
    switch (tree_.kind(n)) {
      case NodeKind::Parenthesized: return LiteralStrings(tree_.child(n, 0), depth + 1);
      case NodeKind::String: {
        if (tree_.node(n).text == syntax::Node::kNoText) return std::nullopt;
        // An interpolation whose holes are single literals has a literal type ('${'id'}', 'i${d}').
        auto segments = tree_.StringSegments(n);
        std::string folded = segments[0];
        auto holes = tree_.children(n);
        for (std::size_t i = 0; i < holes.size(); ++i) {
          auto part = LiteralStrings(holes[i], depth + 1);
          if (!part || part->size() != 1) return std::nullopt;
          folded += *part->begin();
          folded += segments[i + 1];
        }
        return std::set<std::string>{std::move(folded)};
      }
      case NodeKind::VariableAccess: return LiteralStrings(VariableValue(n), depth + 1);
      case NodeKind::Ternary: {
        auto a = LiteralStrings(tree_.child(n, 1), depth + 1);
        auto b = LiteralStrings(tree_.child(n, 2), depth + 1);
        if (!a || !b) return std::nullopt;
        a->insert(b->begin(), b->end());
        return a;
      }
      case NodeKind::ArrayAccess: {
        if (tree_.node(n).flags != 0) return std::nullopt;
        auto items = ArrayItems(tree_.child(n, 0), depth + 1);
        auto index = IntValue(tree_.child(n, 1), depth + 1);
        if (!items || !index || *index >= items->size()) return std::nullopt;
        return LiteralStrings((*items)[*index], depth + 1);
      }
      case NodeKind::FunctionCall: {
        auto info = BuiltinName(n);
        if (!info || info->ns != stdlib::Namespace::Sys || tree_.children(n).size() != 2) return std::nullopt;
        if (info->name != "first" && info->name != "last") return std::nullopt;
        auto items = ArrayItems(tree_.child(n, 1), depth + 1);
        if (!items || items->empty()) return std::nullopt;
        return LiteralStrings(info->name == "first" ? items->front() : items->back(), depth + 1);
      }
      default: return std::nullopt;
    }
  }

  auto IsSingleStringLiteral(NodeId n) const -> bool {
    auto s = LiteralStrings(n, 0);
    return s && s->size() == 1;
  }

  // ---- resources and modules ----

  auto IsCollection(SymbolId sym) const -> bool {
    const auto* info = model_.resource(sym);
    return info && info->loop;
  }

  auto SymbolOf(NodeId n, bool collection) const -> SymbolId {
    SymbolId sym;
    if (KindIs(n, NodeKind::VariableAccess)) {
      const auto& b = model_.binding(n);
      if (b.kind != Binding::Kind::Symbol) return {};
      auto kind = model_.symbol(b.symbol).kind;
      if (kind != SymbolKind::Resource && kind != SymbolKind::Module) return {};
      sym = b.symbol;
    } else if (KindIs(n, NodeKind::ResourceAccess)) {
      sym = ResourceSymbolOf(model_, n);
    }
    if (!sym || !model_.resource(sym) || IsCollection(sym) != collection) return {};
    return sym;
  }

  // The resource or module an expression denotes (sym, a::b, coll[i]), as the official ResourceTypeResolver.
  auto Resolve(NodeId n) const -> SymbolId {
    if (KindIs(n, NodeKind::ArrayAccess)) {
      if (IsSingleStringLiteral(tree_.child(n, 1))) return {};
      return SymbolOf(tree_.child(n, 0), true);
    }
    return SymbolOf(n, false);
  }

  auto Facts(SymbolId sym) const -> BodyFacts {
    BodyFacts f;
    const auto& s = model_.symbol(sym);
    if (s.kind == SymbolKind::Module) {
      f.module = true;
      f.known = true;
      f.type_name = "module";
      for (std::string_view p : {"name", "scope", "params", "outputs", "dependsOn", "identity"}) f.properties.emplace(p);
      return f;
    }
    const auto* info = model_.resource(sym);
    f.type_name = info ? info->type : std::string{};
    for (std::string_view p : {"id", "name", "type", "apiVersion", "scope", "parent", "dependsOn"}) f.properties.emplace(p);
    for (auto p : kFallbackProperties) f.properties.emplace(p);
    if (!info) return f;
    auto rt = st::Catalogue::Embedded().Find(info->type, info->api_version);
    if (!rt || !rt->body) return f;
    f.known = true;
    auto add_all = [&](st::TypeView t) {
      for (std::size_t i = 0; i < t.property_count(); ++i) f.properties.emplace(t.property(i).name);
    };
    add_all(rt->body);
    f.type_name = std::string{rt->body.name()};
    if (rt->body.kind() == st::TypeKind::DiscriminatedObject) {
      auto discriminator = std::string{rt->body.discriminator()};
      std::optional<std::string> value;
      if (auto body = info->body) {
        for (auto c : tree_.children(body)) {
          if (!KindIs(c, NodeKind::ObjectProperty) || LiteralKey(tree_, tree_.child(c, 0)) != discriminator) continue;
          auto v = LiteralStrings(tree_.child(c, 1), 0);
          if (v && v->size() == 1) value = *v->begin();
        }
      }
      for (std::size_t i = 0; i < rt->body.element_count(); ++i) {
        auto e = rt->body.element(i);
        if (value && e.key != *value) continue;
        add_all(e.type);
        if (value) f.type_name = std::string{e.key};
      }
    }
    return f;
  }

  static auto Readable(const BodyFacts& f, std::string_view property) -> bool {
    if (f.module) return property == "name" || property == "scope";
    return property == "id" || property == "name" || property == "type" || property == "apiVersion" ||
           property == "scope" || property == "parent";
  }

  // ---- reporting ----

  void Flag(NodeId at, SymbolId accessed, const std::vector<std::string>* chain, const std::string* violating) {
    std::string clauses;
    if (chain) {
      clauses += " You are referencing a variable which cannot be calculated at the start (\"";
      for (std::size_t i = 0; i < chain->size(); ++i) {
        if (i > 0) clauses += "\" -> \"";
        clauses += (*chain)[i];
      }
      clauses += "\").";
    }
    const auto& c = *container_;
    bool in_for_body = false;
    if (c.kind == ContainerKind::VariableFor) {
      auto r = tree_.range(at);
      auto b = tree_.range(c.for_body);
      in_for_body = r.begin < b.end && b.begin < r.end;
    }
    if (in_for_body && accessed && violating) {
      clauses += " The property \"" + *violating + "\" of " + model_.symbol(accessed).name +
                 " cannot be calculated at the start.";
    }
    if (accessed) {
      auto facts = Facts(accessed);
      clauses += " Properties of " + model_.symbol(accessed).name + " which can be calculated at the start include ";
      std::string list;
      for (const auto& p : facts.properties) {  // std::set: ordinal order
        if (facts.module ? p != "name" : (p != "id" && p != "name" && p != "type" && p != "apiVersion")) continue;
        if (!list.empty()) list += ", ";
        list += "\"" + p + "\"";
      }
      clauses += list + ".";
    }
    auto range = tree_.range(at);
    switch (c.kind) {
      case ContainerKind::Property:
        sink_.Emit(DiagnosticKind::RuntimeValueInProperty, tree_.file(), range, {c.property, c.type_name, clauses});
        break;
      case ContainerKind::IfCondition:
        sink_.Emit(DiagnosticKind::RuntimeValueInIfCondition, tree_.file(), range, {clauses});
        break;
      case ContainerKind::VariableFor:
        if (in_for_body) {
          sink_.Emit(DiagnosticKind::RuntimeValueInVariableForBody, tree_.file(), range, {c.variable, clauses});
          break;
        }
        [[fallthrough]];
      case ContainerKind::ForExpression:
        sink_.Emit(DiagnosticKind::RuntimeValueInForExpression, tree_.file(), range, {clauses});
        break;
      case ContainerKind::FunctionArguments:
        sink_.Emit(DiagnosticKind::RuntimeValueInFunctionArguments, tree_.file(), range, {c.function, clauses});
        break;
    }
  }

  // Direct violations are reported where they are; indirect ones (through variables) at the
  // variable's use in the container, with the chain of variables.
  void Report(NodeId at, SymbolId accessed, const std::string* violating, const std::string& tail) {
    if (!dependency_) {
      Flag(at, accessed, nullptr, violating);
      return;
    }
    auto chain = chain_;
    chain.push_back(tail);
    Flag(dependency_, accessed, &chain, violating);
    has_error_ = true;
  }

  void CheckProperty(NodeId at, SymbolId sym, const std::string& property) {
    auto facts = Facts(sym);
    if (facts.properties.count(property) == 0 || Readable(facts, property)) return;
    Report(at, sym, &property, model_.symbol(sym).name);
  }

  auto IsMemberAccess(NodeId n) const -> bool {
    return KindIs(n, NodeKind::PropertyAccess) || KindIs(n, NodeKind::ArrayAccess);
  }

  void CheckWholeAccess(NodeId n) {
    auto child = n;
    auto parent = Parent(n);
    for (int i = 0; i < kMaxDepth && KindIs(parent, NodeKind::NonNullAssert); ++i) {
      child = parent;
      parent = Parent(parent);
    }
    // scope: and parent: take whole resources; only existing ones with runtime names are refused
    // officially, which is not modelled here.
    if (!dependency_ && container_->reference_property) return;
    if (!IsMemberAccess(parent)) {
      if (auto sym = Resolve(child)) Report(child, sym, nullptr, model_.symbol(sym).name);
      return;
    }
    if (KindIs(parent, NodeKind::ArrayAccess) && tree_.child(parent, 0) == child && !IsMemberAccess(Parent(parent))) {
      auto sym = Resolve(parent);
      auto index = tree_.child(parent, 1);
      bool string_index = KindIs(index, NodeKind::String) || LiteralStrings(index, 0).has_value();
      if (sym && !string_index) Report(child, sym, nullptr, model_.symbol(sym).name);
    }
  }

  // Visits an expression of a container (directly, or a variable's declaration indirectly).
  void Visit(NodeId n, int depth) {
    if (!n || has_error_ || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::PropertyAccess: {
        auto name = tree_.child(n, 1);
        if (auto sym = Resolve(Unwrap(tree_.child(n, 0))); sym && name) {
          CheckProperty(n, sym, std::string{tree_.text(name)});
        }
        break;
      }
      case NodeKind::ArrayAccess: {
        if (auto sym = Resolve(Unwrap(tree_.child(n, 0)))) {
          auto names = LiteralStrings(tree_.child(n, 1), 0);
          if (names) {
            for (const auto& p : *names) CheckProperty(n, sym, p);
          } else {
            Report(n, sym, nullptr, model_.symbol(sym).name);
          }
        }
        break;
      }
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(n);
        if (dependency_ && b.kind == Binding::Kind::Symbol && model_.symbol(b.symbol).kind == SymbolKind::Variable) {
          VisitVariable(b.symbol, depth);
          return;
        }
        CheckWholeAccess(n);
        return;
      }
      case NodeKind::ResourceAccess: CheckWholeAccess(n); return;
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        auto info = BuiltinName(n);
        if (info && (info->flags & stdlib::kFlagRequiresInlining) != 0) {
          auto name = tree_.child(n, tree_.kind(n) == NodeKind::FunctionCall ? 0 : 1);
          Report(n, {}, nullptr, std::string{tree_.text(name)});
        }
        if (!info && tree_.kind(n) == NodeKind::InstanceFunctionCall && IsListFunction(tree_.child(n, 1)) &&
            Resolve(Unwrap(tree_.child(n, 0)))) {
          Report(n, {}, nullptr, std::string{tree_.text(tree_.child(n, 1))});  // res.listKeys() and the like
        }
        if (info && (info->flags & stdlib::kFlagArgumentValueIndependent) != 0) return;
        break;
      }
      default: break;
    }
    for (auto c : tree_.children(n)) Visit(c, depth + 1);
  }

  void VisitVariable(SymbolId var, int depth) {
    const auto& s = model_.symbol(var);
    if (clean_variables_.count(var.index) != 0) return;
    if (std::find(chain_.begin(), chain_.end(), s.name) != chain_.end()) return;  // a cycle (BCP079/BCP080)
    chain_.push_back(s.name);
    for (auto c : tree_.children(s.decl)) Visit(c, depth + 1);
    chain_.pop_back();
    if (!has_error_) clean_variables_.insert(var.index);
  }

  void CollectVariableUses(NodeId n, std::vector<NodeId>& out, int depth) const {
    if (!n || depth > kMaxDepth) return;
    if (tree_.kind(n) == NodeKind::VariableAccess) {
      const auto& b = model_.binding(n);
      if (b.kind == Binding::Kind::Symbol && model_.symbol(b.symbol).kind == SymbolKind::Variable) out.push_back(n);
      return;
    }
    for (auto c : tree_.children(n)) CollectVariableUses(c, out, depth + 1);
  }

  void Check(const Container& c, std::initializer_list<NodeId> exprs) {
    container_ = &c;
    for (auto e : exprs) {
      if (!e) continue;
      dependency_ = {};
      has_error_ = false;
      Visit(e, 0);
      std::vector<NodeId> uses;
      CollectVariableUses(e, uses, 0);
      for (auto use : uses) {
        dependency_ = use;
        chain_.clear();
        has_error_ = false;
        Visit(use, 0);
      }
      dependency_ = {};
      has_error_ = false;
    }
    container_ = nullptr;
  }

  // ---- the places that need constants ----

  auto BodyObject(NodeId value) const -> NodeId { return syntax::DeclarationBody(tree_, value); }

  void CheckBodyProperties(NodeId decl) {
    SymbolId sym;
    for (std::uint32_t i = 0; i < model_.symbols().size() && !sym; ++i) {
      if (model_.symbols()[i].decl == decl) sym = SymbolId{i};
    }
    if (!sym || !model_.resource(sym)) return;
    auto body = BodyObject(tree_.child(decl, 3));
    if (!body) return;
    auto facts = Facts(sym);
    const auto* info = model_.resource(sym);
    std::set<std::string> constants;
    if (facts.module) {
      constants = {"name", "scope", "identity"};
    } else {
      constants = {"name", "scope"};
      if (std::count(info->type.begin(), info->type.end(), '/') >= 2 && !model_.symbol(sym).parent) {
        constants.insert("parent");
      }
      if (facts.known) {
        for (auto p : kWriteOnlyConstants) {
          if (facts.properties.count(std::string{p}) != 0) constants.emplace(p);
        }
      }
    }
    for (auto c : tree_.children(body)) {
      if (!KindIs(c, NodeKind::ObjectProperty)) continue;
      auto key = LiteralKey(tree_, tree_.child(c, 0));
      if (!key || constants.count(*key) == 0) continue;
      Container container;
      container.kind = ContainerKind::Property;
      container.property = *key;
      container.type_name = facts.type_name;
      container.reference_property = *key == "scope" || *key == "parent";
      Check(container, {tree_.child(c, 0), tree_.child(c, 1)});
    }
  }

  void Walk(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::ResourceDecl:
        if ((tree_.node(n).flags & 1) != 0) {
          // Existing resources are not deployed: only the resources nested in them are checked.
          if (auto body = BodyObject(tree_.child(n, 3))) {
            for (auto c : tree_.children(body)) {
              if (KindIs(c, NodeKind::ResourceDecl)) Walk(c, depth + 1);
            }
          }
          return;
        }
        CheckBodyProperties(n);
        break;
      case NodeKind::ModuleDecl: CheckBodyProperties(n); break;
      case NodeKind::IfCondition: {
        Container c;
        c.kind = ContainerKind::IfCondition;
        Check(c, {tree_.child(n, 0)});
        break;
      }
      case NodeKind::ForExpr: {
        Container c;
        if (KindIs(Parent(n), NodeKind::VarDecl)) {
          c.kind = ContainerKind::VariableFor;
          c.for_body = tree_.child(n, 3);
          auto name = tree_.child(Parent(n), 1);
          c.variable = name ? std::string{tree_.text(name)} : std::string{};
          if (c.for_body) {
            Check(c, {tree_.child(n, 2), c.for_body});
            break;
          }
        } else {
          c.kind = ContainerKind::ForExpression;
        }
        Check(c, {tree_.child(n, 2)});
        break;
      }
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        auto info = BuiltinName(n);
        if (info && (info->flags & stdlib::kFlagRequiresInlining) != 0) {
          Container c;
          c.kind = ContainerKind::FunctionArguments;
          auto name = tree_.child(n, tree_.kind(n) == NodeKind::FunctionCall ? 0 : 1);
          c.function = name ? std::string{tree_.text(name)} : std::string{};
          auto kids = tree_.children(n);
          for (std::size_t i = tree_.kind(n) == NodeKind::FunctionCall ? 1 : 2; i < kids.size(); ++i) {
            Check(c, {kids[i]});
          }
          if (tree_.kind(n) == NodeKind::InstanceFunctionCall) Walk(tree_.child(n, 0), depth + 1);
          return;
        }
        break;
      }
      default: break;
    }
    for (auto c : tree_.children(n)) Walk(c, depth + 1);
  }
};

}  // namespace

void CheckDeployTimeConstants(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  Checker{model, sink}.Run();
}

}  // namespace bicepc::semantics
