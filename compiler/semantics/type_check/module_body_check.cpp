#include "compiler/semantics/type_check/module_body_check.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "compiler/semantics/type_check/spelling.h"
#include "compiler/syntax/string_literal.h"
#include "compiler/syntax/syntax_tree.h"
#include "stdlib/types/resource_types.h"

namespace bicepc::semantics::type_check {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

struct Property {
  std::string key;
  NodeId key_node;
  NodeId value;
};

class ModuleBodies {
 public:
  ModuleBodies(const SemanticModel& model, const ModuleSignatureOf& signature_of, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, signature_of_{signature_of}, sink_{sink} {}

  void Run() {
    if (!tree_.root()) return;
    for (const auto& sym : model_.symbols()) {
      if (sym.kind != SymbolKind::Module || !sym.decl || tree_.kind(sym.decl) != NodeKind::ModuleDecl) continue;
      const auto* sig = signature_of_(sym.decl);
      if (sig == nullptr) continue;
      signatures_[sym.decl.index] = sig;
      CheckModule(sym, *sig);
    }
    CheckAccesses(tree_.root(), 0);
  }

 private:
  void Emit(DiagnosticKind kind, NodeId at, std::vector<std::string> args = {}) {
    sink_.Emit(kind, tree_.file(), tree_.range(at), std::move(args));
  }
  // Literal-keyed properties; `dynamic` when a spread or an interpolated key may add others.
  auto Properties(NodeId object, bool& dynamic) const -> std::vector<Property> {
    std::vector<Property> out;
    dynamic = false;
    for (auto p : tree_.children(object)) {
      if (!p) continue;
      if (tree_.kind(p) != NodeKind::ObjectProperty) {
        if (tree_.kind(p) != NodeKind::ResourceDecl) dynamic = true;
        continue;
      }
      auto key = tree_.child(p, 0);
      if (auto literal = syntax::LiteralKey(tree_, key)) {
        out.push_back({std::move(*literal), key, tree_.child(p, 1)});
      } else {
        dynamic = true;
      }
    }
    return out;
  }
  static auto Find(const std::vector<Property>& props, std::string_view key) -> const Property* {
    for (const auto& p : props) {
      if (p.key == key) return &p;
    }
    return nullptr;
  }
  static auto Count(const std::vector<Property>& props, std::string_view key) -> std::size_t {
    return static_cast<std::size_t>(std::count_if(props.begin(), props.end(), [&](const Property& p) { return p.key == key; }));
  }

  // An unknown property: BCP089 with a close spelling among `unspecified`, else BCP037.
  void Disallowed(const Property& p, std::string_view type, const std::vector<std::string>& unspecified) {
    if (auto suggestion = SpellingSuggestion(p.key, unspecified)) {
      Emit(DiagnosticKind::ResourceDisallowedPropertyWithSuggestionError, p.key_node, {p.key, std::string{type}, *suggestion});
      return;
    }
    std::string permissible = unspecified.empty() ? std::string{" No other properties are allowed."}
                                                  : " Permissible properties include " + QuotedList(unspecified) + ".";
    Emit(DiagnosticKind::ResourceDisallowedPropertyError, p.key_node, {p.key, std::string{type}, permissible, "", ""});
  }

  void CheckModule(const Symbol& sym, const ModuleSignature& sig) {
    auto value = tree_.child(sym.decl, 3);
    auto body = syntax::DeclarationBody(tree_, value);
    if (!body) return;
    // a loop over something that is no array has no type officially (BCP137 is reported instead)
    if (value && tree_.kind(value) == NodeKind::ForExpr && tree_.child(value, 2)) {
      auto at = tree_.range(tree_.child(value, 2)).begin;
      for (const auto& d : sink_.diagnostics()) {
        if (d.kind == DiagnosticKind::LoopIterableNotArray && d.file == &tree_.file() && d.range.begin == at) return;
      }
    }
    bool dynamic = false;
    auto props = Properties(body, dynamic);
    static const std::vector<std::string> kWritable{"dependsOn", "identity", "name", "params", "scope"};
    std::vector<std::string> unspecified;
    for (const auto& w : kWritable) {
      if (!Find(props, w)) unspecified.push_back(w);
    }
    std::sort(unspecified.begin(), unspecified.end(), CultureLess);
    for (const auto& p : props) {
      if (Count(props, p.key) > 1) continue;  // BCP025
      if (p.key == "outputs") {
        Emit(DiagnosticKind::ResourceReadOnlyPropertyError, p.key_node, {p.key, ""});
      } else if (std::find(kWritable.begin(), kWritable.end(), p.key) == kWritable.end() && p.key != "extensionConfigs") {
        Disallowed(p, "module", unspecified);
      }
    }
    bool needs_scope = sig.target_scope && *sig.target_scope != model_.target_scope() &&
                       model_.target_scope() != TargetScope::Local;
    if (!dynamic) {
      std::vector<std::string> missing;
      bool required_param = std::any_of(sig.params.begin(), sig.params.end(), [](const ModuleParameter& p) { return p.required; });
      if (required_param && !Find(props, "params")) missing.emplace_back("params");
      if (needs_scope && !Find(props, "scope")) missing.emplace_back("scope");
      std::sort(missing.begin(), missing.end(), CultureLess);
      if (!missing.empty() && sym.name_node) {
        Emit(DiagnosticKind::ResourceMissingRequiredPropertiesError, sym.name_node, {"module", QuotedList(missing), "", ""});
      }
    }
    if (sig.target_scope) {
      const auto* scope = Find(props, "scope");
      if (scope == nullptr) {
        if (needs_scope && !dynamic && value) {
          Emit(DiagnosticKind::UnsupportedModuleScope, value,
               {fmt::format("\"{}\"", TargetScopeName(model_.target_scope())), fmt::format("\"{}\"", TargetScopeName(*sig.target_scope))});
        }
      } else if (Count(props, "scope") == 1) {
        CheckScope(scope->value, *sig.target_scope);
      }
    }
    if (const auto* params = Find(props, "params"); params != nullptr && Count(props, "params") == 1) {
      CheckParams(*params, sig);
    }
  }

  // The scope a module is deployed to: a scope function's result or another module.
  void CheckScope(NodeId value, TargetScope module_scope) {
    for (int i = 0; i < kMaxDepth && value && tree_.kind(value) == NodeKind::Parenthesized; ++i) value = tree_.child(value, 0);
    if (!value) return;
    auto permitted = fmt::format("\"{}\"", TargetScopeName(module_scope));
    std::string_view supplied;
    switch (tree_.kind(value)) {
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        const auto& b = model_.binding(value);
        if (b.kind != Binding::Kind::BuiltinFunction) return;
        auto name = tree_.text(tree_.child(value, tree_.kind(value) == NodeKind::FunctionCall ? 0 : 1));
        if (name == "resourceGroup" || name == "subscription" || name == "managementGroup" || name == "tenant") {
          supplied = name;
        }
        // without arguments, resourceGroup() needs a resource group file, subscription() one of a
        // subscription or below, managementGroup() a management group file (BCP071 otherwise)
        auto args = tree_.children(value).size() - (tree_.kind(value) == NodeKind::FunctionCall ? 1 : 2);
        auto file = model_.target_scope();
        if (args == 0 && ((name == "resourceGroup" && file != TargetScope::ResourceGroup) ||
                          (name == "subscription" && file != TargetScope::ResourceGroup && file != TargetScope::Subscription) ||
                          (name == "managementGroup" && file != TargetScope::ManagementGroup))) {
          return;
        }
        break;
      }
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(value);
        if (b.kind != Binding::Kind::Symbol || model_.symbol(b.symbol).kind != SymbolKind::Module) return;
        const auto* info = model_.resource(b.symbol);
        if (info != nullptr && info->loop) {
          Emit(DiagnosticKind::ResourcePropertyTypeMismatchError, value,
               {"scope", std::string{TargetScopeName(module_scope)}, "module[]", "", ""});
          return;
        }
        supplied = "module";
        break;
      }
      case NodeKind::String:
        if (tree_.children(value).empty()) {
          Emit(DiagnosticKind::ResourcePropertyTypeMismatchError, value,
               {"scope", std::string{TargetScopeName(module_scope)}, syntax::QuoteStringLiteral(tree_.StringSegments(value)[0]), "", ""});
        }
        return;
      default: return;
    }
    if (supplied.empty() || supplied == TargetScopeName(module_scope)) return;
    Emit(DiagnosticKind::UnsupportedModuleScope, value, {fmt::format("\"{}\"", supplied), permitted});
  }

