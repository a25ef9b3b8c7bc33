#include "compiler/driver/params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "compiler/driver/compile.h"
#include "compiler/driver/config.h"
#include "compiler/semantics/type_check/duplicate_properties.h"
#include "compiler/semantics/type_check/function_args_check.h"
#include "compiler/emit/json_writer.h"
#include "compiler/eval/arm_expression.h"
#include "compiler/eval/evaluate.h"
#include "compiler/ir/template.h"
#include "compiler/source/ascii.h"
#include "compiler/syntax/parse.h"
#include "compiler/syntax/syntax_tree.h"
#include "stdlib/functions.h"

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;
using diagnostics::DiagnosticKind;
using Json = nlohmann::ordered_json;
using syntax::NodeId;
using syntax::NodeKind;

constexpr std::string_view kSchema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#";
constexpr int kMaxConvertDepth = 200;

using source::EqualsIgnoreCase;
using source::LowerAscii;

// A template parameter, as the compiled template declares it.
struct TemplateParam {
  std::string name;
  Json definition;
  auto Type() const -> std::string { return LowerAscii(definition.value("type", "")); }
  auto IsSecure() const -> bool { return Type() == "securestring" || Type() == "secureobject"; }
  auto IsRequired() const -> bool {
    return !definition.contains("defaultValue") && !definition.value("nullable", false);
  }
};

struct KeyVaultRef {
  std::string subscription_id, resource_group, vault, secret;
  std::optional<std::string> version;
  std::optional<std::string> vault_id;  // "[resourceId(..)]" when the coordinates are deployment-time values
};

auto ContainsCall(const ir::Expr& e, std::string_view name, int depth = 0) -> bool {
  if (depth > kMaxConvertDepth) return true;
  if (e.kind == ir::Expr::Kind::Call && EqualsIgnoreCase(e.text, name)) return true;
  return std::any_of(e.args.begin(), e.args.end(), [&](const ir::Expr& a) { return ContainsCall(a, name, depth + 1); });
}

// Imported user-defined functions are known to the evaluator as "<prefix><local name>" (a dotted
// name, as the evaluator expects of user-defined functions).
constexpr std::string_view kImportedFunctionPrefix = "__bicepparam_import.";

// One `param` or `var` of the parameters file.
struct Symbol {
  bool is_param = false;
  NodeId decl;
  NodeId value;
  enum class State : std::uint8_t { Pending, Evaluating, Done, Failed } state = State::Pending;
  bool invalid = false;  // in a cycle or naming something that does not resolve: references to it are BCP062
  std::optional<std::string> failure;  // a variable whose evaluation failed: why (reported at its users)
  Json result;
  std::optional<ir::Expr> expression;  // a value only known at deployment (externalInput): {"expression": "[..]"}
  std::optional<KeyVaultRef> key_vault;
};

// Converts the expressions of a parameters file to ARM function trees and evaluates them.
class ParamsEvaluator {
 public:
  ParamsEvaluator(const syntax::SyntaxTree& tree, diagnostics::DiagnosticSink& sink, const ParamsOptions& options,
                  fs::path base_dir)
      : tree_{tree}, sink_{sink}, options_{options}, base_dir_{std::move(base_dir)} {
    context_ = eval::EvalContext::WithDefaults();
  }

  void AddSymbol(std::string name, Symbol s) { symbols_.emplace(std::move(name), std::move(s)); }
  // A value known up front (a compile-time import): a variable that needs no evaluation.
  void AddValue(const std::string& name, Json value) {
    Symbol s;
    s.state = Symbol::State::Done;
    s.result = value;
    context_.variables[name] = std::move(value);
    symbols_.emplace(name, std::move(s));
  }
  // An imported name the template does not export (BCP360): using it is BCP063, calling it BCP059.
  void AddFailedImport(const std::string& name) { failed_imports_.insert(name); }
  // The names of `extensionConfig` assignments: not values, so using one is BCP063.
  void AddExtensionConfigName(const std::string& name) { extension_config_names_.insert(name); }
  void AddWildcardImport(const std::string& name, Json members) {
    wildcard_aliases_.insert(name);
    AddValue(name, std::move(members));
  }
  auto Find(std::string_view name) -> Symbol* {
    auto it = symbols_.find(std::string{name});
    return it == symbols_.end() ? nullptr : &it->second;
  }
  void Override(const std::string& name, Json value) { overrides_[name] = std::move(value); }
  void AddFunction(const std::string& name, eval::UserFunction fn) { context_.functions[name] = std::move(fn); }

  // A value that is not a symbol's (an extensionConfig property): a Key Vault reference, a value, or
  // an expression computed from external inputs. False when it failed (reported).
  struct Evaluated {
    Json value;
    std::optional<KeyVaultRef> key_vault;
    std::optional<ir::Expr> expression;
  };
  auto EvaluateFree(NodeId n) -> std::optional<Evaluated> {
    Evaluated out;
    if (auto kv = TryKeyVault(n, 1)) {
      if (!kv->has_value()) return std::nullopt;
      out.key_vault = **kv;
      return out;
    }
    failed_ = false;
    auto expr = Convert(n, 1);
    if (failed_) return std::nullopt;
    if (ContainsCall(expr, "externalInputs")) {
      out.expression = InlineValues(std::move(expr));
      return out;
    }
    auto value = eval::Evaluate(expr, context_);
    if (!value) {
      sink_.Emit(DiagnosticKind::ParamsEvaluationFailed, tree_.file(), tree_.range(n),
                 {"expression", std::string{tree_.text(n)}, value.error().message});
      return std::nullopt;
    }
    out.value = std::move(*value);
    return out;
  }
  // A property value of `extensionConfig NAME with {...}`. Only literal values, values computed from
  // them and a direct az.getSecret() can be emitted: a Key Vault reference inside an expression or
  // through a parameter or variable, and a reference to another extensionConfig, fail with the
  // official BCP338 texts. False when it failed (reported).
  auto EvaluateExtensionConfigProperty(const std::string& config, NodeId n) -> std::optional<Evaluated> {
    auto fail = [&](std::string message) -> std::optional<Evaluated> {
      sink_.Emit(DiagnosticKind::ParamsEvaluationFailed, tree_.file(), tree_.range(n),
                 {"extension config", config, std::move(message)});
      return std::nullopt;
    };
    auto inner = n;
    while (inner && tree_.kind(inner) == NodeKind::Parenthesized) inner = tree_.child(inner, 0);
    if (inner && tree_.kind(inner) == NodeKind::VariableAccess) {
      auto* s = Find(tree_.text(inner));
      if (s != nullptr && IsGetSecretCall(s->value)) {
        return fail(fmt::format("Unhandled exception during evaluating template language function '{}' is not handled.",
                                s->is_param ? "parameters" : "variables"));
      }
    }
    if (!IsGetSecretCall(inner) && Contains(n, [&](NodeId x) { return IsGetSecretCall(x); })) {
      return fail("Cannot emit unexpected expression of type ParameterKeyVaultReferenceExpression");
    }
    const bool names_config = Contains(n, [&](NodeId x) {
      return tree_.kind(x) == NodeKind::VariableAccess && Find(tree_.text(x)) == nullptr &&
             extension_config_names_.contains(std::string{tree_.text(x)});
    });
    auto evaluated = EvaluateFree(n);  // reports the name (BCP063) when it names an extensionConfig
    if (names_config) return fail("Cannot emit unexpected expression of type ExtensionConfigAssignmentReferenceExpression");
    return evaluated;
  }

  // Names in a value that is never evaluated (a variable no parameter uses): each one that does not
  // resolve is still an error (BCP057, or BCP063 for a name that is not a value), as the official binder
  // reports it.
  void CheckNames(NodeId n, int depth = 0) {
    if (!n || depth > kMaxConvertDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::VariableAccess: {
        std::string name{tree_.text(n)};
        if (std::find(lambda_names_.begin(), lambda_names_.end(), name) != lambda_names_.end()) return;
        if (Find(name) != nullptr || name == "az" || name == "sys") return;
        const bool not_a_value = failed_imports_.contains(name) || extension_config_names_.contains(name);
        sink_.Emit(not_a_value ? DiagnosticKind::SymbolIsNotAValue : DiagnosticKind::SymbolicNameDoesNotExist,
                   tree_.file(), tree_.range(n), {name});
        return;
      }
      case NodeKind::Lambda:
      case NodeKind::ForExpr: {
        auto kids = tree_.children(n);
        const auto mark = lambda_names_.size();
        const bool is_for = tree_.kind(n) == NodeKind::ForExpr;
        const std::size_t locals = is_for ? 2 : kids.size() - 1;
        if (is_for && kids.size() > 2) CheckNames(kids[2], depth + 1);  // the iterable sees no loop variable
        for (std::size_t i = 0; i < locals && i < kids.size(); ++i) {
          if (kids[i]) lambda_names_.emplace_back(tree_.text(kids[i]));
        }
        for (std::size_t i = is_for ? 3 : locals; i < kids.size(); ++i) CheckNames(kids[i], depth + 1);
        lambda_names_.resize(mark);
        return;
      }
      case NodeKind::ObjectProperty: {
        auto key = tree_.child(n, 0);
        if (key && tree_.kind(key) != NodeKind::Identifier) CheckNames(key, depth + 1);
        CheckNames(tree_.child(n, 1), depth + 1);
        return;
      }
      case NodeKind::PropertyAccess:
      case NodeKind::ResourceAccess:
        CheckNames(tree_.child(n, 0), depth + 1);  // the member name is not a reference
        return;
      case NodeKind::FunctionCall: {
        auto kids = tree_.children(n);
        for (std::size_t i = 1; i < kids.size(); ++i) CheckNames(kids[i], depth + 1);
        return;
      }
      case NodeKind::InstanceFunctionCall: {
        auto kids = tree_.children(n);
        for (std::size_t i = 0; i < kids.size(); ++i) {
          if (i != 1) CheckNames(kids[i], depth + 1);
        }
        return;
      }
      default:
        for (auto child : tree_.children(n)) CheckNames(child, depth + 1);
        return;
    }
  }

