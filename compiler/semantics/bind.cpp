#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <functional>
#include <map>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "compiler/semantics/semantic_model.h"
#include "compiler/source/ascii.h"
#include "compiler/syntax/string_literal.h"
#include "compiler/semantics/type_check/spelling.h"
#include "stdlib/types/resource_types.h"

namespace bicepc::semantics {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

namespace {
constexpr std::uint32_t kMaxDepth = 4000;

// A node's kind, or Error for an absent node.
auto KindOf(const syntax::SyntaxTree& tree, NodeId node) -> NodeKind {
  return node ? tree.kind(node) : NodeKind::Error;
}

// A node's text, or empty for an absent node (trees with syntax errors may lack children).
auto SafeText(const syntax::SyntaxTree& tree, NodeId node) -> std::string_view {
  return node ? tree.text(node) : std::string_view{};
}
const std::vector<std::pair<SymbolId, NodeId>> kNoReferences;
// A top-level resource type string as the official parser reads it: `ns/type[/child...]@yyyy-mm-dd[-suffix]`
// (BCP029 otherwise). Types with an extension prefix (`alias:...`) are not checked here.
auto ValidResourceTypeString(std::string_view text) -> bool {
  if (text.find(':') != std::string_view::npos) return true;
  auto at = text.find('@');
  if (at == std::string_view::npos) return false;
  auto types = text.substr(0, at);
  auto version = text.substr(at + 1);
  auto segment_ok = [](std::string_view seg) {
    if (seg.empty() || !std::isalnum(static_cast<unsigned char>(seg[0]))) return false;
    return std::all_of(seg.begin(), seg.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
    });
  };
  std::size_t segments = 0;
  for (std::size_t b = 0;;) {
    auto e = types.find('/', b);
    if (!segment_ok(types.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b))) return false;
    ++segments;
    if (e == std::string_view::npos) break;
    b = e + 1;
  }
  if (segments < 2) return false;
  // yyyy-mm-dd, then optional -suffix parts
  if (version.size() < 10) return false;
  for (std::size_t i = 0; i < 10; ++i) {
    bool dash = i == 4 || i == 7;
    if (dash ? version[i] != '-' : !std::isdigit(static_cast<unsigned char>(version[i]))) return false;
  }
  auto rest = version.substr(10);
  return rest.empty() || (rest[0] == '-' && rest.size() > 1 && std::all_of(rest.begin() + 1, rest.end(), [](char c) {
                            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
                          }));
}

// Functions of the sys namespace that Bicep replaces by syntax: found by name, always an error.
struct BannedFunction {
  std::string_view name;
  DiagnosticKind kind;
  std::string_view op;  // the operator to use instead (BCP069)
};
constexpr BannedFunction kBannedFunctions[] = {
    {"variables", DiagnosticKind::VariablesFunctionNotSupported, {}},
    {"parameters", DiagnosticKind::ParametersFunctionNotSupported, {}},
    {"if", DiagnosticKind::IfFunctionNotSupported, {}},
    {"createArray", DiagnosticKind::CreateArrayFunctionNotSupported, {}},
    {"createObject", DiagnosticKind::CreateObjectFunctionNotSupported, {}},
    {"add", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "+"},
    {"sub", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "-"},
    {"mul", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "*"},
    {"div", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "/"},
    {"mod", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "%"},
    {"less", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "<"},
    {"lessOrEquals", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "<="},
    {"greater", DiagnosticKind::FunctionNotSupportedOperatorAvailable, ">"},
    {"greaterOrEquals", DiagnosticKind::FunctionNotSupportedOperatorAvailable, ">="},
    {"equals", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "=="},
    {"not", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "!"},
    {"and", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "&&"},
    {"or", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "||"},
    {"coalesce", DiagnosticKind::FunctionNotSupportedOperatorAvailable, "??"},
};
auto FindBanned(std::string_view name) -> const BannedFunction* {
  for (const auto& b : kBannedFunctions) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

// The names the official spelling suggestion tries, sorted case-insensitively (ordinal).
auto SortedIgnoreCase(std::vector<std::string> names) -> std::vector<std::string> {
  auto upper = [](std::string_view s) {
    std::string out{s};
    for (auto& c : out) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return out;
  };
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) { return upper(a) < upper(b); });
  names.erase(std::unique(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
                return upper(a) == upper(b);
              }),
              names.end());
  return names;
}
// Known function names of one namespace, or of both (nullopt).
auto KnownFunctionNames(std::optional<stdlib::Namespace> ns) -> std::vector<std::string> {
  std::vector<std::string> names;
  for (const auto& f : stdlib::AllFunctions()) {
    if (ns && f.ns != *ns) continue;
    if (f.name.find('*') != std::string_view::npos) continue;
    names.emplace_back(f.name);
  }
  return SortedIgnoreCase(std::move(names));
}
// The ambient names of the sys namespace (its types), as an unknown variable's suggestions.
auto AmbientNames() -> std::vector<std::string> {
  return SortedIgnoreCase({"any", "array", "bool", "int", "object", "string", "resourceInput", "resourceOutput"});
}

}  // namespace

auto TargetScopeName(TargetScope scope) -> std::string_view {
  switch (scope) {
    case TargetScope::ResourceGroup: return "resourceGroup";
    case TargetScope::Subscription: return "subscription";
    case TargetScope::ManagementGroup: return "managementGroup";
    case TargetScope::Tenant: return "tenant";
    case TargetScope::Local: return "local";
  }
  return "resourceGroup";
}

auto SemanticModel::resource(SymbolId id) const -> const ResourceInfo* {
  auto it = resources_.find(id.index);
  return it == resources_.end() ? nullptr : &it->second;
}

auto SemanticModel::references(SymbolId id) const -> const std::vector<std::pair<SymbolId, NodeId>>& {
  return id.index < references_.size() ? references_[id.index] : kNoReferences;
}

auto SemanticModel::Lookup(std::string_view name) const -> SymbolId {
  auto it = globals_.find(std::string{name});
  return it == globals_.end() ? SymbolId{} : it->second;
}

class Binder {
 public:
  Binder(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink) : tree_{tree}, sink_{sink}, model_{tree} {}

  auto Run() -> SemanticModel {
    if (!tree_.root()) {
      return std::move(model_);
    }
    DeclareAll();
    model_.references_.resize(model_.symbols_.size());
    for (auto id : model_.declarations_) {
      ResolveDeclaration(id);
    }
    std::vector<NodeId> target_scopes;
    for (auto stmt : tree_.children(tree_.root())) {
      if (KindOf(tree_, stmt) == NodeKind::TargetScopeDecl) {
        BindTargetScope(stmt);
        target_scopes.push_back(stmt);
      }
    }
    if (target_scopes.size() > 1) {
      for (auto stmt : target_scopes) {
        auto begin = tree_.range(stmt).begin;
        ErrorAt(DiagnosticKind::TargetScopeMultipleDeclarations, {begin, begin + 11});  // the keyword
      }
    }
    ResolveParents();
    CheckCycles();
    return std::move(model_);
  }

 private:
  struct Scope {
    std::unordered_map<std::string, Binding> names;
  };

  void Error(DiagnosticKind kind, NodeId node, std::vector<std::string> args = {}) {
    sink_.Emit(kind, tree_.file(), tree_.range(node), std::move(args));
  }
  void ErrorAt(DiagnosticKind kind, source::SourceRange range, std::vector<std::string> args = {}) {
    sink_.Emit(kind, tree_.file(), range, std::move(args));
  }
  void V2(std::string what, NodeId node) {
    model_.v2_features_.push_back(SemanticModel::V2Feature{std::move(what), node});
  }

  auto AddSymbol(SymbolKind kind, NodeId decl, NodeId name_node, SymbolId parent = {}) -> SymbolId {
    SymbolId id{static_cast<std::uint32_t>(model_.symbols_.size())};
    model_.symbols_.push_back(Symbol{kind, std::string{SafeText(tree_, name_node)}, decl, name_node, parent});
    model_.declarations_.push_back(id);
    return id;
  }

  // ---- declaration pass ----
  void DeclareAll() {
    std::unordered_map<std::string, std::vector<SymbolId>> globals;
    std::unordered_map<std::string, std::vector<SymbolId>> outputs;
    std::unordered_map<std::string, std::vector<SymbolId>> metadata;
    for (auto stmt : tree_.children(tree_.root())) {
      auto kind = KindOf(tree_, stmt);
      auto name = tree_.child(stmt, 1);
      SymbolKind sk{};
      switch (kind) {
        case NodeKind::ParamDecl: sk = SymbolKind::Parameter; break;
        case NodeKind::VarDecl:
          sk = SymbolKind::Variable;
          if (tree_.child(stmt, 2)) {
            V2("typed variables", stmt);
          }
          break;
        case NodeKind::ResourceDecl: sk = SymbolKind::Resource; break;
        case NodeKind::ModuleDecl: sk = SymbolKind::Module; break;
        case NodeKind::OutputDecl: sk = SymbolKind::Output; break;
        case NodeKind::MetadataDecl: sk = SymbolKind::Metadata; break;
        case NodeKind::TypeDecl: sk = SymbolKind::Type; V2("user-defined types", stmt); break;
        case NodeKind::FuncDecl: sk = SymbolKind::Function; V2("user-defined functions", stmt); break;
        case NodeKind::AssertDecl: sk = SymbolKind::Assert; V2("assertions", stmt); break;
        case NodeKind::TestDecl: sk = SymbolKind::Test; V2("tests", stmt); break;
        case NodeKind::ImportDecl: DeclareImport(stmt, globals); continue;
        case NodeKind::ExtensionDecl: {
          V2("extensions", stmt);
          auto alias = tree_.child(stmt, 3);
          auto spec = tree_.child(stmt, 1);
          auto name_node = alias ? alias : spec;
          if (name_node && KindOf(tree_, name_node) == NodeKind::Identifier) {
            auto id = AddSymbol(SymbolKind::Extension, stmt, name_node);
            globals[model_.symbol(id).name].push_back(id);
          }
          continue;
        }
        default: continue;
      }
      if (!name || KindOf(tree_, name) != NodeKind::Identifier) {
        continue;
      }
      auto id = AddSymbol(sk, stmt, name);
      auto& bucket = sk == SymbolKind::Output ? outputs : sk == SymbolKind::Metadata ? metadata : globals;
      bucket[model_.symbol(id).name].push_back(id);
      if (sk == SymbolKind::Resource || sk == SymbolKind::Module) {
        DeclareResource(id, stmt, SymbolId{}, std::string{SafeText(tree_, name)}, 0);
      }
    }
    for (auto* table : {&globals, &outputs, &metadata}) {
      for (auto& [name, ids] : *table) {
        if (table == &globals) {
          model_.globals_[name] = ids.front();
        }
        // Outputs and metadata have their own namespaces, with their own duplicate code (BCP145).
        if (ids.size() > 1) {
          auto kind = table == &globals ? DiagnosticKind::IdentifierMultipleDeclarations
                                        : DiagnosticKind::OutputMultipleDeclarations;
          for (auto id : ids) {
            Error(kind, model_.symbol(id).name_node, {name});
          }
        }
      }
    }
  }