  void CheckParams(const Property& params, const ModuleSignature& sig) {
    auto object = params.value;
    if (!object || tree_.kind(object) != NodeKind::Object) return;
    bool dynamic = false;
    auto props = Properties(object, dynamic);
    if (!dynamic) {
      std::vector<std::string> missing;
      for (const auto& p : sig.params) {
        if (p.required && !Find(props, p.name)) missing.push_back(p.name);
      }
      std::sort(missing.begin(), missing.end(), CultureLess);
      if (!missing.empty()) {
        Emit(DiagnosticKind::ResourceMissingRequiredPropertiesError, params.key_node, {"object", QuotedList(missing), "", ""});
      }
    }
    std::vector<std::string> unspecified;
    for (const auto& p : sig.params) {
      if (!Find(props, p.name)) unspecified.push_back(p.name);
    }
    std::sort(unspecified.begin(), unspecified.end(), CultureLess);
    for (const auto& p : props) {
      if (Count(props, p.key) > 1) continue;
      auto declared = std::find_if(sig.params.begin(), sig.params.end(), [&](const ModuleParameter& m) { return m.name == p.key; });
      if (declared == sig.params.end()) {
        Disallowed(p, "params", unspecified);
        continue;
      }
      CheckValue(p, *declared);
    }
  }

