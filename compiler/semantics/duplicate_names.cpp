#include "compiler/semantics/duplicate_names.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/ascii.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;

constexpr int kMaxDepth = 64;

class DuplicateNames {
 public:
  DuplicateNames(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {}

  void Run() {
    bool extensions = false;
    for (auto stmt : tree_.children(tree_.root())) {
      if (stmt && tree_.kind(stmt) == NodeKind::ExtensionDecl) extensions = true;
    }
    // Groups keyed by identity, in the order of their first member.
    std::vector<std::string> resource_order, module_order;
    std::map<std::string, std::vector<SymbolId>> resources, modules;
    for (auto id : model_.declarations()) {
      if (const auto* info = model_.resource(id); info && info->body) resource_bodies_.insert(info->body.index);
    }
    for (auto id : model_.declarations()) {
      const auto& symbol = model_.symbol(id);
      const auto* info = model_.resource(id);
      if (!info || !Deployed(*info)) continue;
      std::optional<std::string> key;
      if (symbol.kind == SymbolKind::Resource && !extensions) key = ResourceKey(id, *info);
      if (symbol.kind == SymbolKind::Module) key = ModuleKey(*info);
      if (!key) continue;
      auto& groups = symbol.kind == SymbolKind::Resource ? resources : modules;
      auto& order = symbol.kind == SymbolKind::Resource ? resource_order : module_order;
      auto [it, inserted] = groups.try_emplace(*key);
      if (inserted) order.push_back(*key);
      it->second.push_back(id);
    }
    Report(resource_order, resources, diagnostics::DiagnosticKind::ResourceMultipleDeclarations);
    Report(module_order, modules, diagnostics::DiagnosticKind::ModuleMultipleDeclarations);
  }

 private:
  void Report(const std::vector<std::string>& order, const std::map<std::string, std::vector<SymbolId>>& groups,
              diagnostics::DiagnosticKind kind) {
    for (const auto& key : order) {
      const auto& members = groups.at(key);
      if (members.size() < 2) continue;
      std::string names;
      for (auto id : members) names += fmt::format("{}\"{}\"", names.empty() ? "" : ", ", model_.symbol(id).name);
      for (auto id : members) {
        auto name = syntax::PropertyValue(tree_, model_.resource(id)->body, "name");
        sink_.Emit(kind, tree_.file(), tree_.range(name ? name : model_.symbol(id).name_node), {names});
      }
    }
  }

  // The name a body declares once (a duplicated `name` property is an error of its own and makes the
  // declaration unique, as officially).
  auto IsResourceBody(NodeId object) const -> bool {
    return resource_bodies_.contains(object.index);
  }

  auto NameOf(NodeId body) const -> NodeId { return UniqueProperty(body, "name"); }

  auto UniqueProperty(NodeId body, std::string_view key) const -> NodeId {
    if (!body || tree_.kind(body) != NodeKind::Object) return {};
    NodeId found;
    for (auto c : tree_.children(body)) {
      if (!c || tree_.kind(c) != NodeKind::ObjectProperty || syntax::LiteralKey(tree_, tree_.child(c, 0)) != key) continue;
      if (found) return {};
      found = tree_.child(c, 1);
    }
    return found;
  }

  // Without a condition, or with the literal condition `true`.
  auto Deployed(const ResourceInfo& info) const -> bool {
    if (!info.condition) return true;
    auto c = Unparenthesized(info.condition);
    return tree_.kind(c) == NodeKind::BooleanLiteral && (tree_.node(c).flags & 1) != 0;
  }

  auto Unparenthesized(NodeId n) const -> NodeId {
    for (int i = 0; i < kMaxDepth && n && tree_.kind(n) == NodeKind::Parenthesized; ++i) n = tree_.child(n, 0);
    return n;
  }

  // The value of a string the compiler knows without evaluation: a literal, an interpolation of
  // literals, a variable whose value is one.
  auto LiteralString(NodeId n, int depth) const -> std::optional<std::string> {
    n = Unparenthesized(n);
    if (!n || depth > kMaxDepth) return std::nullopt;
    switch (tree_.kind(n)) {
      case NodeKind::String: {
        auto segments = tree_.StringSegments(n);
        std::string value = segments[0];
        auto holes = tree_.children(n);
        for (std::size_t i = 0; i < holes.size(); ++i) {
          auto hole = LiteralString(holes[i], depth + 1);
          if (!hole) return std::nullopt;
          value += *hole;
          value += segments[i + 1];
        }
        return value;
      }
      case NodeKind::IntegerLiteral:
        // Only as an interpolation hole: '${1}' is the literal '1'.
        return depth > 0 ? std::optional<std::string>{std::string{tree_.text(n)}} : std::nullopt;
      case NodeKind::BooleanLiteral:
        return depth > 0 ? std::optional<std::string>{(tree_.node(n).flags & 1) != 0 ? "true" : "false"} : std::nullopt;
      case NodeKind::VariableAccess:
      case NodeKind::PropertyAccess:
      case NodeKind::ArrayAccess: {
        // A variable, or a property of a variable's object or of a resource's body: the type of
        // the value it holds (`res.location` is 'westus' when the body says so), as officially.
        auto value = Unparenthesized(ValueOf(n, depth + 1));
        if (!value || (depth == 0 && tree_.kind(value) != NodeKind::String)) return std::nullopt;  // not a string name
        return LiteralString(value, depth + 1);
      }
      default: return std::nullopt;
    }
  }

  // The expression a reference stands for: a variable's value, a resource's body, or a literal
  // property of one of those; none when that is not known without evaluation.
  auto ValueOf(NodeId n, int depth) const -> NodeId {
    n = Unparenthesized(n);
    if (!n || depth > kMaxDepth) return {};
    switch (tree_.kind(n)) {
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(n);
        if (b.kind != Binding::Kind::Symbol || !b.symbol) return {};
        const auto& s = model_.symbol(b.symbol);
        if (s.kind == SymbolKind::Variable && tree_.kind(s.decl) == NodeKind::VarDecl) {
          auto value = Unparenthesized(tree_.child(s.decl, 3));
          auto k = value ? tree_.kind(value) : NodeKind::Error;
          if (k == NodeKind::VariableAccess || k == NodeKind::PropertyAccess || k == NodeKind::ArrayAccess) {
            return ValueOf(value, depth + 1);
          }
          return value;
        }
        if (s.kind == SymbolKind::Resource) {
          const auto* info = model_.resource(b.symbol);
          if (info && !info->loop) return info->body;
        }
        return {};
      }
      case NodeKind::PropertyAccess:
      case NodeKind::ArrayAccess: {
        if (tree_.node(n).flags != 0) return {};  // safe access, index from end
        std::optional<std::string> key;
        if (tree_.kind(n) == NodeKind::PropertyAccess) {
          key = std::string{tree_.text(tree_.child(n, 1))};
        } else if (tree_.kind(Unparenthesized(tree_.child(n, 1))) == NodeKind::String) {
          key = LiteralString(tree_.child(n, 1), depth + 1);
        }
        if (!key) return {};
        auto base = Unparenthesized(ValueOf(tree_.child(n, 0), depth + 1));
        if (!base || tree_.kind(base) != NodeKind::Object) return {};
        auto value = UniqueProperty(base, *key);
        // A resource body narrows only its top-level values (name, location, kind) here: deeper
        // ones keep their declared type officially when that is an enum, which needs the type
        // catalogue to tell.
        if (IsResourceBody(base) && value && tree_.kind(Unparenthesized(value)) == NodeKind::Object) return {};
        auto k = value ? tree_.kind(Unparenthesized(value)) : NodeKind::Error;
        if (k == NodeKind::VariableAccess || k == NodeKind::PropertyAccess || k == NodeKind::ArrayAccess) {
          return ValueOf(value, depth + 1);
        }
        return value;
      }
      default: return {};
    }
  }

