#include "compiler/semantics/secret_placement.h"

#include <string_view>

#include "compiler/source/ascii.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using source::EqualsIgnoreCase;

using syntax::NodeId;
using syntax::NodeKind;
using syntax::SyntaxTree;

constexpr int kMaxDepth = 2000;

class SecretPlacement {
 public:
  SecretPlacement(const SemanticModel& model, const SecureParamsOf& secure_params, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, secure_params_{secure_params}, sink_{sink} {}

  void Run() { Visit(tree_.root(), {}, 0); }

 private:
  // Where a node stands: `allowed` when it is the value of a @secure() module parameter (directly
  // or through ternaries); `unknown` inside a module whose parameters cannot be read, or in a
  // place these checks leave alone (nested parameter objects, extension configurations).
  struct Place {
    bool allowed = false;
    bool unknown = false;
  };

  void Visit(NodeId n, Place place, int depth) {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::ModuleDecl: VisitModule(n, depth); return;
      case NodeKind::InstanceFunctionCall:
        if (IsGetSecret(n) && !place.allowed && !place.unknown) {
          sink_.Emit(diagnostics::DiagnosticKind::FunctionOnlyInSecureModuleParameter, tree_.file(), tree_.range(n),
                     {"getSecret"});
        }
        break;
      case NodeKind::Ternary:
        Visit(tree_.child(n, 0), {.allowed = false, .unknown = place.unknown}, depth + 1);
        Visit(tree_.child(n, 1), place, depth + 1);
        Visit(tree_.child(n, 2), place, depth + 1);
        return;
      case NodeKind::Parenthesized: Visit(tree_.child(n, 0), place, depth + 1); return;
      default: break;
    }
    for (auto k : tree_.children(n)) Visit(k, {.allowed = false, .unknown = place.unknown}, depth + 1);
  }

  void VisitModule(NodeId module, int depth) {
    auto secure = secure_params_ ? secure_params_(module) : std::nullopt;
    const auto* info = model_.resource(model_.Lookup(tree_.text(tree_.child(module, 1))));
    NodeId body = info != nullptr && info->symbol && model_.symbol(info->symbol).decl == module ? info->body : NodeId{};
    for (auto k : tree_.children(module)) {
      if (!body || !Contains(k, body)) {
        Visit(k, {.allowed = false, .unknown = !secure}, depth + 1);
        continue;
      }
      VisitModuleValue(k, body, secure, depth + 1);
    }
  }

  // The module's value (an Object, or one inside an IfCondition / ForExpr) down to its body.
  void VisitModuleValue(NodeId n, NodeId body, const std::optional<std::set<std::string>>& secure, int depth) {
    if (n != body) {
      for (auto k : tree_.children(n)) {
        if (Contains(k, body)) VisitModuleValue(k, body, secure, depth + 1);
        else Visit(k, {.allowed = false, .unknown = !secure}, depth + 1);
      }
      return;
    }
    for (auto property : tree_.children(body)) {
      if (!property || tree_.kind(property) != NodeKind::ObjectProperty) {
        Visit(property, {.allowed = false, .unknown = !secure}, depth + 1);
        continue;
      }
      auto key = syntax::LiteralKey(tree_, tree_.child(property, 0));
      auto value = tree_.child(property, 1);
      if (key == "extensionConfigs") {
        Visit(value, {.allowed = false, .unknown = true}, depth + 1);
      } else if (key == "params" && value && tree_.kind(value) == NodeKind::Object) {
        for (auto param : tree_.children(value)) {
          if (!param || tree_.kind(param) != NodeKind::ObjectProperty) {
            Visit(param, {.allowed = false, .unknown = !secure}, depth + 1);
            continue;
          }
          auto name = syntax::LiteralKey(tree_, tree_.child(param, 0));
          bool allowed = secure && name && secure->contains(*name);
          Visit(tree_.child(param, 1), {.allowed = allowed, .unknown = !secure}, depth + 1);
        }
      } else {
        Visit(value, {.allowed = false, .unknown = !secure}, depth + 1);
      }
    }
  }

  auto Contains(NodeId outer, NodeId inner) const -> bool {
    if (!outer) return false;
    auto o = tree_.range(outer);
    auto i = tree_.range(inner);
    return o.begin <= i.begin && i.end <= o.end;
  }

  // `vault.getSecret(...)` on a Key Vault resource.
  auto IsGetSecret(NodeId call) const -> bool {
    if (tree_.text(tree_.child(call, 1)) != "getSecret") return false;
    auto symbol = ResourceSymbolOf(model_, tree_.child(call, 0));
    const auto* info = symbol ? model_.resource(symbol) : nullptr;
    return info != nullptr && EqualsIgnoreCase(info->type, "Microsoft.KeyVault/vaults");
  }

  const SemanticModel& model_;
  const SyntaxTree& tree_;
  const SecureParamsOf& secure_params_;
  diagnostics::DiagnosticSink& sink_;
};

}  // namespace

void CheckSecretPlacement(const SemanticModel& model, const SecureParamsOf& secure_params,
                          diagnostics::DiagnosticSink& sink) {
  SecretPlacement{model, secure_params, sink}.Run();
}

}  // namespace bicepc::semantics