  // A literal value against a parameter's declared type.
  void CheckValue(const Property& p, const ModuleParameter& param) {
    auto v = p.value;
    for (int i = 0; i < kMaxDepth && v && tree_.kind(v) == NodeKind::Parenthesized; ++i) v = tree_.child(v, 0);
    if (!v || param.type.empty()) return;
    std::string_view kind;
    std::string actual;
    switch (tree_.kind(v)) {
      case NodeKind::String:
        kind = "string";
        actual = tree_.children(v).empty() ? syntax::QuoteStringLiteral(tree_.StringSegments(v)[0]) : "string";
        break;
      case NodeKind::IntegerLiteral:
        kind = "int";
        actual = std::string{tree_.text(v)};
        break;
      case NodeKind::BooleanLiteral:
        kind = "bool";
        actual = (tree_.node(v).flags & 1) != 0 ? "true" : "false";
        break;
      case NodeKind::Object:
        kind = "object";
        actual = "object";
        break;
      default: return;
    }
    if (kind == "object" && param.type != "object") return;  // an object literal's type name is its shape
    // the expected type's name: its members (null too when the parameter is optional), sorted
    std::vector<std::string> members;
    for (const auto& a : param.allowed) members.push_back(syntax::QuoteStringLiteral(a));
    if (members.empty()) members.push_back(param.type);
    std::vector<std::string> literals = members;
    if (param.nullable) members.emplace_back("null");
    std::sort(members.begin(), members.end(), CultureLess);
    std::string expected;
    for (const auto& m : members) expected += (expected.empty() ? "" : " | ") + m;
    if (kind == param.type) {
      if (param.allowed.empty() || kind != "string" || !tree_.children(v).empty()) return;
      if (std::find(param.allowed.begin(), param.allowed.end(), tree_.StringSegments(v)[0]) != param.allowed.end()) return;
      // "did you mean" only when every member is a string literal
      std::sort(literals.begin(), literals.end(), CultureLess);
      auto suggestion = param.nullable ? std::nullopt : SpellingSuggestion(actual, literals);
      if (suggestion) {
        Emit(DiagnosticKind::ResourceStringLiteralMismatchWithSuggestionError, v, {p.key, expected, actual, *suggestion});
      } else {
        Emit(DiagnosticKind::ResourcePropertyTypeMismatchError, v, {p.key, expected, actual, "", ""});
      }
      return;
    }
    Emit(DiagnosticKind::ResourcePropertyTypeMismatchError, v, {p.key, expected, actual, "", ""});
  }