  // The `using ... with {...}` configuration: always an expression, as the official compiler emits it.
  auto ConvertInlined(NodeId n) -> std::optional<ir::Expr> {
    failed_ = false;
    auto expr = Convert(n, 1);
    if (failed_) return std::nullopt;
    return InlineValues(std::move(expr));
  }
  // bicepconfig experimentalFeaturesEnabled.deployCommands: readCliArg()/readEnvVar() are external inputs.
  void SetDeployCommands(bool on) { deploy_commands_ = on; }

  // Evaluates a symbol (and, on demand, what it references). False when it failed.
  auto Ensure(const std::string& name, int depth) -> bool {
    auto* s = Find(name);
    if (s == nullptr) return false;
    if (s->state == Symbol::State::Done) return true;
    if (s->state == Symbol::State::Failed) return false;
    auto saved_subject = std::exchange(subject_, Subject{s->is_param, name});
    struct Restore {
      Subject& target;
      Subject saved;
      ~Restore() { target = std::move(saved); }
    } restore{subject_, std::move(saved_subject)};
    if (s->state == Symbol::State::Evaluating) {
      ReportCycle(name);
      return false;
    }
    if (depth > kMaxConvertDepth) {
      EvaluationFailed(s->value, "The value is nested too deeply.");
      s->state = Symbol::State::Failed;
      return false;
    }
    s->state = Symbol::State::Evaluating;
    eval_stack_.push_back({name, NodeId{}});
    struct Pop {
      std::vector<Evaluating>& stack;
      ~Pop() { stack.pop_back(); }
    } pop{eval_stack_};
    bool ok = false;
    if (auto o = overrides_.find(name); s->is_param && o != overrides_.end()) {
      s->result = o->second;
      ok = true;
    } else if (auto kv = TryKeyVault(s->value, depth)) {
      if (kv->has_value()) {
        s->key_vault = **kv;
        ok = true;
      }
    } else {
      failed_ = false;
      auto expr = Convert(s->value, depth + 1);
      if (!failed_ && ContainsCall(expr, "externalInputs")) {
        s->expression = InlineValues(std::move(expr));
        ok = true;
      } else if (!failed_) {
        auto value = eval::Evaluate(expr, context_);
        if (value) {
          s->result = std::move(*value);
          ok = true;
        } else if (s->is_param) {
          EvaluationFailed(s->value, value.error().message);
        } else {
          // As officially: a variable that fails to evaluate is reported where a parameter uses it.
          s->failure = value.error().message;
        }
      }
    }
    s->state = ok ? Symbol::State::Done : Symbol::State::Failed;
    if (ok && !s->key_vault && !s->expression) {
      (s->is_param ? context_.parameters : context_.variables)[name] = s->result;
    }
    return ok;
  }

 private:
  // nullopt: not a getSecret value. Otherwise the reference, or nullopt inside on error (reported).
  auto TryKeyVault(NodeId value, int depth) -> std::optional<std::optional<KeyVaultRef>> {
    while (tree_.kind(value) == NodeKind::Parenthesized) value = tree_.child(value, 0);
    if (tree_.kind(value) == NodeKind::VariableAccess) {
      // `param p = v` where `var v = az.getSecret(...)`.
      auto* s = Find(tree_.text(value));
      if (s != nullptr && !s->is_param && IsGetSecretCall(s->value)) {
        if (!eval_stack_.empty()) eval_stack_.back().reference = value;
        if (!Ensure(std::string{tree_.text(value)}, depth + 1)) return std::optional<KeyVaultRef>{};
        return s->key_vault;
      }
      return std::nullopt;
    }
    if (!IsGetSecretCall(value)) return std::nullopt;
    auto args = CallArgs(value);
    if (args.size() < 4 || args.size() > 5) {
      sink_.Emit(DiagnosticKind::ArgumentCountMismatch, tree_.file(), tree_.range(value),
                 {"4 to 5 arguments", std::to_string(args.size())});
      return std::optional<KeyVaultRef>{};
    }
    std::vector<std::string> strings;
    std::vector<ir::Expr> exprs;
    bool dynamic = false;
    for (auto arg : args) {
      failed_ = false;
      auto expr = Convert(arg, depth + 1);
      if (failed_) return std::optional<KeyVaultRef>{};
      if (ContainsCall(expr, "externalInputs")) {
        expr = InlineValues(std::move(expr));
        dynamic = true;
        strings.push_back("[" + eval::FormatArmExpression(expr) + "]");
        exprs.push_back(std::move(expr));
        continue;
      }
      auto v = eval::Evaluate(expr, context_);
      if (!v || !v->is_string()) {
        EvaluationFailed(arg, v ? "The arguments of az.getSecret() must be strings." : v.error().message);
        return std::optional<KeyVaultRef>{};
      }
      strings.push_back(v->get<std::string>());
      exprs.push_back(ir::Expr::Str(v->get<std::string>()));
    }
    KeyVaultRef ref{strings[0], strings[1], strings[2], strings[3], std::nullopt, std::nullopt};
    // As officially: once any argument is only known at deployment, the vault id is a resourceId() expression
    // too (checked against the official CLI with an external secret name).
    if (dynamic) {
      ref.vault_id = "[" +
                     eval::FormatArmExpression(ir::Expr::Call(
                         "resourceId", {exprs[0], exprs[1], ir::Expr::Str("Microsoft.KeyVault"), ir::Expr::Str("vaults"),
                                        exprs[2]})) +
                     "]";
    }
    if (strings.size() == 5) ref.version = strings[4];
    return std::optional<KeyVaultRef>{ref};
  }

  // A compile-time constant as the official compiler requires for externalInput() arguments: literals,
  // and arrays and objects of them. Reports BCP032 at the first part that is not one.
  auto RequireConstant(NodeId n) -> bool {
    switch (tree_.kind(n)) {
      case NodeKind::IntegerLiteral:
      case NodeKind::BooleanLiteral:
      case NodeKind::NullLiteral:
        return true;
      case NodeKind::String:
        if (tree_.children(n).empty()) return true;
        break;
      case NodeKind::Parenthesized:
        return RequireConstant(tree_.child(n, 0));
      case NodeKind::Unary:
        if (tree_.kind(tree_.child(n, 0)) == NodeKind::IntegerLiteral) return true;
        break;
      case NodeKind::Array:
        for (auto item : tree_.children(n)) {
          if (!RequireConstant(item)) return false;
        }
        return true;
      case NodeKind::Object:
        for (auto prop : tree_.children(n)) {
          if (tree_.kind(prop) != NodeKind::ObjectProperty) return Fail(prop, DiagnosticKind::CompileTimeConstantRequired, {}), false;
          auto key = tree_.child(prop, 0);
          if (tree_.kind(key) != NodeKind::Identifier && !RequireConstant(key)) return false;
          if (!RequireConstant(tree_.child(prop, 1))) return false;
        }
        return true;
      case NodeKind::VariableAccess:
        if (failed_imports_.contains(std::string{tree_.text(n)})) {
          NameFail(n, DiagnosticKind::SymbolIsNotAValue, {std::string{tree_.text(n)}});
          return false;
        }
        break;
      case NodeKind::FunctionCall:
        if (failed_imports_.contains(std::string{tree_.text(tree_.child(n, 0))})) {
          NameFail(tree_.child(n, 0), DiagnosticKind::SymbolIsNotAFunction, {std::string{tree_.text(tree_.child(n, 0))}});
          return false;
        }
        break;
      default:
        break;
    }
    Fail(n, DiagnosticKind::CompileTimeConstantRequired, {});
    return false;
  }

  // externalInput(kind[, config]) -> externalInputs('<kind>_<n>'): one definition per distinct
  // (kind, config), numbered in the order the official compiler visits the calls (see
  // NumberExternalInputs). `fixed_kind` is the kind of readCliArg()/readEnvVar(), whose one argument
  // is the config. Each call is converted once; a failed one fails again silently.
  auto ExternalInput(NodeId call, std::optional<std::string_view> fixed_kind, const std::vector<NodeId>& args, int depth)
      -> ir::Expr {
    if (auto done = external_calls_.find(call.index); done != external_calls_.end()) {
      if (!done->second) failed_ = true;
      return done->second.value_or(ir::Expr::Null());
    }
    auto result = [&]() -> std::optional<ir::Expr> {
      for (auto a : args) {
        if (!RequireConstant(a)) return std::nullopt;
      }
      std::size_t next = 0;
      std::optional<std::string> kind;
      if (fixed_kind) {
        kind = std::string{*fixed_kind};
      } else {
        kind = ConstantString(args[next++], depth, "externalInput");
        if (!kind) return std::nullopt;
      }
      Json def = Json::object();
      def["kind"] = *kind;
      if (next < args.size()) {
        auto expr = Convert(args[next], depth + 1);
        if (failed_) return std::nullopt;
        auto v = eval::Evaluate(expr, context_);
        if (!v) {
          if (!failed_) EvaluationFailed(args[next], v.error().message);
          failed_ = true;
          return std::nullopt;
        }
        def["config"] = std::move(*v);
      }
      auto dumped = def.dump();
      auto it = external_keys_.find(dumped);
      if (it == external_keys_.end()) {
        // The official key: the kind with every non-word character replaced by '_', then the index.
        std::string key = *kind;
        for (auto& c : key) {
          if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
        }
        key += fmt::format("_{}", external_keys_.size());
        it = external_keys_.emplace(dumped, key).first;
        external_definitions_[key] = def;
      }
      return ir::Expr::Call("externalInputs", {ir::Expr::Str(it->second)}, tree_.range(call));
    }();
    external_calls_.emplace(call.index, result);
    return result.value_or(ir::Expr::Null());
  }

 public:
  // Numbers the external inputs as the official compiler does: the calls in the parameter
  // assignments (source order, outer calls first), then those in the variables, then in the
  // `using ... with` configuration; calls with the same kind and config share one definition.
  void NumberExternalInputs(const std::vector<NodeId>& roots) {
    for (auto root : roots) {
      failed_ = false;
      VisitExternalInputCalls(root, 0);
    }
    failed_ = false;
  }