  void DeclareImport(NodeId stmt, std::unordered_map<std::string, std::vector<SymbolId>>& globals) {
    V2("compile-time imports", stmt);
    auto what = tree_.child(stmt, 1);
    if (!what) {
      return;
    }
    if (KindOf(tree_, what) == NodeKind::WildcardImport) {
      auto alias = tree_.child(what, 0);
      if (alias) {
        auto id = AddSymbol(SymbolKind::Import, stmt, alias);
        globals[model_.symbol(id).name].push_back(id);
      }
      return;
    }
    for (auto item : tree_.children(what)) {
      auto alias = tree_.child(item, 1);
      auto name = alias ? alias : tree_.child(item, 0);
      if (name && KindOf(tree_, name) == NodeKind::Identifier) {
        auto id = AddSymbol(SymbolKind::Import, stmt, name);
        globals[model_.symbol(id).name].push_back(id);
      }
    }
  }

  // Splits a resource value into loop / condition / body.
  void SplitValue(NodeId value, ResourceInfo& info) {
    if (value && KindOf(tree_, value) == NodeKind::ForExpr) {
      info.loop = value;
      value = tree_.child(value, 3);
    }
    if (value && KindOf(tree_, value) == NodeKind::IfCondition) {
      info.condition = tree_.child(value, 0);
      value = tree_.child(value, 1);
    }
    if (value && KindOf(tree_, value) == NodeKind::Object) {
      info.body = value;
    }
  }

  void DeclareResource(SymbolId id, NodeId decl, SymbolId parent, std::string symbolic_name, std::uint32_t depth) {
    ResourceInfo info;
    info.symbol = id;
    info.parent = parent;
    info.symbolic_name = std::move(symbolic_name);
    info.existing = KindOf(tree_, decl) == NodeKind::ResourceDecl && (tree_.node(decl).flags & 1) != 0;
    auto type_node = tree_.child(decl, 2);
    if (KindOf(tree_, decl) == NodeKind::ResourceDecl && type_node && KindOf(tree_, type_node) == NodeKind::String &&
        !tree_.children(type_node).empty()) {
      Error(DiagnosticKind::ResourceTypeInterpolationUnsupported, type_node);
    }
    if (KindOf(tree_, decl) == NodeKind::ResourceDecl && type_node && KindOf(tree_, type_node) == NodeKind::String &&
        tree_.children(type_node).empty()) {
      const auto& text = tree_.StringSegments(type_node)[0];
      if (!parent) CheckResourceTypeString(type_node, true);
      auto at = text.find('@');
      info.type = text.substr(0, at);
      info.api_version = at == std::string::npos ? std::string{} : text.substr(at + 1);
      // A nested declaration may use a type relative to its parent ('childType'), inheriting the apiVersion.
      const auto* parent_info = parent ? model_.resource(parent) : nullptr;
      if (parent_info) {
        if (info.type.find('/') == std::string::npos) {
          info.type = parent_info->type + "/" + info.type;
        }
        if (info.api_version.empty()) {
          info.api_version = parent_info->api_version;
        }
      }
      // Known types are spelled as the type data spells them ("Microsoft.Network/dnszones" -> dnsZones).
      const auto& catalogue = stdlib::types::Catalogue::Embedded();
      if (catalogue.valid() &&
          catalogue.GetAvailability(info.type, info.api_version) != stdlib::types::Availability::Unknown) {
        if (auto canonical = catalogue.CanonicalTypeName(info.type)) {
          info.type = std::string{*canonical};
        }
      }
    }
    SplitValue(tree_.child(decl, 3), info);
    if (KindOf(tree_, decl) == NodeKind::ModuleDecl && info.body) {
      bool named = false;
      for (auto prop : tree_.children(info.body)) {
        auto key = tree_.child(prop, 0);
        named = named || (KindOf(tree_, prop) == NodeKind::ObjectProperty && key &&
                          KindOf(tree_, key) == NodeKind::Identifier && SafeText(tree_, key) == "name");
      }
      if (!named) {
        V2("modules without a name", decl);
      }
    }
    auto body = info.body;
    auto parent_name = info.symbolic_name;
    model_.resources_[id.index] = std::move(info);
    if (!body || depth > 64) {
      return;
    }
    for (auto prop : tree_.children(body)) {
      if (KindOf(tree_, prop) == NodeKind::ResourceDecl) {
        auto name = tree_.child(prop, 1);
        if (!name) {
          continue;
        }
        auto child = AddSymbol(SymbolKind::Resource, prop, name, id);
        DeclareResource(child, prop, id, parent_name + "::" + std::string{SafeText(tree_, name)}, depth + 1);
      }
    }
  }

  // ---- resolution pass ----
  void ResolveDeclaration(SymbolId id) {
    const auto& sym = model_.symbol(id);
    if (sym.parent) {
      return;  // nested resources are resolved within their parent's body
    }
    current_ = id;
    auto decl = sym.decl;
    switch (KindOf(tree_, decl)) {
      case NodeKind::ParamDecl:
        ResolveDecorators(tree_.child(decl, 0));
        CheckDecoratorTargets(tree_.child(decl, 0), tree_.child(decl, 2));
        CheckDiscriminatorTarget(tree_.child(decl, 0), tree_.child(decl, 2));
        ResolveType(tree_.child(decl, 2), true, HasDecorator(tree_.child(decl, 0), "discriminator"));
        in_param_default_ = true;
        Resolve(tree_.child(decl, 3), 0);
        in_param_default_ = false;
        break;
      case NodeKind::VarDecl:
      case NodeKind::MetadataDecl:
      case NodeKind::AssertDecl:
        ResolveDecorators(tree_.child(decl, 0));
        if (KindOf(tree_, decl) == NodeKind::VarDecl) {
          ResolveType(tree_.child(decl, 2), false);
          Resolve(tree_.child(decl, 3), 0);
        } else {
          Resolve(tree_.child(decl, 2), 0);
        }
        break;
      case NodeKind::OutputDecl: {
        auto decorators = tree_.child(decl, 0);
        ResolveDecorators(decorators);
        if (HasDecorator(decorators, "secure")) {
          V2("secure outputs", decl);
        }
        CheckDecoratorTargets(decorators, tree_.child(decl, 2));
        CheckDiscriminatorTarget(decorators, tree_.child(decl, 2));
        ResolveType(tree_.child(decl, 2), true, HasDecorator(decorators, "discriminator"));
        Resolve(tree_.child(decl, 3), 0);
        break;
      }
      case NodeKind::ResourceDecl:
      case NodeKind::ModuleDecl:
        ResolveResource(id, 0);
        break;
      case NodeKind::FuncDecl: {
        ResolveDecorators(tree_.child(decl, 0));
        auto lambda = tree_.child(decl, 2);
        if (lambda) {
          Resolve(lambda, 0);
        }
        break;
      }
      case NodeKind::TypeDecl:
        ResolveDecorators(tree_.child(decl, 0));
        CheckDecoratorTargets(tree_.child(decl, 0), tree_.child(decl, 2));
        CheckDiscriminatorTarget(tree_.child(decl, 0), tree_.child(decl, 2));
        CheckTypeNames(tree_.child(decl, 2), 0, HasDecorator(tree_.child(decl, 0), "discriminator"));
        break;
      case NodeKind::TestDecl:
        Resolve(tree_.child(decl, 3), 0);
        break;
      default: break;
    }
    current_ = {};
  }

  auto HasDecorator(NodeId decorators, std::string_view name) const -> bool {
    if (!decorators) {
      return false;
    }
    for (auto d : tree_.children(decorators)) {
      if (DecoratorName(d) == name) {
        return true;
      }
    }
    return false;
  }

 public:
  // The name of a Decorator node's function (without namespace).
  static auto DecoratorNameOf(const syntax::SyntaxTree& tree, NodeId d) -> std::string_view {
    auto call = tree.child(d, 0);
    if (!call) {
      return {};
    }
    if (KindOf(tree, call) == NodeKind::FunctionCall) {
      return SafeText(tree, tree.child(call, 0));
    }
    if (KindOf(tree, call) == NodeKind::InstanceFunctionCall) {
      return SafeText(tree, tree.child(call, 1));
    }
    return {};
  }

 private:
  auto DecoratorName(NodeId d) const -> std::string_view { return DecoratorNameOf(tree_, d); }

  void ResolveDecorators(NodeId decorators) {
    if (!decorators) {
      return;
    }
    // the declaration the decorators belong to (the decorators node starts it)
    decorator_owner_ = NodeKind::Error;
    decorator_decl_ = {};
    for (auto id : model_.declarations_) {
      auto decl = model_.symbol(id).decl;
      if (decl && tree_.child(decl, 0) == decorators) {
        decorator_owner_ = KindOf(tree_, decl);
        decorator_decl_ = decl;
      }
    }
    std::map<std::string_view, std::vector<NodeId>> valid;  // decorators without errors, by name (BCP166)
    for (auto d : tree_.children(decorators)) {
      auto name = DecoratorName(d);
      if (name == "onlyIfNotExists" || name == "retryOn") {
        V2(fmt::format("the @{}() decorator", name), d);
      }
      auto call = tree_.child(d, 0);
      if (!call) {
        continue;
      }
      if (KindOf(tree_, call) == NodeKind::VariableAccess) {
        CheckUncalledDecorator(call);
        continue;
      }
      if (KindOf(tree_, call) != NodeKind::FunctionCall && KindOf(tree_, call) != NodeKind::InstanceFunctionCall) continue;
      auto first_arg = KindOf(tree_, call) == NodeKind::FunctionCall ? 1U : 2U;
      auto kids = tree_.children(call);
      auto before = sink_.size();
      const auto* def = CheckDecoratorFunction(call);
      if (def != nullptr) CheckDecoratorArgCount(call, *def, kids.size() - first_arg);
      for (std::size_t i = first_arg; i < kids.size(); ++i) {
        Resolve(kids[i], 0);
      }
      if (def == nullptr || HasErrorsSince(before)) continue;
      CheckDecoratorArguments(*def, kids.subspan(first_arg));
      if (!HasErrorsSince(before)) valid[def->name].push_back(d);
    }
    for (const auto& [name, ds] : valid) {
      if (ds.size() < 2) continue;
      for (auto d : ds) Error(DiagnosticKind::DuplicateDecorator, d, {std::string{name}});
    }
  }

