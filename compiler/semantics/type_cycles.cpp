#include "compiler/semantics/type_cycles.h"

#include <fmt/format.h>

#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

using Graph = std::vector<std::pair<std::uint32_t, std::vector<std::uint32_t>>>;  // node -> edges, in key order
using Cycles = std::unordered_map<std::uint32_t, std::vector<std::uint32_t>>;

// The official CycleDetector: depth-first from each key in order; every back edge closes a cycle,
// kept for each of its nodes when shorter than the one it has; returned starting at that node.
class CycleFinder {
 public:
  explicit CycleFinder(const Graph& graph) : graph_{graph} {
    for (std::size_t i = 0; i < graph.size(); ++i) index_[graph[i].first] = i;
  }
  auto Find() -> Cycles {
    for (const auto& [node, edges] : graph_) {
      if (state_.contains(node)) continue;
      stack_.push_back(node);
      state_[node] = kPartial;
      Dfs(0);
    }
    Cycles out;
    for (auto& [node, cycle] : shortest_) {
      // stored deepest-first (the stack's order); rotate the forward order to start at `node`
      std::vector<std::uint32_t> forward(cycle.rbegin(), cycle.rend());
      auto at = std::find(forward.begin(), forward.end(), node);
      std::rotate(forward.begin(), at, forward.end());
      out[node] = std::move(forward);
    }
    return out;
  }

 private:
  enum State : std::uint8_t { kPartial, kComplete };
  void Dfs(int depth) {
    auto current = stack_.back();
    if (depth < kMaxDepth) {
      auto it = index_.find(current);
      if (it != index_.end()) {
        for (auto child : graph_[it->second].second) {
          auto s = state_.find(child);
          if (s == state_.end()) {
            stack_.push_back(child);
            state_[child] = kPartial;
            Dfs(depth + 1);
          } else if (s->second == kPartial) {
            AddCycle(child);
          }
        }
      }
    }
    state_[current] = kComplete;
    stack_.pop_back();
  }
  void AddCycle(std::uint32_t closing) {
    std::vector<std::uint32_t> cycle;  // from the top of the stack down to `closing`
    for (auto it = stack_.rbegin(); it != stack_.rend() && *it != closing; ++it) cycle.push_back(*it);
    cycle.push_back(closing);
    for (auto n : cycle) {
      auto s = shortest_.find(n);
      if (s != shortest_.end() && s->second.size() <= cycle.size()) continue;
      shortest_[n] = cycle;
    }
  }

  const Graph& graph_;
  std::unordered_map<std::uint32_t, std::size_t> index_;
  std::unordered_map<std::uint32_t, State> state_;
  std::vector<std::uint32_t> stack_;
  std::map<std::uint32_t, std::vector<std::uint32_t>> shortest_;
};