 private:
  void VisitExternalInputCalls(NodeId n, int depth) {
    if (!n || depth > kMaxConvertDepth) return;
    auto kind = tree_.kind(n);
    if (kind == NodeKind::FunctionCall || kind == NodeKind::InstanceFunctionCall) {
      auto kids = tree_.children(n);
      std::size_t first = kind == NodeKind::FunctionCall ? 1 : 2;
      bool on_sys = kind == NodeKind::FunctionCall ||
                    (tree_.kind(kids[0]) == NodeKind::VariableAccess && tree_.text(kids[0]) == "sys" && Find("sys") == nullptr);
      auto name = tree_.text(kids[first - 1]);
      bool external = EqualsIgnoreCase(name, "externalInput") ||
                      (deploy_commands_ && (EqualsIgnoreCase(name, "readCliArg") || EqualsIgnoreCase(name, "readEnvVar")));
      if (on_sys && external && kids.size() >= first) {
        failed_ = false;
        ConvertCall(n, name, {kids.begin() + static_cast<std::ptrdiff_t>(first), kids.end()}, depth);
        failed_ = false;
      }
    }
    for (auto k : tree_.children(n)) VisitExternalInputCalls(k, depth + 1);
  }

  // A value computed from external inputs cannot name the parameters file's own symbols (the
  // parameters JSON has no `parameters()` or `variables()`): references become their values, and
  // calls of user-defined functions their results, as the official InlinedParameterRewriter does.
  auto InlineValues(ir::Expr e, int depth = 0) -> ir::Expr {
    if (depth > kMaxConvertDepth) return e;
    // `ns.x` of a wildcard import is one imported variable: its value, not the namespace's.
    if (e.kind == ir::Expr::Kind::Property && e.args.size() == 1 && e.args[0].kind == ir::Expr::Kind::Call &&
        EqualsIgnoreCase(e.args[0].text, "variables") && e.args[0].args.size() == 1 &&
        wildcard_aliases_.contains(e.args[0].args[0].text)) {
      if (auto v = eval::Evaluate(e, context_)) return FromJson(*v);
    }
    for (auto& a : e.args) a = InlineValues(std::move(a), depth + 1);
    if (e.kind != ir::Expr::Kind::Call) return e;
    if ((EqualsIgnoreCase(e.text, "parameters") || EqualsIgnoreCase(e.text, "variables")) && e.args.size() == 1 &&
        e.args[0].kind == ir::Expr::Kind::String) {
      const auto& values = EqualsIgnoreCase(e.text, "parameters") ? context_.parameters : context_.variables;
      if (auto it = values.find(e.args[0].text); it != values.end()) return FromJson(it->second);
      return e;
    }
    if (context_.functions.contains(e.text) && !ContainsCall(e, "externalInputs")) {
      if (auto v = eval::Evaluate(e, context_)) return FromJson(*v);
    }
    return e;
  }

 public:
  auto IsGetSecretCall(NodeId n) const -> bool {
    if (!n) return false;
    if (tree_.kind(n) == NodeKind::FunctionCall) return EqualsIgnoreCase(tree_.text(tree_.child(n, 0)), "getSecret");
    if (tree_.kind(n) == NodeKind::InstanceFunctionCall) {
      auto base = tree_.child(n, 0);
      return tree_.kind(base) == NodeKind::VariableAccess && tree_.text(base) == "az" &&
             EqualsIgnoreCase(tree_.text(tree_.child(n, 1)), "getSecret");
    }
    return false;
  }

 private:
  template <typename Pred>
  auto Contains(NodeId n, const Pred& pred, int depth = 0) const -> bool {
    if (!n || depth > kMaxConvertDepth) return false;
    if (pred(n)) return true;
    for (auto child : tree_.children(n)) {
      if (Contains(child, pred, depth + 1)) return true;
    }
    return false;
  }

  auto CallArgs(NodeId call) const -> std::vector<NodeId> {
    auto kids = tree_.children(call);
    std::size_t first = tree_.kind(call) == NodeKind::FunctionCall ? 1 : 2;
    return first <= kids.size() ? std::vector<NodeId>{kids.begin() + static_cast<std::ptrdiff_t>(first), kids.end()}
                                : std::vector<NodeId>{};
  }

  // A symbol reached again while it is being evaluated: BCP079 when it names itself, otherwise BCP080
  // at each reference of the cycle, with the cycle read from the referenced symbol (as officially).
  void ReportCycle(const std::string& name) {
    std::size_t first = eval_stack_.size();
    for (std::size_t i = 0; i < eval_stack_.size(); ++i) {
      if (eval_stack_[i].name == name) {
        first = i;
        break;
      }
    }
    if (first == eval_stack_.size()) return;
    const auto count = eval_stack_.size() - first;
    if (count == 1) {
      if (eval_stack_[first].reference) {
        sink_.Emit(DiagnosticKind::CyclicExpressionSelfReference, tree_.file(), tree_.range(eval_stack_[first].reference));
      }
      return;
    }
    for (std::size_t j = 0; j < count; ++j) {
      cycle_members_.insert(eval_stack_[first + j].name);
      if (auto* symbol = Find(eval_stack_[first + j].name)) symbol->invalid = true;
    }
    for (std::size_t j = 0; j < count; ++j) {
      const auto& member = eval_stack_[first + j];
      if (!member.reference) continue;
      std::string chain;
      for (std::size_t k = 1; k <= count; ++k) {
        chain += (chain.empty() ? "" : "\" -> \"") + eval_stack_[first + (j + k) % count].name;
      }
      sink_.Emit(DiagnosticKind::CyclicExpression, tree_.file(), tree_.range(member.reference), {chain});
    }
  }

  // BCP338 for a parameter (or a free expression), BCP352 for a variable: the symbol being evaluated.
  void EvaluationFailed(NodeId at, std::string message) {
    if (!subject_.is_param && !subject_.name.empty()) {
      sink_.Emit(DiagnosticKind::ParamsVariableEvaluationFailed, tree_.file(), tree_.range(at), {subject_.name, std::move(message)});
    } else if (!subject_.name.empty()) {
      sink_.Emit(DiagnosticKind::ParamsEvaluationFailed, tree_.file(), tree_.range(at),
                 {"parameter", subject_.name, std::move(message)});
    } else {
      sink_.Emit(DiagnosticKind::ParamsEvaluationFailed, tree_.file(), tree_.range(at),
                 {"expression", std::string{tree_.text(at)}, std::move(message)});
    }
  }

  // A name that does not resolve: reported even after another error in the same value.
  auto NameFail(NodeId at, DiagnosticKind kind, std::vector<std::string> args) -> ir::Expr {
    sink_.Emit(kind, tree_.file(), tree_.range(at), std::move(args));
    if (auto* symbol = subject_.name.empty() ? nullptr : Find(subject_.name)) symbol->invalid = true;
    failed_ = true;
    return ir::Expr::Null();
  }

  auto Fail(NodeId at, DiagnosticKind kind, std::vector<std::string> args) -> ir::Expr {
    if (!failed_) sink_.Emit(kind, tree_.file(), tree_.range(at), std::move(args));
    failed_ = true;
    return ir::Expr::Null();
  }

  auto Unsupported(NodeId at, std::string what) -> ir::Expr {
    return Fail(at, DiagnosticKind::NotYetSupported, {std::move(what)});
  }

