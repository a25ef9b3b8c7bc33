// The semantics phase: binds a SyntaxTree into a SemanticModel (symbol table, name
// resolution, target scope, function-call checks, cycle detection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/diagnostics/diagnostic.h"
#include "compiler/syntax/syntax_tree.h"
#include "stdlib/functions.h"

namespace bicepc::semantics {

enum class TargetScope : std::uint8_t { ResourceGroup, Subscription, ManagementGroup, Tenant, Local };

enum class SymbolKind : std::uint8_t {
  Parameter,
  Variable,
  Resource,
  Module,
  Output,
  Metadata,
  Type,
  Function,
  Import,     // a name brought in by `import {a} from ...` or `import * as ns from ...`
  Extension,  // `extension name [as alias]`
  Test,
  Assert,
};

struct SymbolId {
  static constexpr std::uint32_t kNone = UINT32_MAX;
  std::uint32_t index = kNone;
  constexpr explicit operator bool() const { return index != kNone; }
  friend constexpr auto operator==(SymbolId, SymbolId) -> bool = default;
};

struct Symbol {
  SymbolKind kind;
  std::string name;
  syntax::NodeId decl;       // the declaration node
  syntax::NodeId name_node;  // its Identifier
  SymbolId parent;           // resources: the lexically enclosing resource (nested declarations)
};

// Extra facts about a resource or module declaration.
struct ResourceInfo {
  SymbolId symbol;
  std::string type;         // "Microsoft.Storage/storageAccounts" (resources only)
  std::string api_version;  // "2021-01-01" (resources only; may be empty)
  bool existing = false;
  SymbolId parent;                  // from nesting or from the `parent:` property
  syntax::NodeId parent_index;      // `parent: coll[i]`: the index expression
  syntax::NodeId body;              // the Object holding the properties
  syntax::NodeId condition;         // IfCondition condition expression, or none
  syntax::NodeId loop;              // ForExpr, or none
  std::string symbolic_name;        // "parent::child" for nested declarations
};

// What a VariableAccess (or a FunctionCall / namespace name) refers to.
struct Binding {
  enum class Kind : std::uint8_t { None, Symbol, Local, Namespace, BuiltinFunction, UserFunction };
  Kind kind = Kind::None;
  SymbolId symbol;             // Symbol, UserFunction
  syntax::NodeId local;        // Local: the LocalVariable / TypedLocalVariable node
  stdlib::Namespace ns = stdlib::Namespace::Sys;  // Namespace, BuiltinFunction
};

class SemanticModel {
 public:
  SemanticModel() = default;
  explicit SemanticModel(const syntax::SyntaxTree& tree) : tree_{&tree}, bindings_(tree.node_count()) {}

  auto tree() const -> const syntax::SyntaxTree& { return *tree_; }
  auto target_scope() const -> TargetScope { return target_scope_; }
  auto symbols() const -> const std::vector<Symbol>& { return symbols_; }
  auto symbol(SymbolId id) const -> const Symbol& { return symbols_[id.index]; }
  // Declarations in source order (nested resources after their parent's position).
  auto declarations() const -> const std::vector<SymbolId>& { return declarations_; }
  auto binding(syntax::NodeId node) const -> const Binding& { return bindings_[node.index]; }
  // Resource and module facts; nullptr for other symbols.
  auto resource(SymbolId id) const -> const ResourceInfo*;
  // Global symbols referenced (directly) by a declaration, in reference order, with the referencing node.
  auto references(SymbolId id) const -> const std::vector<std::pair<SymbolId, syntax::NodeId>>&;
  // Finds a top-level symbol (not outputs or metadata) by name.
  auto Lookup(std::string_view name) const -> SymbolId;

  // Features the classic (languageVersion absent) template cannot express, with the first node using them.
  struct V2Feature {
    std::string what;
    syntax::NodeId node;
  };
  auto v2_features() const -> const std::vector<V2Feature>& { return v2_features_; }

 private:
  friend class Binder;
  const syntax::SyntaxTree* tree_ = nullptr;
  TargetScope target_scope_ = TargetScope::ResourceGroup;
  std::vector<Symbol> symbols_;
  std::vector<SymbolId> declarations_;
  std::vector<Binding> bindings_;
  std::unordered_map<std::uint32_t, ResourceInfo> resources_;
  std::unordered_map<std::string, SymbolId> globals_;
  std::vector<std::vector<std::pair<SymbolId, syntax::NodeId>>> references_;
  std::vector<V2Feature> v2_features_;
};

// Binds `tree`. Never throws; user errors become diagnostics in `sink`.
auto Bind(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink) -> SemanticModel;

auto TargetScopeName(TargetScope scope) -> std::string_view;

}  // namespace bicepc::semantics

namespace bicepc::semantics {

// The resource symbol an expression names directly (sym, a::b, sym[i]), or none.
auto ResourceSymbolOf(const SemanticModel& model, syntax::NodeId expr) -> SymbolId;

// The function name of a Decorator node ("description" for @sys.description(...)).
auto DecoratorName(const syntax::SyntaxTree& tree, syntax::NodeId decorator) -> std::string_view;

}  // namespace bicepc::semantics