class TypeCycles {
 public:
  TypeCycles(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {}

  void Run() {
    const auto& symbols = model_.symbols();
    std::vector<std::uint32_t> types;
    for (std::uint32_t i = 0; i < symbols.size(); ++i) {
      if (symbols[i].kind == SymbolKind::Type && !symbols[i].parent) types.push_back(i);
    }
    if (types.empty()) return;
    Graph top;
    for (auto t : types) {
      std::vector<std::uint32_t> edges;
      TopLevel(tree_.child(symbols[t].decl, 2), false, edges, 0);
      if (!edges.empty()) top.emplace_back(t, std::move(edges));
    }
    top_cycles_ = CycleFinder{top}.Find();
    Graph contained;
    for (auto t : types) {
      std::vector<std::uint32_t> edges;
      const auto& decl = symbols[t].decl;
      Contained(tree_.child(decl, 2), false, HasDiscriminator(tree_.child(decl, 0)), edges, 0);
      if (!edges.empty()) contained.emplace_back(t, std::move(edges));
    }
    auto contained_cycles = CycleFinder{contained}.Find();
    // a discriminated union's member naming a type with no type (a top-level cycle) is no object (BCP286)
    for (auto t : types) {
      auto decl = symbols[t].decl;
      if (!HasDiscriminator(tree_.child(decl, 0))) continue;
      auto value = tree_.child(decl, 2);
      for (int guard = 0; value && guard < 16 &&
                          (tree_.kind(value) == NodeKind::TypeNullable || tree_.kind(value) == NodeKind::TypeParenthesized);
           ++guard) {
        value = tree_.child(value, 0);
      }
      if (!value || tree_.kind(value) != NodeKind::TypeUnion) continue;
      for (auto m : tree_.children(value)) {
        if (!m || tree_.kind(m) != NodeKind::TypeVariableAccess) continue;
        if (auto target = TypeSymbolOf(m); target && top_cycles_.contains(*target)) {
          sink_.Emit(DiagnosticKind::UnionMemberNotAssignable, tree_.file(), tree_.range(m), {"object"});
        }
      }
    }
    std::vector<char> cyclic(symbols.size(), 0);
    for (auto t : types) cyclic[t] = contained_cycles.contains(t) || top_cycles_.contains(t);
    ReportReferences(cyclic);
    for (auto t : types) {
      const auto* cycle = contained_cycles.contains(t) ? &contained_cycles[t]
                          : top_cycles_.contains(t)    ? &top_cycles_[t]
                                                       : nullptr;
      if (cycle == nullptr) continue;
      auto name = symbols[t].name_node;
      if (cycle->size() == 1) {
        sink_.Emit(DiagnosticKind::CyclicTypeSelfReference, tree_.file(), tree_.range(name));
      } else {
        std::string path;
        for (auto n : *cycle) path += fmt::format("{}\"{}\"", path.empty() ? "" : " -> ", symbols[n].name);
        sink_.Emit(DiagnosticKind::CyclicType, tree_.file(), tree_.range(name), {path});
      }
    }
  }

 private:
  // A parameter, output or typed variable whose declared type names a cyclic type has no type: the
  // name is BCP062, and so is every reference to the declaration.
  void ReportReferences(const std::vector<char>& cyclic) {
    const auto& symbols = model_.symbols();
    std::vector<char> invalid(symbols.size(), 0);
    bool any = false;
    for (std::uint32_t i = 0; i < symbols.size(); ++i) {
      auto k = symbols[i].kind;
      if (k != SymbolKind::Parameter && k != SymbolKind::Output && k != SymbolKind::Variable) continue;
      auto decl = symbols[i].decl;
      if (!decl) continue;
      auto dk = tree_.kind(decl);
      if (dk != NodeKind::ParamDecl && dk != NodeKind::OutputDecl && dk != NodeKind::VarDecl) continue;
      if (ReportCyclicNames(tree_.child(decl, 2), cyclic, 0)) invalid[i] = any = true;
    }
    if (!any) return;
    for (std::uint32_t i = 0; i < symbols.size(); ++i) {
      for (const auto& [target, node] : model_.references(SymbolId{i})) {
        if (target.index >= invalid.size() || !invalid[target.index] || !node) continue;
        sink_.Emit(DiagnosticKind::ReferencedDeclarationInvalid, tree_.file(), tree_.range(node),
                   {symbols[target.index].name});
      }
    }
  }
  auto ReportCyclicNames(NodeId n, const std::vector<char>& cyclic, int depth) -> bool {
    if (!n || depth > kMaxDepth) return false;
    if (tree_.kind(n) == NodeKind::TypeVariableAccess) {
      auto t = TypeSymbolOf(n);
      if (!t || !cyclic[*t]) return false;
      sink_.Emit(DiagnosticKind::ReferencedDeclarationInvalid, tree_.file(), tree_.range(n), {std::string{tree_.text(n)}});
      return true;
    }
    bool found = false;
    for (auto k : tree_.children(n)) found = ReportCyclicNames(k, cyclic, depth + 1) || found;
    return found;
  }

  auto TypeSymbolOf(NodeId access) const -> std::optional<std::uint32_t> {
    auto id = model_.Lookup(tree_.text(access));
    if (!id || model_.symbol(id).kind != SymbolKind::Type) return std::nullopt;
    return id.index;
  }
  auto HasDiscriminator(NodeId decorators) const -> bool {
    if (!decorators) return false;
    for (auto d : tree_.children(decorators)) {
      if (DecoratorName(tree_, d) == "discriminator") return true;
    }
    return false;
  }

  // References outside array items, object properties and tuple items (`permitted`), but again
  // inside property and `.*` accesses.
  void TopLevel(NodeId n, bool permitted, std::vector<std::uint32_t>& edges, int depth) const {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::TypeVariableAccess:
        if (!permitted) {
          if (auto t = TypeSymbolOf(n)) edges.push_back(*t);
        }
        return;
      case NodeKind::TypeArray:
      case NodeKind::TypeObjectProperty:
      case NodeKind::TypeAdditionalProperties:
      case NodeKind::TypeTupleItem: permitted = true; break;
      case NodeKind::TypePropertyAccess:
      case NodeKind::TypeAdditionalPropertiesAccess: permitted = false; break;
      default: break;
    }
    for (auto k : tree_.children(n)) TopLevel(k, permitted, edges, depth + 1);
  }