  // Evaluates a converted argument to a constant string (for load*/readEnvironmentVariable).
  auto ConstantString(NodeId arg, int depth, std::string_view function) -> std::optional<std::string> {
    auto expr = Convert(arg, depth + 1);
    if (failed_) return std::nullopt;
    auto v = eval::Evaluate(expr, context_);
    if (!v || !v->is_string()) {
      if (!failed_) EvaluationFailed(arg, v ? fmt::format("The argument of {}() must be a string.", function) : v.error().message);
      failed_ = true;
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  static auto FromJson(const Json& j) -> ir::Expr {
    switch (j.type()) {
      case Json::value_t::string:
        return ir::Expr::Str(j.get<std::string>());
      case Json::value_t::boolean:
        return ir::Expr::Bool(j.get<bool>());
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
        return ir::Expr::Int(j.dump());
      case Json::value_t::number_float:
        return ir::Expr::Call("json", {ir::Expr::Str(j.dump())});
      case Json::value_t::array: {
        std::vector<ir::Expr> items;
        for (const auto& item : j) items.push_back(FromJson(item));
        return ir::Expr::Array(std::move(items));
      }
      case Json::value_t::object: {
        std::vector<ir::Expr> kv;
        for (const auto& [k, v] : j.items()) {
          kv.push_back(ir::Expr::Str(k));
          kv.push_back(FromJson(v));
        }
        return ir::Expr::Object(std::move(kv));
      }
      default:
        return ir::Expr::Null();
    }
  }

  auto LoadFile(NodeId call, NodeId path_arg, int depth) -> std::optional<std::string> {
    auto rel = ConstantString(path_arg, depth, "load");
    if (!rel) return std::nullopt;
    auto full = (base_dir_ / *rel).lexically_normal().string();
    auto text = source::ReadFile(full);
    if (!text) {
      Fail(call, DiagnosticKind::FileNotReadable, {full, "no such file"});
      return std::nullopt;
    }
    return text;
  }

  auto ConvertCall(NodeId call, std::string_view name, std::vector<NodeId> args, int depth) -> ir::Expr {
    auto range = tree_.range(call);
    if (tree_.kind(call) == NodeKind::FunctionCall && failed_imports_.contains(std::string{name})) {
      return NameFail(tree_.child(call, 0), DiagnosticKind::SymbolIsNotAFunction, {std::string{name}});
    }
    if (EqualsIgnoreCase(name, "getSecret")) {
      // As officially: BCP351 at the call, and the value cannot be evaluated (BCP338).
      if (!failed_) {
        sink_.Emit(DiagnosticKind::GetSecretNotDirectlyAssigned, tree_.file(), range);
        if (auto* subject = subject_.name.empty() ? nullptr : Find(subject_.name); subject != nullptr && subject_.is_param) {
          EvaluationFailed(subject->value, "az.getSecret() can only be the whole value of a parameter.");
        }
      }
      failed_ = true;
      return ir::Expr::Null();
    }
    if (EqualsIgnoreCase(name, "externalInput") && !args.empty() && args.size() <= 2) {
      return ExternalInput(call, std::nullopt, args, depth);
    }
    if (deploy_commands_ && (EqualsIgnoreCase(name, "readCliArg") || EqualsIgnoreCase(name, "readEnvVar")) &&
        args.size() == 1) {
      return ExternalInput(call, EqualsIgnoreCase(name, "readCliArg") ? "sys.cliArg" : "sys.envVar", args, depth);
    }
    if (EqualsIgnoreCase(name, "any") && args.size() == 1) return Convert(args[0], depth + 1);
    if (EqualsIgnoreCase(name, "readEnvironmentVariable") && !args.empty() && args.size() <= 2) {
      auto var = ConstantString(args[0], depth, name);
      if (!var) return ir::Expr::Null();
      auto getter = options_.get_env;
      auto value = getter ? getter(*var) : std::nullopt;
      if (!value && args.size() == 2) {
        auto def = ConstantString(args[1], depth, name);
        if (!def) return ir::Expr::Null();
        value = *def;
      }
      if (!value) return Fail(args[0], DiagnosticKind::EnvironmentVariableDoesNotExist, {*var});
      return ir::Expr::Str(*value, range);
    }
    if (EqualsIgnoreCase(name, "loadTextContent") && !args.empty()) {
      auto text = LoadFile(call, args[0], depth);
      if (!text) return ir::Expr::Null();
      if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
      return ir::Expr::Str(*text, range);
    }
    if (EqualsIgnoreCase(name, "loadFileAsBase64") && args.size() == 1) {
      auto text = LoadFile(call, args[0], depth);
      if (!text) return ir::Expr::Null();
      return ir::Expr::Call("base64", {ir::Expr::Str(*text)}, range);
    }
    if (EqualsIgnoreCase(name, "loadJsonContent") && args.size() == 1) {
      auto text = LoadFile(call, args[0], depth);
      if (!text) return ir::Expr::Null();
      if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
      auto j = Json::parse(*text, nullptr, false, true);
      if (j.is_discarded()) {
        if (!failed_) EvaluationFailed(call, "The file does not contain valid JSON.");
        failed_ = true;
        return ir::Expr::Null();
      }
      return FromJson(j);
    }
    if (name.starts_with("load")) return Unsupported(call, fmt::format("{}() in parameters files", name));
    // What a parameters file can call: the sys functions (not utcNow()/newGuid(), BCP065) and, of
    // az, only getSecret(): any other az function does not exist here (BCP057, or BCP107 as az.x()).
    {
      auto name_node = tree_.kind(call) == NodeKind::FunctionCall ? tree_.child(call, 0) : tree_.child(call, 1);
      bool qualified_az = tree_.kind(call) == NodeKind::InstanceFunctionCall && tree_.text(tree_.child(call, 0)) == "az";
      bool qualified_sys = tree_.kind(call) == NodeKind::InstanceFunctionCall && tree_.text(tree_.child(call, 0)) == "sys";
      auto sys = qualified_az ? std::nullopt : stdlib::FindFunction(stdlib::Namespace::Sys, name);
      if (sys && (sys->flags & stdlib::kFlagParamDefaultsOnly) != 0) {
        return NameFail(name_node, DiagnosticKind::FunctionOnlyInParamDefaults, {std::string{name}});
      }
      bool user_function = context_.functions.contains(std::string{kImportedFunctionPrefix} + std::string{name});
      if (!sys && !user_function && qualified_az) {
        return NameFail(name_node, DiagnosticKind::FunctionNotInNamespace, {std::string{name}, "az"});
      }
      if (!sys && !user_function && !qualified_sys && stdlib::FindFunction(stdlib::Namespace::Az, name)) {
        return NameFail(name_node, DiagnosticKind::SymbolicNameDoesNotExist, {std::string{name}});
      }
    }
    std::vector<ir::Expr> converted;
    for (auto a : args) converted.push_back(Convert(a, depth + 1));
    if (auto fn = std::string{kImportedFunctionPrefix} + std::string{name}; context_.functions.contains(fn)) {
      return ir::Expr::Call(std::move(fn), std::move(converted), range);  // an imported user-defined function
    }
    return ir::Expr::Call(std::string{name}, std::move(converted), range);
  }

 public:
  // After a failure the rest of the value is still converted (nothing is evaluated), so that each
  // name that does not resolve is reported, as officially; other errors are reported once per value.
  auto Convert(NodeId n, int depth) -> ir::Expr {
    if (!n || tree_.kind(n) == NodeKind::Error) {
      failed_ = true;  // a syntax error, already reported
      return ir::Expr::Null();
    }
    if (depth > kMaxConvertDepth) return Fail(n, DiagnosticKind::NestingTooDeep, {std::to_string(kMaxConvertDepth)});
    auto range = tree_.range(n);
    switch (tree_.kind(n)) {
      case NodeKind::IntegerLiteral:
        return ir::Expr::Int(std::string{tree_.text(n)}, range);
      case NodeKind::BooleanLiteral:
        return ir::Expr::Bool(tree_.node(n).flags == 1, range);
      case NodeKind::NullLiteral:
        return ir::Expr::Null(range);
      case NodeKind::String: {
        auto segments = tree_.StringSegments(n);
        auto holes = tree_.children(n);
        if (holes.empty()) return ir::Expr::Str(segments[0], range);
        std::string format;
        std::vector<ir::Expr> args;
        args.push_back(ir::Expr::Str(""));
        for (std::size_t i = 0; i < segments.size(); ++i) {
          for (char c : segments[i]) {
            format += c;
            if (c == '{' || c == '}') format += c;
          }
          if (i < holes.size()) {
            format += fmt::format("{{{}}}", i);
            args.push_back(Convert(holes[i], depth + 1));
          }
        }
        args[0] = ir::Expr::Str(std::move(format));
        return ir::Expr::Call("format", std::move(args), range);
      }
      case NodeKind::Array: {
        // As in templates: [a, ...b, c] -> flatten(createArray(createArray(a), b, createArray(c))).
        std::vector<ir::Expr> items;
        std::vector<ir::Expr> chunks;
        bool spread = false;
        for (auto item : tree_.children(n)) {
          if (tree_.kind(item) == NodeKind::Spread) {
            spread = true;
            if (!items.empty()) chunks.push_back(ir::Expr::Array(std::exchange(items, {})));
            chunks.push_back(Convert(tree_.child(item, 0), depth + 1));
            continue;
          }
          items.push_back(Convert(item, depth + 1));
        }
        if (!spread) return ir::Expr::Array(std::move(items), range);
        if (!items.empty()) chunks.push_back(ir::Expr::Array(std::move(items)));
        return ir::Expr::Call("flatten", {ir::Expr::Array(std::move(chunks))}, range);
      }
      case NodeKind::Object: {
        // {a: 1, ...b} -> shallowMerge(createArray(createObject('a', 1), b)).
        std::vector<ir::Expr> kv;
        std::vector<ir::Expr> chunks;
        bool spread = false;
        for (auto prop : tree_.children(n)) {
          if (tree_.kind(prop) == NodeKind::Spread) {
            spread = true;
            if (!kv.empty()) chunks.push_back(ir::Expr::Object(std::exchange(kv, {})));
            chunks.push_back(Convert(tree_.child(prop, 0), depth + 1));
            continue;
          }
          if (tree_.kind(prop) != NodeKind::ObjectProperty) return Unsupported(prop, "this object member in parameters files");
          auto key = tree_.child(prop, 0);
          kv.push_back(tree_.kind(key) == NodeKind::Identifier ? ir::Expr::Str(std::string{tree_.text(key)})
                                                               : Convert(key, depth + 1));
          kv.push_back(Convert(tree_.child(prop, 1), depth + 1));
        }
        if (!spread) return ir::Expr::Object(std::move(kv), range);
        if (!kv.empty()) chunks.push_back(ir::Expr::Object(std::move(kv)));
        return ir::Expr::Call("shallowMerge", {ir::Expr::Array(std::move(chunks))}, range);
      }
      case NodeKind::Parenthesized:
      case NodeKind::NonNullAssert:
        return Convert(tree_.child(n, 0), depth + 1);
      case NodeKind::Unary: {
        auto operand = tree_.child(n, 0);
        if (static_cast<syntax::UnaryOp>(tree_.node(n).flags) == syntax::UnaryOp::Not) {
          return ir::Expr::Call("not", {Convert(operand, depth + 1)}, range);
        }
        if (tree_.kind(operand) == NodeKind::IntegerLiteral) return ir::Expr::Int("-" + std::string{tree_.text(operand)}, range);
        return ir::Expr::Call("sub", {ir::Expr::Int("0"), Convert(operand, depth + 1)}, range);
      }
      case NodeKind::Binary: {
        auto l = Convert(tree_.child(n, 0), depth + 1);
        auto r = Convert(tree_.child(n, 1), depth + 1);
        auto call = [&](const char* f) { return ir::Expr::Call(f, {std::move(l), std::move(r)}, range); };
        auto lower_both = [&](const char* f) {
          return ir::Expr::Call(f, {ir::Expr::Call("toLower", {std::move(l)}), ir::Expr::Call("toLower", {std::move(r)})},
                                range);
        };
        switch (static_cast<syntax::BinaryOp>(tree_.node(n).flags)) {
          case syntax::BinaryOp::LogicalOr: return call("or");
          case syntax::BinaryOp::LogicalAnd: return call("and");
          case syntax::BinaryOp::Equals: return call("equals");
          case syntax::BinaryOp::NotEquals: return ir::Expr::Call("not", {call("equals")}, range);
          case syntax::BinaryOp::EqualsInsensitive: return lower_both("equals");
          case syntax::BinaryOp::NotEqualsInsensitive: return ir::Expr::Call("not", {lower_both("equals")}, range);
          case syntax::BinaryOp::LessThan: return call("less");
          case syntax::BinaryOp::LessThanOrEqual: return call("lessOrEquals");
          case syntax::BinaryOp::GreaterThan: return call("greater");
          case syntax::BinaryOp::GreaterThanOrEqual: return call("greaterOrEquals");
          case syntax::BinaryOp::Add: return call("add");
          case syntax::BinaryOp::Subtract: return call("sub");
          case syntax::BinaryOp::Multiply: return call("mul");
          case syntax::BinaryOp::Divide: return call("div");
          case syntax::BinaryOp::Modulo: return call("mod");
          case syntax::BinaryOp::Coalesce: return call("coalesce");
        }
        return Unsupported(n, "this operator");
      }
      case NodeKind::Ternary:
        return ir::Expr::Call("if",
                              {Convert(tree_.child(n, 0), depth + 1), Convert(tree_.child(n, 1), depth + 1),
                               Convert(tree_.child(n, 2), depth + 1)},
                              range);
      case NodeKind::PropertyAccess:
        if (tree_.node(n).flags == 1) {
          return ir::Expr::Call("tryGet", {Convert(tree_.child(n, 0), depth + 1),
                                           ir::Expr::Str(std::string{tree_.text(tree_.child(n, 1))})},
                                range);
        }
        return ir::Expr::Prop(Convert(tree_.child(n, 0), depth + 1), std::string{tree_.text(tree_.child(n, 1))}, range);
      case NodeKind::ArrayAccess: {
        auto flags = tree_.node(n).flags;
        if (flags & 2) return Unsupported(n, "from-end indexing ([^i]) in parameters files");
        auto base = Convert(tree_.child(n, 0), depth + 1);
        auto index = Convert(tree_.child(n, 1), depth + 1);
        if (flags & 1) return ir::Expr::Call("tryGet", {std::move(base), std::move(index)}, range);
        return ir::Expr::Index(std::move(base), std::move(index), range);
      }
      case NodeKind::FunctionCall: {
        auto kids = tree_.children(n);
        return ConvertCall(n, tree_.text(kids[0]), {kids.begin() + 1, kids.end()}, depth);
      }
      case NodeKind::InstanceFunctionCall: {
        auto base = tree_.child(n, 0);
        if (tree_.kind(base) != NodeKind::VariableAccess || (tree_.text(base) != "sys" && tree_.text(base) != "az") ||
            Find(tree_.text(base)) != nullptr) {
          return Unsupported(n, "method calls in parameters files");
        }
        auto kids = tree_.children(n);
        return ConvertCall(n, tree_.text(kids[1]), {kids.begin() + 2, kids.end()}, depth);
      }
      case NodeKind::Lambda: {
        auto kids = tree_.children(n);
        std::vector<ir::Expr> args;
        auto mark = lambda_names_.size();
        for (std::size_t i = 0; i + 1 < kids.size(); ++i) {
          lambda_names_.emplace_back(tree_.text(kids[i]));
          args.push_back(ir::Expr::Str(std::string{tree_.text(kids[i])}));
        }
        args.push_back(Convert(kids.back(), depth + 1));
        lambda_names_.resize(mark);
        return ir::Expr::Call("lambda", std::move(args), range);
      }
      case NodeKind::VariableAccess: {
        std::string name{tree_.text(n)};
        for (auto it = lambda_names_.rbegin(); it != lambda_names_.rend(); ++it) {
          if (*it == name) return ir::Expr::Call("lambdaVariables", {ir::Expr::Str(name)}, range);
        }
        if (failed_imports_.contains(name)) return NameFail(n, DiagnosticKind::SymbolIsNotAValue, {name});
        auto* s = Find(name);
        if (s == nullptr && extension_config_names_.contains(name)) {
          return NameFail(n, DiagnosticKind::SymbolIsNotAValue, {name});
        }
        if (s == nullptr) return NameFail(n, DiagnosticKind::SymbolicNameDoesNotExist, {name});
        if (IsGetSecretCall(s->value)) return Fail(n, DiagnosticKind::ParamsSecretNotWholeValue, {});
        bool was_failed = failed_;
        if (!eval_stack_.empty()) eval_stack_.back().reference = n;
        if (!Ensure(name, depth + 1)) {
          // Already reported; a reference from outside a cycle to a declaration with such an error is
          // BCP062, as officially.
          if (s->invalid && s->state == Symbol::State::Failed && !cycle_members_.contains(subject_.name)) {
            return NameFail(n, DiagnosticKind::ReferencedDeclarationInvalid, {name});
          }
          if (s->failure) {
            auto* subject = subject_.name.empty() ? nullptr : Find(subject_.name);
            if (subject != nullptr && !subject_.is_param) {
              subject->failure = s->failure;  // passed on to the parameter that uses this variable
            } else if (!failed_) {
              EvaluationFailed(subject != nullptr ? subject->value : n,
                               fmt::format("The variable \"{}\" cannot be evaluated: {}", name, *s->failure));
            }
          }
          failed_ = true;
          return ir::Expr::Null();
        }
        failed_ = was_failed;
        if (s->key_vault) return Fail(n, DiagnosticKind::ParamsSecretNotWholeValue, {});
        if (s->expression) return *s->expression;
        return ir::Expr::Call(s->is_param ? "parameters" : "variables", {ir::Expr::Str(name)}, range);
      }
      default:
        return Unsupported(n, fmt::format("{} expressions in parameters files", syntax::NodeKindName(tree_.kind(n))));
    }
  }

 private:
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  const ParamsOptions& options_;
  fs::path base_dir_;
  eval::EvalContext context_;
  std::map<std::string, Symbol> symbols_;
  std::map<std::string, Json> overrides_;
  std::vector<std::string> lambda_names_;
  std::map<std::string, std::string> external_keys_;  // definition JSON -> key
  std::map<std::uint32_t, std::optional<ir::Expr>> external_calls_;
  std::set<std::string> wildcard_aliases_;
  std::set<std::string> failed_imports_;
  std::set<std::string> extension_config_names_;
  std::set<std::string> cycle_members_;  // `import * as ns`: variables whose members are imported variables  // call node -> its externalInputs() (nullopt: failed)
  bool failed_ = false;
  bool deploy_commands_ = false;
  struct Subject {
    bool is_param = false;
    std::string name;  // empty: a free expression
  };
  Subject subject_;
  struct Evaluating {
    std::string name;
    NodeId reference;  // where its value references the next symbol being evaluated
  };
  std::vector<Evaluating> eval_stack_;

 public:
  std::map<std::string, Json> external_definitions_;  // key -> {"kind", "config"?}, sorted by key
};

// The official display of a value's type in BCP033: literal types for literals.
auto DisplayType(const Json& v, int depth = 0) -> std::string {
  switch (v.type()) {
    case Json::value_t::string: {
      std::string out = "'";
      for (char c : v.get<std::string>()) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case Json::value_t::boolean:
      return v.get<bool>() ? "true" : "false";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return v.dump();
    case Json::value_t::null:
      return "null";
    case Json::value_t::array: {
      if (depth > 0) return "array";
      std::string out = "[";
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i].is_structured()) return "array";
        out += (i ? ", " : "") + DisplayType(v[i], depth + 1);
      }
      return out + "]";
    }
    default:
      return "object";
  }
}