  // `mod.x` and `mod.outputs.x` name what a module has.
  void CheckAccesses(NodeId n, int depth) {
    if (!n || depth > kMaxDepth) return;
    if (tree_.kind(n) == NodeKind::PropertyAccess && (tree_.node(n).flags & 1) == 0) CheckAccess(n);
    for (auto k : tree_.children(n)) CheckAccesses(k, depth + 1);
  }
  // The official name of the type of a (possibly indexed) resource reference: the type for one in
  // the catalogue, `type@version` for one without type data.
  auto ResourceTypeName(NodeId base) const -> std::optional<std::string> {
    if (!base) return std::nullopt;
    bool indexed = tree_.kind(base) == NodeKind::ArrayAccess;
    if (indexed) base = tree_.child(base, 0);
    if (!base || tree_.kind(base) != NodeKind::VariableAccess) return std::nullopt;
    const auto& b = model_.binding(base);
    if (b.kind != Binding::Kind::Symbol || model_.symbol(b.symbol).kind != SymbolKind::Resource) return std::nullopt;
    const auto* info = model_.resource(b.symbol);
    if (info == nullptr || info->type.empty() || static_cast<bool>(info->loop) != indexed) return std::nullopt;
    if (stdlib::types::Catalogue::Embedded().Find(info->type, info->api_version)) return info->type;
    return info->api_version.empty() ? info->type : info->type + "@" + info->api_version;
  }
  // The module declaration a (possibly indexed) reference names, and its signature.
  auto ModuleOf(NodeId base) const -> const ModuleSignature* {
    if (!base) return nullptr;
    bool indexed = tree_.kind(base) == NodeKind::ArrayAccess;
    if (indexed) base = tree_.child(base, 0);
    if (!base || tree_.kind(base) != NodeKind::VariableAccess) return nullptr;
    const auto& b = model_.binding(base);
    if (b.kind != Binding::Kind::Symbol || model_.symbol(b.symbol).kind != SymbolKind::Module) return nullptr;
    const auto* info = model_.resource(b.symbol);
    if (info == nullptr || static_cast<bool>(info->loop) != indexed) return nullptr;
    auto it = signatures_.find(model_.symbol(b.symbol).decl.index);
    return it == signatures_.end() ? nullptr : it->second;
  }
  void CheckAccess(NodeId access) {
    auto base = tree_.child(access, 0);
    auto name = tree_.child(access, 1);
    if (!base || !name || tree_.kind(name) != NodeKind::Identifier) return;
    auto property = std::string{tree_.text(name)};
    bool write_only = property == "dependsOn" || property == "scope";
    if (ModuleOf(base) != nullptr) {
      static const std::vector<std::string> kReadable{"identity", "name", "outputs"};
      if (write_only || property == "params") {
        Emit(DiagnosticKind::WriteOnlyProperty, name, {property, "module"});
      } else if (std::find(kReadable.begin(), kReadable.end(), property) == kReadable.end()) {
        UnknownProperty(name, "module", property, kReadable);
      }
      return;
    }
    if (write_only) {
      if (auto type = ResourceTypeName(base)) Emit(DiagnosticKind::WriteOnlyProperty, name, {property, *type});
      return;
    }
    // mod.outputs.x
    if (tree_.kind(base) != NodeKind::PropertyAccess || (tree_.node(base).flags & 1) != 0) return;
    auto outputs_name = tree_.child(base, 1);
    if (!outputs_name || tree_.text(outputs_name) != "outputs") return;
    const auto* sig = ModuleOf(tree_.child(base, 0));
    if (sig == nullptr) return;
    if (std::find(sig->outputs.begin(), sig->outputs.end(), property) != sig->outputs.end()) return;
    auto outputs = sig->outputs;
    std::sort(outputs.begin(), outputs.end(), CultureLess);
    UnknownProperty(name, "outputs", property, outputs);
  }
  // BCP083 with a close spelling, else BCP053 with what there is (BCP052 when nothing).
  void UnknownProperty(NodeId at, std::string_view type, const std::string& property, const std::vector<std::string>& available) {
    if (auto suggestion = SpellingSuggestion(property, available)) {
      Emit(DiagnosticKind::UnknownPropertyWithSuggestion, at, {std::string{type}, property, *suggestion});
    } else if (available.empty()) {
      Emit(DiagnosticKind::UnknownPropertyOnType, at, {std::string{type}, property});
    } else {
      Emit(DiagnosticKind::UnknownPropertyWithAvailableProperties, at, {std::string{type}, property, QuotedList(available)});
    }
  }

  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  const ModuleSignatureOf& signature_of_;
  diagnostics::DiagnosticSink& sink_;
  std::unordered_map<std::uint32_t, const ModuleSignature*> signatures_;  // by ModuleDecl node
};

}  // namespace

void CheckModuleBodies(const SemanticModel& model, const ModuleSignatureOf& signature_of,
                       diagnostics::DiagnosticSink& sink) {
  ModuleBodies{model, signature_of, sink}.Run();
}

}  // namespace bicepc::semantics::type_check