  // References inside containers whose contained type is required (not nullable, not in error).
  void Contained(NodeId n, bool container, bool discriminated, std::vector<std::uint32_t>& edges, int depth) const {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::TypeVariableAccess:
        if (container) {
          if (auto t = TypeSymbolOf(n)) edges.push_back(*t);
        }
        return;
      case NodeKind::TypeArray: ContainedItem(tree_.child(n, 0), true, false, edges, depth + 1); return;
      case NodeKind::TypeObject:
        for (auto p : tree_.children(n)) {
          if (tree_.kind(p) != NodeKind::TypeObjectProperty) continue;  // `*:` may be absent
          ContainedItem(tree_.child(p, 2), true, HasDiscriminator(tree_.child(p, 0)), edges, depth + 1);
        }
        return;
      case NodeKind::TypeTuple:
        for (auto item : tree_.children(n)) {
          if (tree_.kind(item) != NodeKind::TypeTupleItem) continue;
          ContainedItem(tree_.child(item, 1), true, HasDiscriminator(tree_.child(item, 0)), edges, depth + 1);
        }
        return;
      case NodeKind::TypeUnion:
        for (auto m : tree_.children(n)) ContainedItem(m, container || discriminated, false, edges, depth + 1);
        return;
      default: break;
    }
    for (auto k : tree_.children(n)) Contained(k, container, discriminated, edges, depth + 1);
  }
  void ContainedItem(NodeId type, bool container, bool discriminated, std::vector<std::uint32_t>& edges,
                     int depth) const {
    std::unordered_set<std::uint32_t> seen;
    if (NullableOrError(type, seen, 0)) return;  // a cycle through it would be recursion, not a requirement
    Contained(type, container, discriminated, edges, depth);
  }
  // Whether a contained type may be null, or has no type (an unknown name, a reference into a cycle).
  auto NullableOrError(NodeId n, std::unordered_set<std::uint32_t>& seen, int depth) const -> bool {
    if (!n || depth > 64) return true;
    switch (tree_.kind(n)) {
      case NodeKind::TypeNullable: return true;
      case NodeKind::TypeParenthesized: return NullableOrError(tree_.child(n, 0), seen, depth + 1);
      case NodeKind::TypeUnion:
        for (auto m : tree_.children(n)) {
          if (m && tree_.kind(m) == NodeKind::NullLiteral) return true;
        }
        return false;
      case NodeKind::TypeVariableAccess: {
        auto id = model_.Lookup(tree_.text(n));
        if (!id) {
          static const std::unordered_set<std::string_view> kAmbient{"any",    "array", "bool",         "int",
                                                                     "object", "string", "resourceInput", "resourceOutput"};
          return !kAmbient.contains(tree_.text(n));
        }
        if (model_.symbol(id).kind != SymbolKind::Type) return model_.symbol(id).kind != SymbolKind::Import;
        if (top_cycles_.contains(id.index)) return true;
        if (!seen.insert(id.index).second) return false;
        return NullableOrError(tree_.child(model_.symbol(id).decl, 2), seen, depth + 1);
      }
      default: return false;
    }
  }

  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  Cycles top_cycles_;
};

}  // namespace

void CheckTypeCycles(const SemanticModel& model, diagnostics::DiagnosticSink& sink) { TypeCycles{model, sink}.Run(); }

}  // namespace bicepc::semantics