auto MatchesType(const std::string& type, const Json& v) -> bool {
  if (type == "string" || type == "securestring") return v.is_string();
  if (type == "int") return v.is_number_integer();
  if (type == "bool") return v.is_boolean();
  if (type == "object" || type == "secureobject") return v.is_object();
  if (type == "array") return v.is_array();
  return true;
}

auto DeclaredTypeName(const std::string& type) -> std::string {
  if (type == "securestring") return "string";
  if (type == "secureobject") return "object";
  return type;
}

// The declared return type of a built-in function call at the top of a value ("string", "any", ...), as
// the official type checker sees it before any evaluation; nullopt for other expressions.
auto CallReturnType(const syntax::SyntaxTree& tree, NodeId n) -> std::optional<std::string_view> {
  for (int depth = 0; n && tree.kind(n) == NodeKind::Parenthesized && depth < 64; ++depth) n = tree.child(n, 0);
  if (!n || tree.kind(n) != NodeKind::FunctionCall || !tree.child(n, 0)) return std::nullopt;
  auto info = stdlib::FindFunction(tree.text(tree.child(n, 0)));
  if (!info) return std::nullopt;
  return info->return_type;
}

// Checks an evaluated value against the template's declaration (type, allowed values, bounds).
void ValidateValue(const TemplateParam& p, const Json& v, const source::SourceFile& file, source::SourceRange range,
                   diagnostics::DiagnosticSink& sink) {
  auto type = p.Type();
  if (v.is_null() && p.definition.value("nullable", false)) return;
  if (!MatchesType(type, v)) {
    sink.Emit(DiagnosticKind::ParamsValueTypeMismatch, file, range, {DeclaredTypeName(type), DisplayType(v)});
    return;
  }
  const auto& def = p.definition;
  if (auto it = def.find("allowedValues"); it != def.end() && it->is_array()) {
    bool found = false;
    for (const auto& a : *it) {
      if (a == v || (v.is_array() && std::find(v.begin(), v.end(), a) != v.end())) found = true;
    }
    if (v.is_array()) {
      found = std::all_of(v.begin(), v.end(), [&](const Json& item) {
        return std::find(it->begin(), it->end(), item) != it->end();
      });
    }
    if (!found) {
      std::vector<std::string> names;
      for (const auto& a : *it) names.push_back(DisplayType(a, 1));
      std::sort(names.begin(), names.end());
      std::string expected;
      for (const auto& n : names) expected += (expected.empty() ? "" : " | ") + n;
      sink.Emit(DiagnosticKind::ParamsValueTypeMismatch, file, range, {expected, DisplayType(v)});
      return;
    }
  }
  auto bound = [&](const char* key) -> std::optional<std::int64_t> {
    auto it = def.find(key);
    if (it == def.end() || !it->is_number_integer()) return std::nullopt;
    return it->get<std::int64_t>();
  };
  if (v.is_number_integer()) {
    auto x = v.get<std::int64_t>();
    auto lo = bound("minValue");
    auto hi = bound("maxValue");
    // As officially: the value's bound against the declared one (BCP327/BCP328).
    if (hi && x > *hi) {
      sink.Emit(DiagnosticKind::ParamsIntTooLarge, file, range, {std::to_string(x), std::to_string(*hi)});
    } else if (lo && x < *lo) {
      sink.Emit(DiagnosticKind::ParamsIntTooSmall, file, range, {std::to_string(x), std::to_string(*lo)});
    }
  }
  if (v.is_string() || v.is_array()) {
    std::int64_t len = 0;
    if (v.is_array()) {
      len = static_cast<std::int64_t>(v.size());
    } else {
      for (unsigned char c : v.get<std::string>()) {
        if ((c & 0xC0) != 0x80) len += c >= 0xF0 ? 2 : 1;
      }
    }
    auto lo = bound("minLength");
    auto hi = bound("maxLength");
    // BCP332/BCP333: the value's length against the declared bounds.
    if (hi && len > *hi) {
      sink.Emit(DiagnosticKind::ParamsLengthTooLong, file, range, {std::to_string(len), std::to_string(*hi)});
    } else if (lo && len < *lo) {
      sink.Emit(DiagnosticKind::ParamsLengthTooShort, file, range, {std::to_string(len), std::to_string(*lo)});
    }
  }
}