  // A name segment: the literal value, or the expression itself (equal only to itself).
  auto Segment(NodeId n) const -> std::string {
    if (auto literal = LiteralString(n, 0)) return fmt::format("L{}", *literal);
    return fmt::format("N{}", n.index);
  }

  auto ResourceKey(SymbolId id, const ResourceInfo& info) const -> std::optional<std::string> {
    if (info.type.empty() || info.type.find('/') == std::string::npos) return std::nullopt;
    // Ancestors first: each one's name and, for `parent: coll[i]`, the index.
    std::vector<std::string> segments;
    const ResourceInfo* current = &info;
    SymbolId root = id;
    for (int depth = 0; depth < kMaxDepth; ++depth) {
      auto name = NameOf(current->body);
      segments.push_back(name ? Segment(name) : fmt::format("N{}", model_.symbol(current->symbol).name_node.index));
      if (!current->parent) break;
      const auto* parent = model_.resource(current->parent);
      if (!parent) return std::nullopt;
      if (current->parent_index) {
        auto index = Unparenthesized(current->parent_index);
        segments.push_back(tree_.kind(index) == NodeKind::IntegerLiteral ? fmt::format("L{}", tree_.text(index))
                                                                          : fmt::format("N{}", index.index));
      }
      root = current->parent;
      current = parent;
    }
    // The scope of the root ancestor: the file's target scope, or a resource it names.
    const auto* root_info = model_.resource(root);
    std::string scope = "default";
    if (auto s = syntax::PropertyValue(tree_, root_info->body, "scope")) {
      auto target = Unparenthesized(s);
      const auto& b = model_.binding(target);
      if (tree_.kind(target) != NodeKind::VariableAccess || b.kind != Binding::Kind::Symbol) return std::nullopt;
      scope = fmt::format("R{}", b.symbol.index);
    }
    // The type without its API version: two versions of one type name the same resource.
    std::string key = fmt::format("{}\x1f{}", source::LowerAscii(info.type), scope);
    for (auto it = segments.rbegin(); it != segments.rend(); ++it) key += fmt::format("\x1f{}", *it);
    return key;
  }