  // ---- decorators: the official sys decorators, where each may stand, and their arguments ----
  enum DecoratorOwner : std::uint16_t {
    kOwnerParam = 1, kOwnerVar = 2, kOwnerResource = 4, kOwnerModule = 8, kOwnerOutput = 16, kOwnerType = 32,
    kOwnerFunc = 64, kOwnerMetadata = 128, kOwnerExtension = 256,
    kOwnerAny = 511, kOwnerParamOutputType = kOwnerParam | kOwnerOutput | kOwnerType,
  };
  struct DecoratorDef {
    std::string_view name;
    std::uint16_t owners;
    bool constant;  // its arguments must be compile-time constants (BCP032)
    int min_args;   // argument counts checked (BCP071); -1: not checked
    int max_args;
  };
  static auto FindDecorator(std::string_view name) -> const DecoratorDef* {
    static constexpr DecoratorDef kDecorators[] = {
        {"description", kOwnerAny, true, 1, 1},
        {"secure", kOwnerParamOutputType, false, 0, 0},
        {"allowed", kOwnerParam, true, 1, 1},
        {"minValue", kOwnerParamOutputType, true, 1, 1},
        {"maxValue", kOwnerParamOutputType, true, 1, 1},
        {"minLength", kOwnerParamOutputType, true, 1, 1},
        {"maxLength", kOwnerParamOutputType, true, 1, 1},
        {"metadata", kOwnerParamOutputType, true, 1, 1},
        {"sealed", kOwnerParamOutputType, false, 0, 0},
        {"discriminator", kOwnerParamOutputType, true, 1, 1},
        {"batchSize", kOwnerResource | kOwnerModule, false, 1, 1},
        {"export", kOwnerType | kOwnerVar | kOwnerFunc, false, 0, 0},
        {"onlyIfNotExists", kOwnerResource, false, 0, 0},
        {"retryOn", kOwnerResource, false, -1, -1},
        {"waitUntil", kOwnerResource, false, -1, -1},
        {"nullIfNotFound", kOwnerResource, false, -1, -1},
    };
    for (const auto& d : kDecorators) {
      if (d.name == name) return &d;
    }
    return nullptr;
  }
  auto HasErrorsSince(std::size_t before) const -> bool {
    const auto& all = sink_.diagnostics();
    for (auto i = before; i < all.size(); ++i) {
      if (all[i].level == diagnostics::Level::Error) return true;
    }
    return false;
  }
  // `@name` without a call: a function is not a value (BCP063), a declaration or namespace cannot be
  // called (BCP141), anything else is unknown (BCP057, from resolving it).
  void CheckUncalledDecorator(NodeId access) {
    auto name = std::string{SafeText(tree_, access)};
    if (model_.globals_.contains(name) || name == "sys" || name == "az") {
      Error(DiagnosticKind::ExpressionNotCallable, access);
      return;
    }
    if (FindDecorator(name) != nullptr || stdlib::FindFunction(name)) {
      Error(DiagnosticKind::SymbolIsNotAValue, access, {name});
      return;
    }
    Resolve(access, 0);
  }
  // The sys decorator a call names, or nullptr after reporting why there is none: another
  // built-in function (BCP152), or a decorator not meant for this declaration (BCP125-BCP129,
  // BCP269, BCP297). Calls to user functions and unknown names are left to the caller.
  auto CheckDecoratorFunction(NodeId call) -> const DecoratorDef* {
    bool instance = KindOf(tree_, call) == NodeKind::InstanceFunctionCall;
    auto name_node = tree_.child(call, instance ? 1 : 0);
    auto name = SafeText(tree_, name_node);
    stdlib::Namespace ns = stdlib::Namespace::Sys;
    if (instance) {
      auto base = tree_.child(call, 0);
      auto base_name = std::string{SafeText(tree_, base)};
      if (!base || KindOf(tree_, base) != NodeKind::VariableAccess || model_.globals_.contains(base_name)) return nullptr;
      if (base_name == "az") ns = stdlib::Namespace::Az;
      else if (base_name != "sys") return nullptr;
    } else if (model_.globals_.contains(std::string{name})) {
      return nullptr;  // a user function or another declaration
    }
    const auto* def = ns == stdlib::Namespace::Sys ? FindDecorator(name) : nullptr;
    if (def == nullptr) {
      if (instance ? stdlib::FindFunction(ns, name).has_value() : stdlib::FindFunction(name).has_value()) {
        Error(DiagnosticKind::FunctionNotADecorator, name_node, {std::string{name}});
      }
      return nullptr;
    }
    struct OwnerKind {
      NodeKind kind;
      std::uint16_t owner;
      DiagnosticKind error;
    };
    static constexpr OwnerKind kOwners[] = {
        {NodeKind::ParamDecl, kOwnerParam, DiagnosticKind::NotAParameterDecorator},
        {NodeKind::VarDecl, kOwnerVar, DiagnosticKind::NotAVariableDecorator},
        {NodeKind::ResourceDecl, kOwnerResource, DiagnosticKind::NotAResourceDecorator},
        {NodeKind::ModuleDecl, kOwnerModule, DiagnosticKind::NotAModuleDecorator},
        {NodeKind::OutputDecl, kOwnerOutput, DiagnosticKind::NotAnOutputDecorator},
        {NodeKind::TypeDecl, kOwnerType, DiagnosticKind::NotATypeDecorator},
        {NodeKind::MetadataDecl, kOwnerMetadata, DiagnosticKind::NotAMetadataDecorator},
    };
    for (const auto& o : kOwners) {
      if (o.kind != decorator_owner_) continue;
      if ((def->owners & o.owner) == 0) {
        Error(o.error, name_node, {std::string{name}});
        return nullptr;
      }
    }
    return def;
  }
  // Arguments of a decorator that resolved without errors: compile-time constants (BCP032), a
  // non-empty @allowed list (BCP099), non-negative lengths (BCP168).
  void CheckDecoratorArguments(const DecoratorDef& def, std::span<const NodeId> args) {
    if (def.constant) {
      for (auto a : args) CheckCompileTimeConstant(a, 0);
    }
    if (args.size() != 1 || !args[0]) return;
    auto arg = args[0];
    if (def.name == "allowed" && KindOf(tree_, arg) == NodeKind::Array && tree_.children(arg).empty()) {
      Error(DiagnosticKind::AllowedMustContainItems, arg);
    }
    if (def.name == "allowed" && KindOf(tree_, arg) == NodeKind::Array) CheckAllowedItems(arg);
    if ((def.name == "minLength" || def.name == "maxLength") && KindOf(tree_, arg) == NodeKind::Unary &&
        static_cast<syntax::UnaryOp>(tree_.node(arg).flags) == syntax::UnaryOp::Minus) {
      auto operand = tree_.child(arg, 0);
      if (operand && KindOf(tree_, operand) == NodeKind::IntegerLiteral && SafeText(tree_, operand) != "0") {
        Error(DiagnosticKind::NegativeLength, arg);
      }
    }
  }
  // @allowed items of a parameter of a primitive type must be literals of that type (BCP034).
  void CheckAllowedItems(NodeId array) {
    if (decorator_owner_ != NodeKind::ParamDecl || !decorator_decl_) return;
    auto type = tree_.child(decorator_decl_, 2);
    if (!type || KindOf(tree_, type) != NodeKind::TypeVariableAccess) return;
    auto expected = SafeText(tree_, type);
    if ((expected != "string" && expected != "int" && expected != "bool") || model_.globals_.contains(std::string{expected})) return;
    for (auto item : tree_.children(array)) {
      if (!item) continue;
      std::string_view kind;
      std::string actual;
      switch (KindOf(tree_, item)) {
        case NodeKind::String:
          if (!tree_.children(item).empty()) continue;
          kind = "string";
          actual = syntax::QuoteStringLiteral(tree_.StringSegments(item)[0]);
          break;
        case NodeKind::IntegerLiteral:
          kind = "int";
          actual = std::string{SafeText(tree_, item)};
          break;
        case NodeKind::BooleanLiteral:
          kind = "bool";
          actual = (tree_.node(item).flags & 1) != 0 ? "true" : "false";
          break;
        default: continue;
      }
      if (kind != expected) {
        Error(DiagnosticKind::ResourceArrayItemTypeMismatchError, item, {std::string{expected}, actual});
      }
    }
  }
  // The official CompileTimeConstantVisitor: literals, arrays and objects of them, and negated
  // integers; every other expression is BCP032 (its parts are not visited again).
  void CheckCompileTimeConstant(NodeId n, std::uint32_t depth) {
    if (!n || depth > kMaxDepth) return;
    switch (KindOf(tree_, n)) {
      case NodeKind::ArrayAccess:
      case NodeKind::Binary:
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall:
      case NodeKind::ForExpr:
      case NodeKind::Parenthesized:
      case NodeKind::PropertyAccess:
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(n);
        if (b.kind == Binding::Kind::Symbol && b.symbol == current_) return;  // a cycle (BCP079) instead
        Error(DiagnosticKind::CompileTimeConstantRequired, n);
        return;
      }
      case NodeKind::Ternary: Error(DiagnosticKind::CompileTimeConstantRequired, n); return;
      case NodeKind::String:
        if (!tree_.children(n).empty()) Error(DiagnosticKind::CompileTimeConstantRequired, n);
        return;
      case NodeKind::Unary:
        if (static_cast<syntax::UnaryOp>(tree_.node(n).flags) != syntax::UnaryOp::Minus) {
          Error(DiagnosticKind::CompileTimeConstantRequired, n);
          return;
        }
        break;
      default: break;
    }
    for (auto k : tree_.children(n)) CheckCompileTimeConstant(k, depth + 1);
  }

  // ---- union types: the official VisitUnionTypeSyntax ----
  // A member's type as far as this check needs it: its ARM base type and whether it is a literal.
  // Unknown stands for anything not modelled here (imports, property access, resource types):
  // a union with such a member is not checked.
  enum class UBase : std::uint8_t { Error, String, Int, Bool, Object, Array, Null, Any, Unknown };
  struct UMember {
    UBase base;
    bool literal;
  };
  // Appends the flattened members of `type` (a union contributes its members).
  void ClassifyType(NodeId type, std::vector<UMember>& out, std::vector<std::uint32_t>& visiting, std::uint32_t depth) {
    if (!type || depth > 64) {
      out.push_back({UBase::Unknown, false});
      return;
    }
    switch (KindOf(tree_, type)) {
      case NodeKind::String:
        out.push_back(tree_.children(type).empty() ? UMember{UBase::String, true} : UMember{UBase::Unknown, false});
        return;
      case NodeKind::IntegerLiteral: out.push_back({UBase::Int, true}); return;
      case NodeKind::BooleanLiteral: out.push_back({UBase::Bool, true}); return;
      case NodeKind::NullLiteral: out.push_back({UBase::Null, true}); return;
      case NodeKind::Unary: {
        auto operand = tree_.child(type, 0);
        bool minus = static_cast<syntax::UnaryOp>(tree_.node(type).flags) == syntax::UnaryOp::Minus;
        out.push_back(minus && operand && KindOf(tree_, operand) == NodeKind::IntegerLiteral ? UMember{UBase::Int, true}
                                                                                             : UMember{UBase::Unknown, false});
        return;
      }
      case NodeKind::TypeParenthesized: ClassifyType(tree_.child(type, 0), out, visiting, depth + 1); return;
      case NodeKind::TypeNullable:
        ClassifyType(tree_.child(type, 0), out, visiting, depth + 1);
        out.push_back({UBase::Null, true});
        return;
      case NodeKind::TypeUnion:
        for (auto m : tree_.children(type)) ClassifyType(m, out, visiting, depth + 1);
        return;
      case NodeKind::TypeArray: out.push_back({UBase::Array, false}); return;
      case NodeKind::TypeTuple: {
        bool literal = true;
        for (auto item : tree_.children(type)) {
          std::vector<UMember> inner;
          ClassifyType(tree_.child(item, 1), inner, visiting, depth + 1);
          if (inner.size() != 1 || inner[0].base == UBase::Unknown) {
            out.push_back({UBase::Unknown, false});
            return;
          }
          literal = literal && inner[0].literal;
        }
        out.push_back({UBase::Array, literal});
        return;
      }
      case NodeKind::TypeObject: {
        bool literal = true;
        for (auto prop : tree_.children(type)) {
          if (KindOf(tree_, prop) != NodeKind::TypeObjectProperty) {
            literal = false;  // additional properties
            continue;
          }
          std::vector<UMember> inner;
          ClassifyType(tree_.child(prop, 2), inner, visiting, depth + 1);
          if (inner.size() != 1 || inner[0].base == UBase::Unknown) {
            out.push_back({UBase::Unknown, false});
            return;
          }
          literal = literal && inner[0].literal && inner[0].base != UBase::Null;
        }
        out.push_back({UBase::Object, literal});
        return;
      }
      case NodeKind::TypeVariableAccess: {
        auto name = SafeText(tree_, type);
        auto g = model_.globals_.find(std::string{name});
        if (g == model_.globals_.end()) {
          static const std::unordered_map<std::string_view, UBase> kPrimitive{
              {"string", UBase::String}, {"int", UBase::Int}, {"bool", UBase::Bool}, {"object", UBase::Object},
              {"array", UBase::Array}, {"any", UBase::Any}};
          auto p = kPrimitive.find(name);
          out.push_back(p != kPrimitive.end() ? UMember{p->second, false}
                        : (name == "resourceInput" || name == "resourceOutput") ? UMember{UBase::Unknown, false}
                                                                                : UMember{UBase::Error, false});
          return;
        }
        const auto& sym = model_.symbol(g->second);
        if (sym.kind != SymbolKind::Type) {
          out.push_back(sym.kind == SymbolKind::Import ? UMember{UBase::Unknown, false} : UMember{UBase::Error, false});
          return;
        }
        if (std::find(visiting.begin(), visiting.end(), g->second.index) != visiting.end()) {
          out.push_back({UBase::Error, false});  // a cycle (reported on its own)
          return;
        }
        if (HasDecorator(tree_.child(sym.decl, 0), "discriminator")) {
          out.push_back({UBase::Unknown, false});
          return;
        }
        visiting.push_back(g->second.index);
        std::vector<UMember> inner;
        ClassifyType(tree_.child(sym.decl, 2), inner, visiting, depth + 1);
        visiting.pop_back();
        // a referenced union keeps its members; an invalid one is not modelled
        if (!ValidUnionBase(inner)) {
          out.push_back({UBase::Unknown, false});
          return;
        }
        out.insert(out.end(), inner.begin(), inner.end());
        return;
      }
      default: out.push_back({UBase::Unknown, false}); return;
    }
  }
  // Whether a flattened member list reduces to one ARM type (null allowed beside it).
  static auto ValidUnionBase(const std::vector<UMember>& members) -> bool {
    std::optional<UBase> base;
    for (const auto& m : members) {
      if (m.base == UBase::Unknown) return false;
      if (m.base == UBase::Error || m.base == UBase::Any || m.base == UBase::Null) continue;
      if (base && *base != m.base) return false;
      base = m.base;
    }
    return base.has_value();
  }
  void CheckUnion(NodeId union_node, bool in_array) {
    std::vector<std::pair<NodeId, std::vector<UMember>>> members;
    std::vector<std::uint32_t> visiting;
    for (auto m : tree_.children(union_node)) {
      std::vector<UMember> kinds;
      ClassifyType(m, kinds, visiting, 0);
      for (const auto& k : kinds) {
        if (k.base == UBase::Unknown) return;  // not modelled: no check
      }
      members.emplace_back(m, std::move(kinds));
    }
    std::vector<UBase> bases;
    for (const auto& [node, kinds] : members) {
      for (const auto& k : kinds) {
        if (k.base == UBase::Error || k.base == UBase::Any) continue;
        if (std::find(bases.begin(), bases.end(), k.base) == bases.end()) bases.push_back(k.base);
      }
    }
    std::vector<UBase> non_null;
    for (auto b : bases) {
      if (b != UBase::Null) non_null.push_back(b);
    }
    bool array_subset = in_array && bases.size() > 1 &&
                        std::find(bases.begin(), bases.end(), UBase::Array) == bases.end();
    if (non_null.size() != 1 && !array_subset) {
      Error(DiagnosticKind::InvalidTypeUnion, union_node);
      return;
    }
    for (const auto& [node, kinds] : members) {
      bool literal = std::all_of(kinds.begin(), kinds.end(), [](const UMember& k) { return k.literal; });
      if (!literal) Error(DiagnosticKind::NonLiteralUnionMember, node);
    }
  }

  // Every type name inside a declared type must name a type: a primitive or ambient type, a `type`
  // declaration, an import, or (before `.`) a namespace. A value's name is BCP287, others BCP302.
  // `deref`: the type is (behind `?` or `!`) the base of a property, index, `.*` or `[*]`
  // access, where a resource-derived type may stand (elsewhere it is BCP394).
  void CheckTypeNames(NodeId type, std::uint32_t depth, bool discriminated = false, bool in_array = false,
                      bool deref = false) {
    if (!type || depth > kMaxDepth) {
      return;
    }
    switch (KindOf(tree_, type)) {
      case NodeKind::TypeUnion:
        if (!discriminated) CheckUnion(type, in_array);
        for (auto m : tree_.children(type)) {
          // a member that names no type is reported by the union check alone
          if (KindOf(tree_, m) != NodeKind::TypeVariableAccess) CheckTypeNames(m, depth + 1);
        }
        return;
      case NodeKind::TypeArray: CheckTypeNames(tree_.child(type, 0), depth + 1, false, true); return;
      case NodeKind::TypeParenthesized:  // officially not a permitted parent of a resource-derived type
        CheckTypeNames(tree_.child(type, 0), depth + 1, discriminated, in_array);
        return;
      case NodeKind::TypeNullable:
      case NodeKind::TypeNonNullable:
        CheckTypeNames(tree_.child(type, 0), depth + 1, discriminated, in_array, deref);
        return;
      case NodeKind::TypeVariableAccess: CheckTypeName(type, false); return;
      case NodeKind::TypePropertyAccess: {
        auto base = tree_.child(type, 0);
        if (base && KindOf(tree_, base) == NodeKind::TypeVariableAccess) {
          CheckTypeName(base, true);
        } else {
          CheckTypeNames(base, depth + 1, false, false, true);
        }
        return;
      }
      case NodeKind::TypeArrayAccess:
      case NodeKind::TypeAdditionalPropertiesAccess:
      case NodeKind::TypeItemsAccess: CheckTypeNames(tree_.child(type, 0), depth + 1, false, false, true); return;
      case NodeKind::TypeParameterized:
        if (CheckResourceDerivedType(type, true) && !deref) Error(DiagnosticKind::CannotUseEntireResourceBodyAsType, type);
        return;
      case NodeKind::TypeObjectProperty:
        CheckDecoratorTargets(tree_.child(type, 0), tree_.child(type, 2));
        CheckDiscriminatorTarget(tree_.child(type, 0), tree_.child(type, 2));
        CheckTypeNames(tree_.child(type, 2), depth + 1, HasDecorator(tree_.child(type, 0), "discriminator"));
        return;
      case NodeKind::TypeAdditionalProperties:
      case NodeKind::TypeTupleItem:
        CheckDecoratorTargets(tree_.child(type, 0), tree_.child(type, 1));
        CheckDiscriminatorTarget(tree_.child(type, 0), tree_.child(type, 1));
        CheckTypeNames(tree_.child(type, 1), depth + 1, HasDecorator(tree_.child(type, 0), "discriminator"));
        return;
      case NodeKind::TypeObject:
      case NodeKind::TypeTuple:
        for (auto k : tree_.children(type)) CheckTypeNames(k, depth + 1);
        return;
      default: return;
    }
  }
  auto IsResourceDerivedTypeName(NodeId type) const -> bool {
    if (!type || KindOf(tree_, type) != NodeKind::TypeParameterized) return false;
    auto name = SafeText(tree_, tree_.child(type, 0));
    return (name == "resourceInput" || name == "resourceOutput") && !model_.globals_.contains(std::string{name});
  }
  // resourceInput<'T@v'> / resourceOutput<'T@v'>: one argument (BCP071), a literal type string
  // (BCP032 when interpolated, BCP070 for another literal) naming a resource type (BCP029, BCP208).
  // Whether it names one (the official reified resource-derived type); reports only when `report`.
  auto CheckResourceDerivedType(NodeId type, bool report) -> bool {
    if (!IsResourceDerivedTypeName(type)) return false;
    auto kids = tree_.children(type);
    auto args = kids.size() - 1;
    if (args != 1) {
      if (!report) return false;
      auto text = tree_.file().text();
      auto begin = tree_.range(tree_.child(type, 0)).end;
      auto end = tree_.range(type).end;
      while (begin < end && text[begin] != '<') ++begin;
      ErrorAt(DiagnosticKind::ArgumentCountMismatch, {begin, end}, {"1 argument", std::to_string(args)});
      return false;
    }
    auto arg = kids[1];
    switch (KindOf(tree_, arg)) {
      case NodeKind::String:
        if (!tree_.children(arg).empty()) {
          if (report) Error(DiagnosticKind::CompileTimeConstantRequired, arg);
          return false;
        }
        return CheckResourceTypeString(arg, report);
      case NodeKind::IntegerLiteral:
      case NodeKind::BooleanLiteral:
      case NodeKind::NullLiteral: {
        auto r = tree_.range(arg);
        if (report) {
          Error(DiagnosticKind::ArgumentTypeMismatch, arg,
                {std::string{tree_.file().text().substr(r.begin, r.end - r.begin)}, "string"});
        }
        return false;
      }
      default: return false;
    }
  }
  // A resource type string (a literal without interpolation): `scheme:` must name a namespace (az,
  // sys or an extension; BCP208), otherwise the official format applies (BCP029).
  auto CheckResourceTypeString(NodeId str, bool report) -> bool {
    const auto& text = tree_.StringSegments(str)[0];
    auto colon = text.find(':');
    if (colon != std::string::npos && colon > 0) {
      auto scheme = std::string_view{text}.substr(0, colon);
      std::vector<std::string> names{"az", "sys"};
      for (const auto& [name, id] : model_.globals_) {
        if (model_.symbol(id).kind == SymbolKind::Extension) names.push_back(name);
      }
      if (std::find(names.begin(), names.end(), scheme) != names.end()) return true;
      if (!report) return false;
      std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                            [](char x, char y) { return source::AsciiLower(x) < source::AsciiLower(y); });
      });
      std::string list;
      for (const auto& n : names) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", n);
      Error(DiagnosticKind::UnknownResourceReferenceScheme, str, {std::string{scheme}, list});
      return false;
    }
    if (colon == std::string::npos && ValidResourceTypeString(text)) return true;
    if (report) Error(DiagnosticKind::InvalidResourceType, str);
    return false;
  }
  void CheckTypeName(NodeId node, bool before_dot) {
    auto name = SafeText(tree_, node);
    static const std::unordered_set<std::string_view> kAmbient{"any", "array", "bool", "int", "object", "string",
                                                               "resourceInput", "resourceOutput"};
    auto g = model_.globals_.find(std::string{name});
    if (g != model_.globals_.end()) {
      auto kind = model_.symbol(g->second).kind;
      if (kind == SymbolKind::Type || kind == SymbolKind::Import || (before_dot && kind == SymbolKind::Extension)) {
        return;
      }
      Error(DiagnosticKind::ValueSymbolUsedAsType, node, {std::string{name}});
      return;
    }
    if ((name == "resourceInput" || name == "resourceOutput") && !before_dot) {
      Error(DiagnosticKind::TypeRequiresArguments, node, {fmt::format("{}<ResourceTypeIdentifier>", name), "1"});
      return;
    }
    if (kAmbient.contains(name) || (before_dot && (name == "sys" || name == "az"))) {
      return;
    }
    std::vector<std::string> valid{"any", "array", "bool", "int", "object", "resourceInput", "resourceOutput", "string"};
    for (const auto& sym : model_.symbols_) {
      if (sym.kind == SymbolKind::Type && !sym.parent &&
          std::find(valid.begin(), valid.end(), sym.name) == valid.end()) {
        valid.push_back(sym.name);
      }
    }
    std::string list;
    for (const auto& v : valid) {
      if (!list.empty()) list += ", ";
      list += fmt::format("\"{}\"", v);
    }
    Error(DiagnosticKind::SymbolicNameIsNotAType, node, {std::string{name}, list});
  }

  // Decorators whose target must be of some types (BCP124), checked where the declared type is a
  // primitive keyword (the official check covers every type; others are left alone here).
  void CheckDecoratorTargets(NodeId decorators, NodeId type) {
    if (!decorators || !type) return;
    CheckDecoratorsOnNamedTypes(decorators, type);
    std::string name;     // the target type's official display name
    std::string_view as;  // the primitive it counts as
    if (KindOf(tree_, type) == NodeKind::TypeVariableAccess) {
      name = SafeText(tree_, type);
      static const std::unordered_set<std::string_view> kPrimitive{"string", "int", "bool", "object", "array"};
      if (!kPrimitive.contains(name) || model_.globals_.contains(name)) return;
      as = name;
    } else if (KindOf(tree_, type) == NodeKind::TypeTuple) {
      // a tuple shows as its items' types as written: [a, b | c]
      auto text = tree_.file().text();
      name = "[";
      bool first = true;
      for (auto item : tree_.children(type)) {
        auto r = tree_.range(tree_.child(item, 1));
        name += (first ? "" : ", ") + std::string{text.substr(r.begin, r.end - r.begin)};
        first = false;
      }
      name += "]";
      as = "array";
    } else {
      return;
    }
    struct Rule {
      std::string_view decorator;
      std::string_view attachable;
      std::initializer_list<std::string_view> types;
    };
    static const Rule kRules[] = {
        {"secure", "object | string", {"object", "string"}},
        {"minLength", "array | string", {"array", "string"}},
        {"maxLength", "array | string", {"array", "string"}},
        {"minValue", "int", {"int"}},
        {"maxValue", "int", {"int"}},
        {"discriminator", "object", {"object"}},
        {"sealed", "object", {"object"}},
    };
    for (auto d : tree_.children(decorators)) {
      auto decorator = DecoratorName(d);
      for (const auto& rule : kRules) {
        if (rule.decorator != decorator) continue;
        if (std::find(rule.types.begin(), rule.types.end(), as) == rule.types.end()) {
          Error(DiagnosticKind::DecoratorTargetTypeMismatch, d, {std::string{decorator}, std::string{rule.attachable}, name});
        }
      }
    }
  }

  // Decorators that may not stand on a reference to a declared type (BCP308), and @sealed on a
  // resource-derived type (BCP386) or on an object type with `*:` (BCP316), as the official validators
  // look at the declared type syntax (one `?` removed).
  void CheckDecoratorsOnNamedTypes(NodeId decorators, NodeId type) {
    if (KindOf(tree_, type) == NodeKind::TypeNullable) type = tree_.child(type, 0);
    if (!type) return;
    static const std::unordered_set<std::string_view> kNoAlias{"secure", "allowed", "minLength", "maxLength", "minValue", "maxValue"};
    for (auto d : tree_.children(decorators)) {
      auto decorator = DecoratorName(d);
      if (kNoAlias.contains(decorator) && RefersToTypeAlias(type, 0)) {
        Error(DiagnosticKind::DecoratorMayNotTargetTypeAlias, d, {std::string{decorator}});
      } else if (decorator == "sealed") {
        if (IsResourceDerivedTypeName(type)) {
          Error(DiagnosticKind::DecoratorMayNotTargetResourceDerivedType, d, {std::string{decorator}});
        } else if (KindOf(tree_, type) == NodeKind::TypeObject) {
          for (auto k : tree_.children(type)) {
            if (KindOf(tree_, k) == NodeKind::TypeAdditionalProperties) {
              Error(DiagnosticKind::SealedIncompatibleWithAdditionalProperties, d);
              break;
            }
          }
        }
      }
    }
  }
  // Whether a declared type is a reference to a `type` declaration or an import, possibly behind
  // property, index, `.*` and `[*]` accesses.
  auto RefersToTypeAlias(NodeId type, std::uint32_t depth) const -> bool {
    if (!type || depth > kMaxDepth) return false;
    switch (KindOf(tree_, type)) {
      case NodeKind::TypeNullable: return RefersToTypeAlias(tree_.child(type, 0), depth + 1);
      case NodeKind::TypeVariableAccess: {
        auto g = model_.globals_.find(std::string{SafeText(tree_, type)});
        if (g == model_.globals_.end()) return false;
        auto kind = model_.symbol(g->second).kind;
        return kind == SymbolKind::Type || kind == SymbolKind::Import;
      }
      case NodeKind::TypePropertyAccess:
      case NodeKind::TypeArrayAccess:
      case NodeKind::TypeAdditionalPropertiesAccess:
      case NodeKind::TypeItemsAccess: return RefersToTypeAlias(tree_.child(type, 0), depth + 1);
      default: return false;
    }
  }

  // @discriminator needs a union of at least two object members (BCP363). Checked where the target
  // is visibly not one: another kind of type, a reference to a type that is no union, or a union
  // with fewer than two members that are not null.
  void CheckDiscriminatorTarget(NodeId decorators, NodeId type) {
    if (!decorators || !type) return;
    NodeId decorator;
    for (auto d : tree_.children(decorators)) {
      if (DecoratorName(d) == "discriminator") decorator = d;
    }
    if (!decorator) return;
    auto unwrap = [&](NodeId t) {
      for (int guard = 0; t && guard < 16; ++guard) {
        auto k = KindOf(tree_, t);
        if (k != NodeKind::TypeParenthesized && k != NodeKind::TypeNullable && k != NodeKind::TypeNonNullable) break;
        t = tree_.child(t, 0);
      }
      return t;
    };
    auto target = unwrap(type);
    if (target && KindOf(tree_, target) == NodeKind::TypeVariableAccess) {
      auto g = model_.globals_.find(std::string{SafeText(tree_, target)});
      if (g == model_.globals_.end()) {
        static const std::unordered_set<std::string_view> kPrimitive{"string", "int", "bool", "object", "array", "any"};
        if (!kPrimitive.contains(SafeText(tree_, target))) return;
      } else {
        const auto& sym = model_.symbol(g->second);
        if (sym.kind != SymbolKind::Type) return;  // an import: not modelled
        auto value = unwrap(tree_.child(sym.decl, 2));
        if (value && KindOf(tree_, value) == NodeKind::TypeUnion) return;  // a union alias: not checked here
        if (value && KindOf(tree_, value) == NodeKind::TypeVariableAccess) return;
      }
    } else if (target && KindOf(tree_, target) == NodeKind::TypeUnion) {
      int members = 0;
      for (auto m : tree_.children(target)) {
        auto inner = unwrap(m);
        if (!inner || KindOf(tree_, inner) == NodeKind::Error) continue;
        ++members;
        if (!CanBeObject(inner)) Error(DiagnosticKind::UnionMemberNotAssignable, m, {"object"});
      }
      if (members >= 2) {
        CheckDiscriminatorProperty(decorator, target);
        return;
      }
    } else if (target && KindOf(tree_, target) == NodeKind::TypeParameterized) {
      if (!CheckResourceDerivedType(target, false)) return;  // other instantiations: not modelled
    } else if (!target || KindOf(tree_, target) == NodeKind::Error ||
               KindOf(tree_, target) == NodeKind::TypePropertyAccess || KindOf(tree_, target) == NodeKind::TypeArrayAccess ||
               KindOf(tree_, target) == NodeKind::TypeAdditionalPropertiesAccess ||
               KindOf(tree_, target) == NodeKind::TypeItemsAccess) {
      return;  // not modelled
    }
    Error(DiagnosticKind::DiscriminatorNotOnObjectUnion, decorator);
  }

  // Every member of a discriminated union has the discriminator property, as a required string
  // literal (BCP364). Members whose object type is not written in this file are not checked.
  void CheckDiscriminatorProperty(NodeId decorator, NodeId union_type) {
    auto call = tree_.child(decorator, 0);
    if (!call) return;
    auto kids = tree_.children(call);
    auto first = KindOf(tree_, call) == NodeKind::FunctionCall ? 1U : 2U;
    if (kids.size() != first + 1 || !kids[first] || KindOf(tree_, kids[first]) != NodeKind::String ||
        !tree_.children(kids[first]).empty()) {
      return;
    }
    const auto& key = tree_.StringSegments(kids[first])[0];
    // a type written here: through parentheses and `type` declarations
    auto resolve = [&](NodeId t) -> NodeId {
      for (int guard = 0; t && guard < 32; ++guard) {
        if (KindOf(tree_, t) == NodeKind::TypeParenthesized) {
          t = tree_.child(t, 0);
          continue;
        }
        if (KindOf(tree_, t) != NodeKind::TypeVariableAccess) return t;
        auto g = model_.globals_.find(std::string{SafeText(tree_, t)});
        if (g == model_.globals_.end() || model_.symbol(g->second).kind != SymbolKind::Type) return {};
        t = tree_.child(model_.symbol(g->second).decl, 2);
      }
      return {};
    };
    for (auto m : tree_.children(union_type)) {
      auto object = resolve(m);
      if (!object || KindOf(tree_, object) != NodeKind::TypeObject) continue;
      NodeId property_type;
      bool found = false;
      for (auto p : tree_.children(object)) {
        if (KindOf(tree_, p) != NodeKind::TypeObjectProperty) continue;
        auto k = tree_.child(p, 1);
        if (!k) continue;
        std::string name = KindOf(tree_, k) == NodeKind::Identifier ? std::string{SafeText(tree_, k)}
                           : KindOf(tree_, k) == NodeKind::String && tree_.children(k).empty() ? tree_.StringSegments(k)[0]
                                                                                               : std::string{};
        if (name == key) {
          found = true;
          property_type = tree_.child(p, 2);
        }
      }
      if (found) {
        auto literal = resolve(property_type);
        if (!property_type || (property_type && KindOf(tree_, property_type) == NodeKind::TypeVariableAccess && !literal)) {
          continue;  // a type not written here: not checked
        }
        if (literal && KindOf(tree_, literal) == NodeKind::String && tree_.children(literal).empty()) continue;
      }
      Error(DiagnosticKind::DiscriminatorPropertyNotStringLiteral, m, {key});
    }
  }

  // Whether a type written in a discriminated union may be an object (literals and non-object
  // primitives may not; references are not followed).
  auto CanBeObject(NodeId t) const -> bool {
    switch (KindOf(tree_, t)) {
      case NodeKind::NullLiteral:
      case NodeKind::String:
      case NodeKind::IntegerLiteral:
      case NodeKind::BooleanLiteral:
      case NodeKind::Unary:
      case NodeKind::TypeArray:
      case NodeKind::TypeTuple:
        return false;
      case NodeKind::TypeVariableAccess: {
        auto name = SafeText(tree_, t);
        if (model_.globals_.contains(std::string{name})) return true;
        return name != "string" && name != "int" && name != "bool" && name != "array";
      }
      default: return true;
    }
  }

  // A built-in decorator's argument count (the official sys namespace decorators).
  void CheckDecoratorArgCount(NodeId call, const DecoratorDef& def, std::size_t count) {
    auto name = def.name;
    if (def.min_args < 0) return;
    // decorators not meant for this kind of declaration get another error officially (not checked here)
    bool typed = decorator_owner_ == NodeKind::ParamDecl || decorator_owner_ == NodeKind::OutputDecl ||
                 decorator_owner_ == NodeKind::TypeDecl;
    bool resource = decorator_owner_ == NodeKind::ResourceDecl || decorator_owner_ == NodeKind::ModuleDecl;
    static const std::unordered_set<std::string_view> kTypedOnly{"secure", "allowed", "minValue", "maxValue",
                                                                 "minLength", "maxLength", "sealed", "discriminator"};
    if (kTypedOnly.contains(name) && !typed) return;
    if ((name == "batchSize" || name == "onlyIfNotExists") && !resource) return;
    auto name_node = KindOf(tree_, call) == NodeKind::FunctionCall ? tree_.child(call, 0) : tree_.child(call, 1);
    if (!name_node) return;
    CheckArgCount(call, name_node, stdlib::FunctionInfo{stdlib::Namespace::Sys, name, def.min_args, def.max_args, "", 0},
                  count);
  }

  void ResolveType(NodeId type, bool top, bool discriminated = false) {
    CheckTypeNames(type, 0, discriminated);
    if (!type) {
      return;
    }
    switch (KindOf(tree_, type)) {
      case NodeKind::TypeVariableAccess: {
        auto name = SafeText(tree_, type);
        static const std::unordered_set<std::string_view> kPrimitive{"string", "int", "bool", "object", "array", "any"};
        if (!kPrimitive.contains(name)) {
          V2("user-defined types", type);
        }
        break;
      }
      case NodeKind::ResourceTypeRef: V2("resource-typed parameters and outputs", type); break;
      default:
        if (top && UsesTypeExpressionSyntax(type, 0)) {
          V2("type expressions", type);
        }
        break;
    }
  }

  // EmitterSettings: object, array, tuple, union and nullable type syntax anywhere in a declared
  // type needs languageVersion 2.0 (resource-derived types and literal types alone do not).
  auto UsesTypeExpressionSyntax(NodeId type, std::uint32_t depth) const -> bool {
    if (!type || depth > 256) {
      return false;
    }
    switch (KindOf(tree_, type)) {
      case NodeKind::TypeObject:
      case NodeKind::TypeArray:
      case NodeKind::TypeTuple:
      case NodeKind::TypeUnion:
      case NodeKind::TypeNullable: return true;
      default: break;
    }
    for (auto k : tree_.children(type)) {
      if (UsesTypeExpressionSyntax(k, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  void ResolveResource(SymbolId id, std::uint32_t depth) {
    const auto& info = *model_.resource(id);
    auto decl = model_.symbol(id).decl;
    ResolveDecorators(tree_.child(decl, 0));
    auto value = tree_.child(decl, 3);
    // Nested resource names visible inside this body.
    Scope nested;
    if (info.body) {
      for (auto prop : tree_.children(info.body)) {
        if (KindOf(tree_, prop) == NodeKind::ResourceDecl) {
          for (std::uint32_t i = 0; i < model_.symbols_.size(); ++i) {
            if (model_.symbols_[i].decl == prop) {
              nested.names[model_.symbols_[i].name] = Binding{Binding::Kind::Symbol, SymbolId{i}, {}, {}};
            }
          }
        }
      }
    }
    auto body = info.body;
    auto loop = info.loop;
    auto condition = info.condition;
    std::size_t pushed = 0;
    if (loop) {
      Resolve(tree_.child(loop, 2), 0);
      PushLoopScope(loop);
      ++pushed;
    }
    if (condition) {
      Resolve(condition, 0);
    }
    scopes_.push_back(std::move(nested));
    ++pushed;
    if (body) {
      for (auto prop : tree_.children(body)) {
        if (KindOf(tree_, prop) == NodeKind::ResourceDecl) {
          continue;
        }
        Resolve(prop, 0);
      }
    } else if (value && !loop && !condition) {
      Resolve(value, 0);
    }
    if (body && depth < 64) {
      for (auto prop : tree_.children(body)) {
        if (KindOf(tree_, prop) != NodeKind::ResourceDecl) {
          continue;
        }
        for (std::uint32_t i = 0; i < model_.symbols_.size(); ++i) {
          if (model_.symbols_[i].decl == prop) {
            auto saved = current_;
            current_ = SymbolId{i};
            ResolveResource(SymbolId{i}, depth + 1);
            current_ = saved;
          }
        }
      }
    }
    scopes_.resize(scopes_.size() - pushed);
  }

  void PushLoopScope(NodeId loop) {
    Scope s;
    for (std::size_t i = 0; i < 2; ++i) {
      auto v = tree_.child(loop, i);
      if (v) {
        s.names[std::string{SafeText(tree_, v)}] = Binding{Binding::Kind::Local, {}, v, {}};
      }
    }
    scopes_.push_back(std::move(s));
  }

  auto LookupName(std::string_view name) const -> Binding {
    std::string key{name};
    for (auto it = scopes_.rbegin(); it != scopes_.rend(); ++it) {
      auto found = it->names.find(key);
      if (found != it->names.end()) {
        return found->second;
      }
    }
    auto g = model_.globals_.find(key);
    if (g != model_.globals_.end()) {
      return Binding{Binding::Kind::Symbol, g->second, {}, {}};
    }
    if (name == "sys") {
      return Binding{Binding::Kind::Namespace, {}, {}, stdlib::Namespace::Sys};
    }
    if (name == "az") {
      return Binding{Binding::Kind::Namespace, {}, {}, stdlib::Namespace::Az};
    }
    return {};
  }

  void Reference(SymbolId target, NodeId node) {
    if (current_) {
      model_.references_[current_.index].emplace_back(target, node);
    }
  }

  void Resolve(NodeId node, std::uint32_t depth) {
    if (!node) {
      return;
    }
    if (depth > kMaxDepth) {
      if (!depth_reported_) {
        depth_reported_ = true;
        Error(DiagnosticKind::NestingTooDeep, node, {std::to_string(kMaxDepth)});
      }
      return;
    }
    switch (KindOf(tree_, node)) {
      case NodeKind::VariableAccess: {
        auto b = LookupName(SafeText(tree_, node));
        model_.bindings_[node.index] = b;
        if (b.kind == Binding::Kind::None) {
          UnknownName(node, SafeText(tree_, node));
        } else if (b.kind == Binding::Kind::Symbol) {
          Reference(b.symbol, node);
          // a parameter's default value may only use other parameters
          auto k = model_.symbol(b.symbol).kind;
          if (in_param_default_ && (k == SymbolKind::Variable || k == SymbolKind::Resource || k == SymbolKind::Module)) {
            Error(DiagnosticKind::ParamDefaultReferencesNonParam, node);
          }
        }
        return;
      }
      case NodeKind::FunctionCall: ResolveCall(node, depth); return;
      case NodeKind::InstanceFunctionCall: ResolveInstanceCall(node, depth); return;
      case NodeKind::PropertyAccess: {
        auto base = tree_.child(node, 0);
        Resolve(base, depth + 1);
        // a namespace has no properties but its ambient types (sys.string is a type, not a value)
        if (base && KindOf(tree_, base) == NodeKind::VariableAccess &&
            model_.bindings_[base.index].kind == Binding::Kind::Namespace) {
          auto name = std::string{SafeText(tree_, tree_.child(node, 1))};
          static const std::unordered_set<std::string_view> kAmbient{
              "any", "array", "bool", "int", "object", "resourceInput", "resourceOutput", "string"};
          if (model_.bindings_[base.index].ns == stdlib::Namespace::Sys && kAmbient.contains(name)) {
            // a type used as a value: reported by the official compiler as BCP041 (not checked here)
          } else if (model_.bindings_[base.index].ns == stdlib::Namespace::Sys) {
            Error(DiagnosticKind::UnknownPropertyWithAvailableProperties, tree_.child(node, 1),
                  {"sys", name,
                   "\"any\", \"array\", \"bool\", \"int\", \"object\", \"resourceInput\", \"resourceOutput\", \"string\""});
          } else {
            Error(DiagnosticKind::UnknownPropertyOnType, tree_.child(node, 1), {"az", name});
          }
        }
        return;
      }
      case NodeKind::ResourceAccess: {
        // a::b::c references only the innermost nested resource.
        auto base = tree_.child(node, 0);
        for (int guard = 0; base && KindOf(tree_, base) == NodeKind::ResourceAccess && guard < 64; ++guard) {
          base = tree_.child(base, 0);
        }
        if (!base || KindOf(tree_, base) != NodeKind::VariableAccess) {
          Resolve(tree_.child(node, 0), depth + 1);
          return;
        }
        auto b = LookupName(SafeText(tree_, base));
        model_.bindings_[base.index] = b;
        if (b.kind == Binding::Kind::None) {
          Error(DiagnosticKind::SymbolicNameDoesNotExist, base, {std::string{SafeText(tree_, base)}});
          return;
        }
        auto target = ResourceSymbol(model_, node);
        if (target) {
          Reference(target, node);
        } else if (b.kind == Binding::Kind::Symbol) {
          Reference(b.symbol, base);
        }
        return;
      }
      case NodeKind::ObjectProperty: {
        auto key = tree_.child(node, 0);
        if (key && KindOf(tree_, key) != NodeKind::Identifier) {
          Resolve(key, depth + 1);
        }
        Resolve(tree_.child(node, 1), depth + 1);
        return;
      }
      case NodeKind::ForExpr: {
        Resolve(tree_.child(node, 2), depth + 1);
        PushLoopScope(node);
        Resolve(tree_.child(node, 3), depth + 1);
        scopes_.pop_back();
        return;
      }
      case NodeKind::Lambda:
      case NodeKind::TypedLambda: {
        Scope s;
        auto kids = tree_.children(node);
        for (auto k : kids) {
          if (KindOf(tree_, k) == NodeKind::LocalVariable || KindOf(tree_, k) == NodeKind::TypedLocalVariable) {
            s.names[std::string{SafeText(tree_, k)}] = Binding{Binding::Kind::Local, {}, k, {}};
          }
        }
        scopes_.push_back(std::move(s));
        if (!kids.empty()) {
          Resolve(kids.back(), depth + 1);
        }
        scopes_.pop_back();
        return;
      }
      case NodeKind::Identifier:
      case NodeKind::ResourceDecl:  // nested declarations are resolved separately
        return;
      default:
        break;
    }
    for (auto kid : tree_.children(node)) {
      Resolve(kid, depth + 1);
    }
  }

  auto ArgsRange(NodeId call, NodeId name) const -> source::SourceRange {
    auto text = tree_.file().text();
    auto begin = tree_.range(name).end;
    while (begin < tree_.range(call).end && text[begin] != '(') {
      ++begin;
    }
    return source::SourceRange{begin, tree_.range(call).end};
  }

  void CheckArgCount(NodeId call, NodeId name, const stdlib::FunctionInfo& info, std::size_t count) {
    auto n = static_cast<int>(count);
    if (n < info.min_args || (info.max_args >= 0 && n > info.max_args)) {
      ErrorAt(DiagnosticKind::ArgumentCountMismatch, ArgsRange(call, name),
              {stdlib::ExpectedArgumentsText(info), std::to_string(n)});
    }
  }

  void Banned(const BannedFunction& banned, NodeId name_node) {
    if (banned.kind == DiagnosticKind::FunctionNotSupportedOperatorAvailable) {
      Error(banned.kind, name_node, {std::string{banned.name}, std::string{banned.op}});
    } else {
      Error(banned.kind, name_node);
    }
  }
  // A name that is no declaration: a function used as a value (BCP063), a banned function, or
  // unknown (BCP057, or BCP082 with the official spelling suggestion among the ambient types).
  void UnknownName(NodeId node, std::string_view name) {
    if (const auto* banned = FindBanned(name)) {
      Banned(*banned, node);
      return;
    }
    if (stdlib::FindFunction(name)) {
      Error(DiagnosticKind::SymbolIsNotAValue, node, {std::string{name}});
      return;
    }
    static const auto candidates = AmbientNames();
    if (auto suggestion = type_check::SpellingSuggestion(name, candidates)) {
      Error(DiagnosticKind::FunctionDoesNotExist, node, {std::string{name}, *suggestion});
    } else {
      Error(DiagnosticKind::SymbolicNameDoesNotExist, node, {std::string{name}});
    }
  }

  void ResolveCall(NodeId call, std::uint32_t depth) {
    auto kids = tree_.children(call);
    auto name_node = tree_.child(call, 0);
    for (std::size_t i = 1; i < kids.size(); ++i) {
      Resolve(kids[i], depth + 1);
    }
    if (!name_node) {
      return;
    }
    auto name = SafeText(tree_, name_node);
    auto g = model_.globals_.find(std::string{name});
    if (g != model_.globals_.end() &&
        (model_.symbol(g->second).kind == SymbolKind::Function || model_.symbol(g->second).kind == SymbolKind::Import)) {
      model_.bindings_[call.index] = Binding{Binding::Kind::UserFunction, g->second, {}, {}};
      Reference(g->second, call);
      if (model_.symbol(g->second).kind == SymbolKind::Function) {
        // a `func` declaration takes exactly its parameters
        auto lambda = tree_.child(model_.symbol(g->second).decl, 2);
        bool broken = false;  // a signature with syntax errors: no count to check against
        for (auto k : lambda ? tree_.children(lambda) : std::span<const NodeId>{}) {
          if (KindOf(tree_, k) == NodeKind::Error) broken = true;
          if (KindOf(tree_, k) == NodeKind::TypedLocalVariable &&
              (SafeText(tree_, k).empty() || !tree_.child(k, 0) || KindOf(tree_, tree_.child(k, 0)) == NodeKind::Error)) {
            broken = true;
          }
        }
        if (lambda && KindOf(tree_, lambda) == NodeKind::TypedLambda && !broken) {
          int params = 0;
          for (auto k : tree_.children(lambda)) params += KindOf(tree_, k) == NodeKind::TypedLocalVariable ? 1 : 0;
          CheckArgCount(call, name_node, stdlib::FunctionInfo{stdlib::Namespace::Sys, name, params, params, "", 0},
                        kids.size() - 1);
        }
      }
      return;
    }
    if (g != model_.globals_.end()) {
      // a declaration of that name shadows the built-in functions
      if (auto known = stdlib::FindFunction(name)) {
        Error(DiagnosticKind::NotAFunctionUseNamespace, name_node,
              {std::string{name}, known->ns == stdlib::Namespace::Sys ? "sys" : "az", std::string{name}});
      } else {
        Error(DiagnosticKind::SymbolIsNotAFunction, name_node, {std::string{name}});
      }
      return;
    }
    if (const auto* banned = FindBanned(name)) {
      Banned(*banned, name_node);
      return;
    }
    auto info = stdlib::FindFunction(name);
    if (!info) {
      static const auto candidates = KnownFunctionNames(std::nullopt);
      if (auto suggestion = type_check::SpellingSuggestion(name, candidates)) {
        Error(DiagnosticKind::FunctionDoesNotExist, name_node, {std::string{name}, *suggestion});
      } else {
        Error(DiagnosticKind::SymbolicNameDoesNotExist, name_node, {std::string{name}});
      }
      return;
    }
    model_.bindings_[call.index] = Binding{Binding::Kind::BuiltinFunction, {}, {}, info->ns};
    CheckParamDefaultOnly(name_node, name);
    CheckArgCount(call, name_node, *info, kids.size() - 1);
  }
  // utcNow() and newGuid() only in parameter default values (BCP065); parameters files check their own.
  void CheckParamDefaultOnly(NodeId name_node, std::string_view name) {
    if ((name == "utcNow" || name == "newGuid") && !in_param_default_ && !tree_.file().path().ends_with(".bicepparam")) {
      Error(DiagnosticKind::FunctionOnlyInParamDefaults, name_node, {std::string{name}});
    }
  }

  void ResolveInstanceCall(NodeId call, std::uint32_t depth) {
    auto kids = tree_.children(call);
    auto base = tree_.child(call, 0);
    auto name_node = tree_.child(call, 1);
    Resolve(base, depth + 1);
    for (std::size_t i = 2; i < kids.size(); ++i) {
      Resolve(kids[i], depth + 1);
    }
    if (!base || !name_node || KindOf(tree_, base) != NodeKind::VariableAccess) {
      return;
    }
    const auto& b = model_.bindings_[base.index];
    if (b.kind != Binding::Kind::Namespace) {
      return;
    }
    auto name = SafeText(tree_, name_node);
    if (const auto* banned = b.ns == stdlib::Namespace::Sys ? FindBanned(name) : nullptr) {
      Banned(*banned, name_node);
      return;
    }
    auto info = stdlib::FindFunction(b.ns, name);
    if (!info) {
      static const auto sys_names = KnownFunctionNames(stdlib::Namespace::Sys);
      static const auto az_names = KnownFunctionNames(stdlib::Namespace::Az);
      std::string ns_name = b.ns == stdlib::Namespace::Sys ? "sys" : "az";
      if (auto suggestion =
              type_check::SpellingSuggestion(name, b.ns == stdlib::Namespace::Sys ? sys_names : az_names)) {
        Error(DiagnosticKind::FunctionNotInNamespaceWithSuggestion, name_node, {std::string{name}, ns_name, *suggestion});
      } else {
        Error(DiagnosticKind::FunctionNotInNamespace, name_node, {std::string{name}, ns_name});
      }
      return;
    }
    model_.bindings_[call.index] = Binding{Binding::Kind::BuiltinFunction, {}, {}, info->ns};
    CheckParamDefaultOnly(name_node, name);
    CheckArgCount(call, name_node, *info, kids.size() - 2);
  }

  void BindTargetScope(NodeId stmt) {
    auto value = tree_.child(stmt, 1);
    // ('local' is accepted too: it needs the experimental localDeploy feature, which is not modelled)
    static constexpr std::string_view kExpected = "\"'managementGroup' | 'resourceGroup' | 'subscription' | 'tenant'\"";
    if (!value) return;
    std::string literal;  // the official type name of a value that is no string
    switch (KindOf(tree_, value)) {
      case NodeKind::BooleanLiteral: literal = (tree_.node(value).flags & 1) != 0 ? "true" : "false"; break;
      case NodeKind::NullLiteral: literal = "null"; break;
      case NodeKind::IntegerLiteral: literal = std::string{SafeText(tree_, value)}; break;
      case NodeKind::Object:
        if (tree_.children(value).empty()) literal = "object";
        break;
      default: break;
    }
    if (!literal.empty()) {
      Error(DiagnosticKind::InvalidTargetScope, value, {std::string{kExpected}, fmt::format("\"{}\"", literal)});
      return;
    }
    if (KindOf(tree_, value) != NodeKind::String || !tree_.children(value).empty()) {
      return;
    }
    const auto& text = tree_.StringSegments(value)[0];
    if (text == "resourceGroup") {
      model_.target_scope_ = TargetScope::ResourceGroup;
    } else if (text == "subscription") {
      model_.target_scope_ = TargetScope::Subscription;
    } else if (text == "managementGroup") {
      model_.target_scope_ = TargetScope::ManagementGroup;
    } else if (text == "tenant") {
      model_.target_scope_ = TargetScope::Tenant;
    } else if (text == "local") {
      model_.target_scope_ = TargetScope::Local;
    } else {
      Error(DiagnosticKind::InvalidTargetScope, value, {std::string{kExpected}, fmt::format("\"'{}'\"", text)});
    }
  }

  // `parent: sym` (or `parent: a::b`) sets the parent of a top-level resource.
  void ResolveParents() {
    for (auto& [index, info] : model_.resources_) {
      if (!info.body || info.parent) {
        continue;
      }
      for (auto prop : tree_.children(info.body)) {
        if (KindOf(tree_, prop) != NodeKind::ObjectProperty) {
          continue;
        }
        auto key = tree_.child(prop, 0);
        if (!key || KindOf(tree_, key) != NodeKind::Identifier || SafeText(tree_, key) != "parent") {
          continue;
        }
        auto value = tree_.child(prop, 1);
        info.parent = ResourceSymbolOf(value);
        if (value && KindOf(tree_, value) == NodeKind::ArrayAccess) {
          info.parent_index = tree_.child(value, 1);
        }
      }
    }
  }

 public:
  // The resource symbol an expression names directly (sym, a::b, sym[i]), if any.
  static auto ResourceSymbol(const SemanticModel& model, NodeId expr) -> SymbolId {
    const auto& tree = model.tree();
    for (int guard = 0; expr && guard < 64; ++guard) {
      switch (KindOf(tree, expr)) {
        case NodeKind::VariableAccess: {
          const auto& b = model.binding(expr);
          if (b.kind == Binding::Kind::Symbol && model.resource(b.symbol)) {
            return b.symbol;
          }
          return {};
        }
        case NodeKind::ResourceAccess: {
          auto base = ResourceSymbol(model, tree.child(expr, 0));
          auto name = tree.child(expr, 1);
          if (!base || !name) {
            return {};
          }
          for (std::uint32_t i = 0; i < model.symbols().size(); ++i) {
            const auto& s = model.symbols()[i];
            if (s.parent == base && s.name == SafeText(tree, name)) {
              return SymbolId{i};
            }
          }
          return {};
        }
        case NodeKind::Parenthesized:
        case NodeKind::NonNullAssert:
        case NodeKind::ArrayAccess: expr = tree.child(expr, 0); break;
        default: return {};
      }
    }
    return {};
  }

 private:
  auto ResourceSymbolOf(NodeId expr) const -> SymbolId { return ResourceSymbol(model_, expr); }

  void CheckCycles() {
    auto n = model_.symbols_.size();
    // Tarjan's SCC, iterative.
    std::vector<int> index(n, -1);
    std::vector<int> low(n, 0);
    std::vector<bool> on_stack(n, false);
    std::vector<std::uint32_t> stack;
    std::vector<int> component(n, -1);
    int counter = 0;
    int components = 0;
    for (std::uint32_t start = 0; start < n; ++start) {
      if (index[start] >= 0) {
        continue;
      }
      std::vector<std::pair<std::uint32_t, std::size_t>> work{{start, 0}};
      while (!work.empty()) {
        auto& [v, edge] = work.back();
        if (edge == 0 && index[v] < 0) {
          index[v] = low[v] = counter++;
          stack.push_back(v);
          on_stack[v] = true;
        }
        const auto& refs = model_.references_[v];
        if (edge < refs.size()) {
          auto w = refs[edge].first.index;
          ++edge;
          if (index[w] < 0) {
            work.emplace_back(w, 0);
          } else if (on_stack[w]) {
            low[v] = std::min(low[v], index[w]);
          }
          continue;
        }
        if (low[v] == index[v]) {
          while (true) {
            auto w = stack.back();
            stack.pop_back();
            on_stack[w] = false;
            component[w] = components;
            if (w == v) {
              break;
            }
          }
          ++components;
        }
        auto finished = v;
        work.pop_back();
        if (!work.empty()) {
          auto parent = work.back().first;
          low[parent] = std::min(low[parent], low[finished]);
        }
      }
    }
    for (std::uint32_t v = 0; v < n; ++v) {
      for (const auto& [target, node] : model_.references_[v]) {
        if (target.index == v) {
          Error(DiagnosticKind::CyclicExpressionSelfReference, node);
        } else if (component[target.index] == component[v]) {
          auto path = CyclePath(target.index, v, component);
          Error(DiagnosticKind::CyclicExpression, node, {path});
        }
      }
    }
  }

  // "\"b\" -> \"a\"": from `from` to `to` inside one component (BFS).
  auto CyclePath(std::uint32_t from, std::uint32_t to, const std::vector<int>& component) const -> std::string {
    std::unordered_map<std::uint32_t, std::uint32_t> prev;
    std::vector<std::uint32_t> queue{from};
    prev[from] = from;
    for (std::size_t i = 0; i < queue.size() && !prev.contains(to); ++i) {
      auto v = queue[i];
      for (const auto& [t, node] : model_.references_[v]) {
        if (component[t.index] == component[from] && !prev.contains(t.index)) {
          prev[t.index] = v;
          queue.push_back(t.index);
        }
      }
    }
    std::vector<std::uint32_t> chain;
    for (auto v = to; prev.contains(v); v = prev[v]) {
      chain.push_back(v);
      if (v == from) {
        break;
      }
    }
    std::reverse(chain.begin(), chain.end());
    std::string out;
    for (auto v : chain) {
      if (!out.empty()) {
        out += "\" -> \"";  // the message template supplies the outer quotes
      }
      out += model_.symbols_[v].name;
    }
    return out;
  }

  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  SemanticModel model_;
  std::vector<Scope> scopes_;
  SymbolId current_;
  bool in_param_default_ = false;  // resolving a parameter's default value
  NodeId decorator_decl_;           // the declaration whose decorators are being resolved
  NodeKind decorator_owner_ = NodeKind::Error;  // the declaration whose decorators are being resolved
  bool depth_reported_ = false;
};

auto Bind(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink) -> SemanticModel {
  return Binder{tree, sink}.Run();
}

auto ResourceSymbolOf(const SemanticModel& model, syntax::NodeId expr) -> SymbolId {
  return Binder::ResourceSymbol(model, expr);
}

auto DecoratorName(const syntax::SyntaxTree& tree, syntax::NodeId decorator) -> std::string_view {
  return Binder::DecoratorNameOf(tree, decorator);
}

}  // namespace bicepc::semantics