// When the template cannot be compiled by bicepc yet (only BCX004 "not supported" errors), its
// parameters are read from the syntax tree: name, simple type, @secure, nullability, default,
// literal unions and the length/value bounds. Returns nullopt when the file does not parse.
auto ParamsFromSyntax(const std::string& path) -> std::optional<std::vector<TemplateParam>> {
  auto text = source::ReadFile(path);
  if (!text) return std::nullopt;
  source::SourceFile file{path, std::move(*text)};
  diagnostics::DiagnosticSink sink;
  auto tree = syntax::Parse(file, sink);  // declarations with syntax errors are skipped
  std::vector<TemplateParam> out;
  for (auto stmt : tree.children(tree.root())) {
    if (tree.kind(stmt) != NodeKind::ParamDecl || !tree.child(stmt, 1) || tree.kind(tree.child(stmt, 1)) == NodeKind::Error) {
      continue;
    }
    TemplateParam p;
    p.name = std::string{tree.text(tree.child(stmt, 1))};
    p.definition = Json::object();
    auto type = tree.child(stmt, 2);
    if (type && tree.kind(type) == NodeKind::TypeNullable) {
      p.definition["nullable"] = true;
      type = tree.child(type, 0);
    }
    bool secure = false;
    for (auto deco : tree.children(tree.child(stmt, 0))) {
      auto call = tree.child(deco, 0);
      if (!call) continue;
      bool instance = tree.kind(call) == NodeKind::InstanceFunctionCall;
      if (!instance && tree.kind(call) != NodeKind::FunctionCall) continue;
      auto name = tree.text(tree.child(call, instance ? 1 : 0));
      auto arg = tree.child(call, instance ? 2 : 1);
      if (name == "secure") secure = true;
      for (const char* key : {"minLength", "maxLength", "minValue", "maxValue"}) {
        if (name != key || !arg) continue;
        bool negative = tree.kind(arg) == NodeKind::Unary;
        auto lit = negative ? tree.child(arg, 0) : arg;
        if (tree.kind(lit) != NodeKind::IntegerLiteral) continue;
        try {
          auto v = std::stoll(std::string{tree.text(lit)});
          p.definition[key] = negative ? -v : v;
        } catch (...) {
        }
      }
      if (name == "allowed" && arg && tree.kind(arg) == NodeKind::Array) {
        Json allowed = Json::array();
        for (auto item : tree.children(arg)) {
          if (tree.kind(item) == NodeKind::String && tree.children(item).empty()) {
            allowed.push_back(tree.StringSegments(item)[0]);
          } else if (tree.kind(item) == NodeKind::IntegerLiteral) {
            allowed.push_back(std::stoll(std::string{tree.text(item)}));
          } else {
            allowed = nullptr;
            break;
          }
        }
        if (allowed.is_array()) p.definition["allowedValues"] = allowed;
      }
    }
    std::string type_name;
    if (type && tree.kind(type) == NodeKind::TypeVariableAccess) {
      type_name = std::string{tree.text(type)};
    } else if (type && tree.kind(type) == NodeKind::TypePropertyAccess &&
               tree.kind(tree.child(type, 0)) == NodeKind::TypeVariableAccess &&
               tree.text(tree.child(type, 0)) == "sys") {
      type_name = std::string{tree.text(tree.child(type, 1))};  // sys.string
    } else if (type && tree.kind(type) == NodeKind::TypeUnion) {
      Json allowed = Json::array();
      for (auto member : tree.children(type)) {
        if (tree.kind(member) != NodeKind::String || !tree.children(member).empty()) {
          allowed = nullptr;
          break;
        }
        allowed.push_back(tree.StringSegments(member)[0]);
      }
      if (allowed.is_array()) {
        type_name = "string";
        p.definition["allowedValues"] = allowed;
      }
    }
    if (type_name == "string" || type_name == "int" || type_name == "bool" || type_name == "object" ||
        type_name == "array") {
      if (secure && type_name == "string") type_name = "securestring";
      if (secure && type_name == "object") type_name = "secureObject";
      p.definition["type"] = type_name;
    }
    if (tree.child(stmt, 3)) p.definition["defaultValue"] = nullptr;
    out.push_back(std::move(p));
  }
  return out;
}

auto ReferenceJson(const KeyVaultRef& ref, const char* property = "reference") -> Json {
  Json r = Json::object();
  r["keyVault"]["id"] = ref.vault_id ? *ref.vault_id : fmt::format("/subscriptions/{}/resourceGroups/{}/providers/Microsoft.KeyVault/vaults/{}",
                                    ref.subscription_id, ref.resource_group, ref.vault);
  r["secretName"] = ref.secret;
  if (ref.version) r["secretVersion"] = *ref.version;
  return Json{{property, r}};
}

auto DefaultGetEnv(const std::string& name) -> std::optional<std::string> {
  const char* v = std::getenv(name.c_str());
  if (v == nullptr) return std::nullopt;
  return std::string{v};
}

}  // namespace

// The values of a compiled template's variables, evaluated at compile time with its user-defined
// functions (variables that cannot be evaluated are left out).
struct TemplateValues {
  std::map<std::string, Json> variables;
  eval::NameMap<eval::UserFunction> functions;  // "namespace.name"
};

static auto EvaluateTemplateValues(const Json& templ) -> TemplateValues {
  auto context = eval::EvalContext::WithDefaults();
  if (auto functions = templ.find("functions"); functions != templ.end() && functions->is_array()) {
    for (const auto& group : *functions) {
      auto ns = group.value("namespace", std::string{});
      if (!group.contains("members") || !group["members"].is_object()) continue;
      for (const auto& [name, member] : group["members"].items()) {
        eval::UserFunction fn;
        if (member.contains("parameters") && member["parameters"].is_array()) {
          for (const auto& p : member["parameters"]) fn.parameter_names.push_back(p.value("name", std::string{}));
        }
        if (member.contains("output") && member["output"].is_object() && member["output"].contains("value")) {
          auto output = eval::ParseArmValue(member["output"]["value"]);
          if (output) fn.output = std::move(*output);
        }
        context.functions[ns + "." + name] = std::move(fn);
      }
    }
  }
  std::vector<std::pair<std::string, ir::Expr>> pending;
  if (auto vars = templ.find("variables"); vars != templ.end() && vars->is_object()) {
    for (const auto& [name, value] : vars->items()) {
      if (name == "copy") continue;
      auto parsed = eval::ParseArmValue(value);
      if (parsed) pending.emplace_back(name, std::move(*parsed));
    }
  }
  // Variables refer to each other in any order: evaluate until nothing more succeeds.
  for (bool progress = true; progress && !pending.empty();) {
    progress = false;
    for (auto it = pending.begin(); it != pending.end();) {
      auto value = eval::Evaluate(it->second, context);
      if (value) {
        context.variables[it->first] = std::move(*value);
        it = pending.erase(it);
        progress = true;
      } else {
        ++it;
      }
    }
  }
  TemplateValues out;
  for (const auto& [name, value] : context.variables) out.variables[name] = value;
  out.functions = std::move(context.functions);
  return out;
}

// The `from 'x.bicep'` clause of an import (where the official compiler reports on the imported file).
static auto FromClauseRange(const syntax::SyntaxTree& tree, NodeId target) -> source::SourceRange {
  auto range = tree.range(target);
  auto text = tree.file().text().substr(0, range.begin);
  auto from = text.rfind("from");
  if (from != std::string_view::npos) range.begin = static_cast<std::uint32_t>(from);
  return range;
}

// `import {a, b as c} from 'x.bicep'` / `import * as ns from 'x.bicep'` in a parameters file: the
// exported variables' values become variables of the parameters file (types need no value).
static void ImportIntoParams(const syntax::SyntaxTree& tree, NodeId stmt, const fs::path& base_dir, ParamsEvaluator& evaluator,
                      ParamsCompilation& result, std::set<std::string>& seen) {
  auto& sink = result.diagnostics;
  const auto& file = tree.file();
  auto what = tree.child(stmt, 1);
  auto target = tree.child(stmt, 2);
  if (!what || !target || tree.kind(target) != NodeKind::String || !tree.children(target).empty()) {
    sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(stmt), {"this `import` in parameters files"});
    return;
  }
  auto relative = tree.StringSegments(target)[0];
  if (!relative.ends_with(".bicep")) {
    sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(target), {"imports of non-Bicep files in parameters files"});
    return;
  }
  CompileOptions compile_options;
  compile_options.generator_version = Version();
  auto compilation = CompileBicepFile((base_dir / relative).lexically_normal().string(), compile_options);
  if (!compilation.json) {
    sink.Emit(DiagnosticKind::ParamsTemplateHasErrors, file, FromClauseRange(tree, target));
    for (const auto& d : compilation.diagnostics.Sorted()) {
      if (d.level == diagnostics::Level::Error && d.file != nullptr) sink.EmitCustom(d.code, d.level, d.message, *d.file, d.range);
    }
    for (auto& f : compilation.files) result.files.push_back(std::move(f));
    return;
  }
  auto templ = Json::parse(*compilation.json, nullptr, false);
  auto template_values = EvaluateTemplateValues(templ);
  const auto& values = template_values.variables;
  // Imported functions run at compile time; their bodies call each other by "namespace.name".
  for (const auto& [name, fn] : template_values.functions) evaluator.AddFunction(name, fn);
  std::set<std::string> exported;
  if (templ.contains("metadata") && templ["metadata"].contains("__bicep_exported_variables!")) {
    for (const auto& item : templ["metadata"]["__bicep_exported_variables!"]) exported.insert(item.value("name", std::string{}));
  }
  if (tree.kind(what) == NodeKind::WildcardImport) {
    auto alias = tree.child(what, 0);
    if (!alias) return;
    Json members = Json::object();
    for (const auto& name : exported) {
      if (auto it = values.find(name); it != values.end()) members[name] = it->second;
    }
    std::string name{tree.text(alias)};
    seen.insert(name);
    evaluator.AddWildcardImport(name, std::move(members));
    return;
  }
  // What the template exports: variables, and functions and types marked with __bicep_export!.
  std::set<std::string> exported_any = exported;
  for (const char* section : {"definitions", "functions"}) {
    if (!templ.contains(section)) continue;
    const auto& entries = templ[section];
    auto visit = [&](const Json& members) {
      if (!members.is_object()) return;
      for (const auto& [name, member] : members.items()) {
        if (member.is_object() && member.contains("metadata") && member["metadata"].value("__bicep_export!", false)) {
          exported_any.insert(name);
        }
      }
    };
    if (entries.is_array()) {
      for (const auto& group : entries) visit(group.value("members", Json::object()));
    } else {
      visit(entries);
    }
  }
  for (auto item : tree.children(what)) {
    auto original_node = tree.child(item, 0);
    auto alias = tree.child(item, 1);
    if (!original_node) continue;
    {
      std::string original = tree.kind(original_node) == NodeKind::String && tree.children(original_node).empty()
                                  ? tree.StringSegments(original_node)[0]
                                  : std::string{tree.text(original_node)};
      if (!exported_any.contains(original)) {
        sink.Emit(DiagnosticKind::ImportedSymbolNotFound, file, tree.range(original_node), {original});
        std::string local{tree.text(alias ? alias : original_node)};
        seen.insert(local);
        evaluator.AddFailedImport(local);
        continue;
      }
    }
    std::string original = tree.kind(original_node) == NodeKind::String && tree.children(original_node).empty()
                               ? tree.StringSegments(original_node)[0]
                               : std::string{tree.text(original_node)};
    std::string local{tree.text(alias ? alias : original_node)};
    if (auto fn = template_values.functions.find("__bicep." + original); fn != template_values.functions.end()) {
      seen.insert(local);
      evaluator.AddFunction(std::string{kImportedFunctionPrefix} + local, fn->second);
      continue;
    }
    if (!exported.contains(original)) continue;  // a type: no value to bind
    if (auto it = values.find(original); it != values.end()) {
      seen.insert(local);
      evaluator.AddValue(local, it->second);
    }
  }
}