  // A module without a path (`module m '' = ...`) has no type and no scope of its own.
  auto EmptyPath(const ResourceInfo& info) const -> bool {
    auto path = tree_.child(model_.symbol(info.symbol).decl, 2);
    return !path || (tree_.kind(path) == NodeKind::String && tree_.children(path).empty() && tree_.StringSegments(path)[0].empty());
  }

  // A module's deployment name and scope: the management group, subscription and resource group
  // its `scope` names (scope functions only; any other scope makes it unique).
  auto ModuleKey(const ResourceInfo& info) const -> std::optional<std::string> {
    auto name = NameOf(info.body);
    if (!name || EmptyPath(info)) return std::nullopt;
    std::string mg = "-", sub = "-", rg = "-";
    if (auto s = syntax::PropertyValue(tree_, info.body, "scope")) {
      auto call = Unparenthesized(s);
      std::size_t first = 1;
      if (tree_.kind(call) == NodeKind::InstanceFunctionCall) {
        auto base = tree_.child(call, 0);
        if (!base || tree_.kind(base) != NodeKind::VariableAccess || tree_.text(base) != "az") return std::nullopt;
        first = 2;
      } else if (tree_.kind(call) != NodeKind::FunctionCall || model_.binding(call).kind != Binding::Kind::BuiltinFunction) {
        return std::nullopt;
      }
      auto kids = tree_.children(call);
      auto function = tree_.text(kids[first - 1]);
      auto args = kids.subspan(first);
      if (function == "tenant" && args.empty()) {
      } else if (function == "managementGroup" && args.size() <= 1) {
        if (args.size() == 1) mg = Segment(args[0]);
      } else if (function == "subscription" && args.size() <= 1) {
        if (args.size() == 1) sub = Segment(args[0]);
      } else if (function == "resourceGroup" && args.size() <= 2) {
        if (args.size() == 2) sub = Segment(args[0]);
        if (!args.empty()) rg = Segment(args.back());
      } else {
        return std::nullopt;
      }
    }
    auto segment = Segment(name);
    if (segment.front() != 'L') return std::nullopt;  // a non-literal name is unique
    return fmt::format("{}\x1f{}\x1f{}\x1f{}", mg, sub, rg, segment);
  }

  const SemanticModel& model_;
  const SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::set<std::uint32_t> resource_bodies_;
};

}  // namespace

void CheckDuplicateNames(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  DuplicateNames{model, sink}.Run();
}

}  // namespace bicepc::semantics