auto CompileParamsSource(const std::string& path, std::string text, const ParamsOptions& input_options)
    -> ParamsCompilation {
  ParamsCompilation result;
  ParamsOptions options = input_options;
  if (!options.get_env) options.get_env = DefaultGetEnv;
  result.files.push_back(std::make_unique<source::SourceFile>(path, std::move(text)));
  const auto& file = *result.files.back();
  auto& sink = result.diagnostics;
  // Syntax errors do not stop the checks: as officially, every error of the file is reported in one
  // run (the parameters JSON is written only when there is none).
  auto tree = syntax::Parse(file, sink, syntax::ParseOptions{.kind = syntax::FileKind::BicepParam});
  // Argument types (BCP070): a value with such an error is not evaluated, as officially.
  const auto mistyped = semantics::type_check::CheckFunctionArguments(tree, sink);
  semantics::type_check::CheckDuplicateProperties(tree, sink);
  const fs::path base_dir = fs::path{path}.parent_path();

  ParamsEvaluator evaluator{tree, sink, options, base_dir};
  const auto config = LoadBicepConfig(base_dir.empty() ? fs::path{"."} : base_dir).config;
  const bool deploy_commands = config.Experimental("deployCommands");
  const bool extension_configs = config.Experimental("moduleExtensionConfigs");
  evaluator.SetDeployCommands(deploy_commands);
  std::vector<NodeId> extension_configs_decls;
  std::vector<NodeId> var_values;
  NodeId using_decl;
  std::vector<std::pair<std::string, NodeId>> assignments;  // params in source order
  std::vector<std::pair<std::string, Json>> inherited;       // from the `extends` base file
  NodeId extends_decl;
  std::set<std::string> seen;
  for (auto stmt : tree.children(tree.root())) {
    switch (tree.kind(stmt)) {
      case NodeKind::UsingDecl:
        using_decl = stmt;
        if (tree.child(stmt, 1) && !deploy_commands) {
          // At the `with` keyword and its object.
          auto range = tree.range(tree.child(stmt, 1));
          auto before = file.text().substr(0, range.begin);
          if (auto with = before.rfind("with"); with != std::string_view::npos) range.begin = static_cast<std::uint32_t>(with);
          sink.Emit(DiagnosticKind::UsingWithRequiresDeployCommands, file, range);
        } else if (!tree.child(stmt, 1) && deploy_commands) {
          sink.Emit(DiagnosticKind::UsingWithRequired, file, tree.range(stmt));
        }
        break;
      case NodeKind::ParamAssignment:
      case NodeKind::VarDecl: {
        std::string name{tree.text(tree.child(stmt, 1))};
        if (!seen.insert(name).second) {
          sink.Emit(DiagnosticKind::IdentifierMultipleDeclarations, file, tree.range(tree.child(stmt, 1)), {name});
          break;
        }
        Symbol s;
        s.is_param = tree.kind(stmt) == NodeKind::ParamAssignment;
        s.decl = stmt;
        s.value = tree.child(stmt, 3);
        if (!s.value) break;
        for (auto arg : mistyped) {
          auto r = tree.range(arg);
          auto v = tree.range(s.value);
          if (r.begin >= v.begin && r.end <= v.end) s.state = Symbol::State::Failed;  // reported: BCP070
        }
        if (s.is_param) assignments.emplace_back(name, stmt);
        else var_values.push_back(s.value);
        evaluator.AddSymbol(name, std::move(s));
        break;
      }
      case NodeKind::ExtendsDecl: {
        // The base parameters file (usually `using none`): its parameters apply unless this file
        // assigns them too.
        auto target = tree.child(stmt, 0);
        if (!target || tree.kind(target) != NodeKind::String || !tree.children(target).empty()) {
          sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(stmt), {"this `extends` target"});
          break;
        }
        static int extends_depth = 0;
        if (extends_depth >= 16) {
          sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(stmt), {"`extends` chains deeper than 16"});
          break;
        }
        ++extends_depth;
        auto base_path = (base_dir / tree.StringSegments(target)[0]).lexically_normal().string();
        auto base = CompileParamsFile(base_path, options);
        --extends_depth;
        if (base.Failed()) {
          sink.Emit(DiagnosticKind::ParamsEvaluationFailed, file, tree.range(target),
                    {"extends", tree.StringSegments(target)[0], base.usage_error.value_or("the base parameters file has errors")});
          for (const auto& d : base.diagnostics.Sorted()) {
            if (d.file != nullptr) sink.EmitCustom(d.code, d.level, d.message, *d.file, d.range);
          }
          for (auto& f : base.files) result.files.push_back(std::move(f));
          break;
        }
        auto base_json = Json::parse(*base.parameters_json, nullptr, false);
        if (base_json.is_object() && base_json.contains("parameters")) {
          for (const auto& [name, entry] : base_json["parameters"].items()) inherited.emplace_back(name, entry);
        }
        extends_decl = stmt;
        break;
      }
      case NodeKind::ImportDecl:
        ImportIntoParams(tree, stmt, base_dir, evaluator, result, seen);
        break;
      case NodeKind::ExtensionConfigAssignment:
        extension_configs_decls.push_back(stmt);
        if (auto name = tree.child(stmt, 1)) evaluator.AddExtensionConfigName(std::string{tree.text(name)});
        break;
      case NodeKind::TypeDecl:
        break;  // types only constrain vars; values are checked against the template
      case NodeKind::Error:
        break;  // reported by the parser
      default:
        sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(stmt),
                  {fmt::format("{} statements in parameters files", syntax::NodeKindName(tree.kind(stmt)))});
        break;
    }
  }
  {
    // extensionConfig names have a namespace of their own; a name assigned twice is BCP028 at each.
    std::map<std::string, std::vector<NodeId>> by_name;
    for (auto decl : extension_configs_decls) {
      if (auto name = tree.child(decl, 1)) by_name[std::string{tree.text(name)}].push_back(name);
    }
    for (const auto& [name, ids] : by_name) {
      if (ids.size() < 2) continue;
      for (auto id : ids) sink.Emit(DiagnosticKind::IdentifierMultipleDeclarations, file, tree.range(id), {name});
    }
  }
  if (!using_decl) {
    sink.Emit(DiagnosticKind::ParamsMissingUsing, file, source::SourceRange{0, 0});
    return result;
  }
  {
    std::vector<NodeId> roots;
    for (const auto& [name, stmt] : assignments) roots.push_back(tree.child(stmt, 3));
    roots.insert(roots.end(), var_values.begin(), var_values.end());
    if (deploy_commands && tree.child(using_decl, 1)) roots.push_back(tree.child(using_decl, 1));
    evaluator.NumberExternalInputs(roots);
  }

  // Resolve and compile the `using` template.
  std::vector<TemplateParam> template_params;
  bool using_none = false;
  auto target = tree.child(using_decl, 0);
  if (tree.kind(target) == NodeKind::NoneKeyword) {
    using_none = true;
  } else if (tree.kind(target) == NodeKind::String && tree.children(target).empty()) {
    std::string rel = tree.StringSegments(target)[0];
    if (rel.starts_with("br:") || rel.starts_with("br/") || rel.starts_with("ts:") || rel.starts_with("ts/")) {
      sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(target), {"registry and template spec references"});
      return result;
    }
    auto template_path = (base_dir / rel).lexically_normal().string();
    if (options.bicep_file) {
      std::error_code ec;
      if (!fs::equivalent(*options.bicep_file, template_path, ec)) {
        result.usage_error = fmt::format("Bicep file {} provided with --bicep-file option doesn't match the Bicep file "
                                         "{} referenced by the using declaration in the parameters file",
                                         *options.bicep_file, template_path);
        return result;
      }
    }
    if (!fs::path{template_path}.extension().string().ends_with("bicep")) {
      sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(target), {"`using` a JSON template"});
      return result;
    }
    CompileOptions compile_options;
    compile_options.generator_version = Version();
    auto compilation = CompileBicepFile(template_path, compile_options);
    bool only_unsupported = compilation.diagnostics.HasErrors();
    for (const auto& d : compilation.diagnostics.diagnostics()) {
      if (d.level == diagnostics::Level::Error && d.kind != DiagnosticKind::NotYetSupported) only_unsupported = false;
    }
    std::optional<std::vector<TemplateParam>> from_syntax;
    if (only_unsupported) from_syntax = ParamsFromSyntax(template_path);
    if (from_syntax) {
      template_params = std::move(*from_syntax);
    } else if (compilation.diagnostics.HasErrors() || !compilation.json) {
      sink.Emit(DiagnosticKind::ParamsTemplateHasErrors, file, tree.range(target));
      for (const auto& d : compilation.diagnostics.Sorted()) {
        if (d.level == diagnostics::Level::Error && d.file != nullptr) {
          sink.EmitCustom(d.code, d.level, d.message, *d.file, d.range);
        }
      }
      for (auto& f : compilation.files) result.files.push_back(std::move(f));
      // The assignments are still checked against the parameters the template declares.
      auto declared = ParamsFromSyntax(template_path);
      if (!declared) return result;
      template_params = std::move(*declared);
      compilation.json.reset();
    }
    auto templ = compilation.json ? Json::parse(*compilation.json, nullptr, false) : Json{};
    if (compilation.json) result.template_json = *compilation.json;
    if (!from_syntax && templ.is_object() && templ.contains("parameters") && templ["parameters"].is_object()) {
      for (const auto& [name, def] : templ["parameters"].items()) template_params.push_back({name, def});
    }
  } else {
    sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(target), {"this `using` target"});
    return result;
  }
  auto find_template_param = [&](std::string_view name) -> const TemplateParam* {
    for (const auto& p : template_params) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };

  // BICEP_PARAMETERS_OVERRIDES: a JSON object of values replacing (or adding) parameter values.
  std::vector<std::pair<std::string, Json>> override_only;
  if (auto text = options.get_env("BICEP_PARAMETERS_OVERRIDES")) {
    auto overrides = Json::parse(*text, nullptr, false);
    if (!overrides.is_object()) {
      result.usage_error = "The BICEP_PARAMETERS_OVERRIDES environment variable must be a JSON object.";
      return result;
    }
    for (const auto& [name, value] : overrides.items()) {
      if (evaluator.Find(name) != nullptr) {
        evaluator.Override(name, value);
      } else if (using_none || find_template_param(name) != nullptr) {
        override_only.emplace_back(name, value);
      }
    }
  }

  // Missing required parameters (BCP258), on the `using` declaration.
  if (!using_none) {
    std::vector<std::string> missing;
    for (const auto& p : template_params) {
      bool assigned = evaluator.Find(p.name) != nullptr && evaluator.Find(p.name)->is_param;
      bool overridden = std::any_of(override_only.begin(), override_only.end(),
                                    [&](const auto& o) { return o.first == p.name; });
      bool from_base = std::any_of(inherited.begin(), inherited.end(), [&](const auto& o) { return o.first == p.name; });
      if (p.IsRequired() && !assigned && !overridden && !from_base) missing.push_back(p.name);
    }
    std::sort(missing.begin(), missing.end());
    if (!missing.empty()) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + fmt::format("\"{}\"", m);
      sink.Emit(DiagnosticKind::ParamsMissingAssignments, file, tree.range(tree.child(using_decl, 0)), {list});
    }
  }

  Json parameters = Json::object();
  for (const auto& [name, stmt] : assignments) {
    const TemplateParam* declared = find_template_param(name);
    if (!using_none && declared == nullptr) {
      sink.Emit(DiagnosticKind::ParamsUndeclaredParameter, file, tree.range(stmt), {name});
      continue;
    }
    // A built-in call's declared return type, as officially: `any` is assignable to every parameter; a call
    // that cannot be evaluated (BCP338) has its declared type, so a primitive of another kind is BCP033
    // too, unless its arguments already have errors. An evaluated call has its value's type (below).
    auto returned = declared != nullptr ? CallReturnType(tree, tree.child(stmt, 3)) : std::nullopt;
    bool typed_by_call = returned == std::string_view{"any"};
    const auto before_evaluation = sink.size();
    const auto* pending = evaluator.Find(name);
    const bool mistyped_arguments = pending != nullptr && pending->state == Symbol::State::Failed;  // BCP070
    bool evaluated = evaluator.Ensure(name, 0);
    if (!evaluated && !mistyped_arguments && returned && declared != nullptr) {
      auto expected = DeclaredTypeName(declared->Type());
      auto primitive = [](std::string_view t) {
        return t == "string" || t == "int" || t == "bool" || t == "array" || t == "object";
      };
      const auto& emitted = sink.diagnostics();
      bool only_evaluation_failures = std::all_of(emitted.begin() + static_cast<std::ptrdiff_t>(before_evaluation),
                                                  emitted.end(), [](const diagnostics::Diagnostic& d) {
                                                    return d.kind == DiagnosticKind::ParamsEvaluationFailed;
                                                  });
      if (only_evaluation_failures && primitive(*returned) && primitive(expected) && *returned != expected) {
        sink.Emit(DiagnosticKind::ParamsValueTypeMismatch, file, tree.range(tree.child(stmt, 3)),
                  {expected, std::string{*returned}});
      }
    }
    if (!evaluated) continue;
    const auto* s = evaluator.Find(name);
    auto value_range = tree.range(tree.child(stmt, 3));
    if (s->key_vault) {
      if (declared != nullptr && !declared->IsSecure()) {
        sink.Emit(DiagnosticKind::ParamsSecretToNonSecureParameter, file, value_range, {name});
        continue;
      }
      parameters[name] = ReferenceJson(*s->key_vault);
      continue;
    }
    if (s->expression) {
      parameters[name] = Json{{"expression", "[" + eval::FormatArmExpression(*s->expression) + "]"}};
      continue;
    }
    if (declared != nullptr && !typed_by_call) ValidateValue(*declared, s->result, file, value_range, sink);
    parameters[name] = Json{{"value", s->result}};
  }
  for (auto stmt : tree.children(tree.root())) {
    if (tree.kind(stmt) != NodeKind::VarDecl || !tree.child(stmt, 1)) continue;
    const auto* s = evaluator.Find(tree.text(tree.child(stmt, 1)));
    if (s != nullptr && s->decl == stmt && s->state == Symbol::State::Pending) evaluator.CheckNames(s->value);
  }
  for (auto& [name, entry] : inherited) {
    if (seen.contains(name)) continue;  // assigned here: this file wins
    const TemplateParam* declared = find_template_param(name);
    if (!using_none && declared == nullptr) {
      sink.Emit(DiagnosticKind::ParamsUndeclaredParameter, file, tree.range(extends_decl), {name});
      continue;
    }
    if (declared != nullptr && entry.contains("value")) {
      ValidateValue(*declared, entry["value"], file, tree.range(extends_decl), sink);
    }
    parameters[name] = std::move(entry);
  }
  for (auto& [name, value] : override_only) parameters[name] = Json{{"value", std::move(value)}};

  // extensionConfig assignments (experimental moduleExtensionConfigs): by name, properties by key.
  Json extension_json = Json::object();
  if (extension_configs) {
    std::map<std::string, Json> by_name;
    for (auto decl : extension_configs_decls) {
      auto body = tree.child(decl, 2);
      if (!body || tree.kind(body) != NodeKind::Object) continue;
      std::map<std::string, Json> properties;
      const std::string config_name{tree.text(tree.child(decl, 1))};
      for (auto prop : tree.children(body)) {
        if (tree.kind(prop) == NodeKind::Spread) {
          sink.Emit(DiagnosticKind::SpreadNotPermittedHere, file, tree.range(prop));
          evaluator.CheckNames(tree.child(prop, 0));
          continue;
        }
        if (tree.kind(prop) != NodeKind::ObjectProperty) continue;
        auto key = tree.child(prop, 0);
        std::string name = tree.kind(key) == NodeKind::String && tree.children(key).empty() ? tree.StringSegments(key)[0]
                                                                                             : std::string{tree.text(key)};
        auto evaluated = evaluator.EvaluateExtensionConfigProperty(config_name, tree.child(prop, 1));
        if (!evaluated) continue;
        if (evaluated->key_vault) {
          properties[name] = ReferenceJson(*evaluated->key_vault, "keyVaultReference");
        } else if (evaluated->expression) {
          properties[name] = Json{{"expression", "[" + eval::FormatArmExpression(*evaluated->expression) + "]"}};
        } else {
          properties[name] = Json{{"value", std::move(evaluated->value)}};
        }
      }
      Json entry = Json::object();
      for (auto& [k, v] : properties) entry[k] = std::move(v);
      by_name[std::string{tree.text(tree.child(decl, 1))}] = std::move(entry);
    }
    for (auto& [k, v] : by_name) extension_json[k] = std::move(v);
  } else {
    for (auto decl : extension_configs_decls) {
      sink.Emit(DiagnosticKind::NotYetSupported, file, tree.range(decl),
                {"`extensionConfig` without the experimental feature \"moduleExtensionConfigs\""});
    }
  }
  if (sink.HasErrors()) return result;
  Json out = Json::object();
  out["$schema"] = kSchema;
  out["contentVersion"] = "1.0.0.0";
  out["parameters"] = std::move(parameters);
  std::optional<ir::Expr> using_config;
  if (deploy_commands && tree.child(using_decl, 1)) using_config = evaluator.ConvertInlined(tree.child(using_decl, 1));

  if (sink.HasErrors()) return result;
  if (!evaluator.external_definitions_.empty()) {
    Json defs = Json::object();
    for (const auto& [key, def] : evaluator.external_definitions_) defs[key] = def;
    out["externalInputDefinitions"] = std::move(defs);
  }
  if (extension_configs) out["extensionConfigs"] = std::move(extension_json);
  if (using_config) out["usingConfig"] = Json{{"expression", "[" + eval::FormatArmExpression(*using_config) + "]"}};
  result.parameters_json = emit::WriteJson(out);
  return result;
}

auto CompileParamsFile(const std::string& path, const ParamsOptions& options) -> ParamsCompilation {
  auto text = source::ReadFile(path);
  if (!text) {
    ParamsCompilation result;
    result.usage_error = fmt::format("An error occurred reading file. Could not find file '{}'.", path);
    return result;
  }
  return CompileParamsSource(path, std::move(*text), options);
}

auto ParamsStdoutJson(const ParamsCompilation& compilation) -> std::string {
  Json out = Json::object();
  out["parametersJson"] = compilation.parameters_json ? Json(*compilation.parameters_json) : Json(nullptr);
  out["templateJson"] = compilation.template_json ? Json(*compilation.template_json) : Json(nullptr);
  out["templateSpecId"] = nullptr;
  return emit::WriteJson(out);
}

}  // namespace bicepc::driver
