#include "compiler/eval/evaluate.h"

#include <charconv>
#include <utility>

#include <fmt/format.h>

#include "compiler/eval/arm_expression.h"
#include "compiler/eval/builtins.h"

namespace bicepc::eval {

auto CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const -> bool {
  auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    auto x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    auto y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y);
  }
  return a.size() < b.size();
}

auto EvalContext::WithDefaults() -> EvalContext {
  EvalContext c;
  const std::string sub_id = "00000000-0000-0000-0000-000000000000";
  const std::string tenant_id = "00000000-0000-0000-0000-000000000000";
  c.subscription = Json{{"id", "/subscriptions/" + sub_id},
                        {"subscriptionId", sub_id},
                        {"tenantId", tenant_id},
                        {"displayName", "subscription"}};
  c.resource_group = Json{{"id", "/subscriptions/" + sub_id + "/resourceGroups/resourceGroup"},
                          {"name", "resourceGroup"},
                          {"type", "Microsoft.Resources/resourceGroups"},
                          {"location", "westus"},
                          {"tags", Json::object()},
                          {"properties", Json{{"provisioningState", "Succeeded"}}}};
  c.deployment = Json{{"name", "deployment"},
                      {"properties", Json{{"templateLink", Json{{"uri", ""}}}}},
                      {"location", "westus"}};
  c.tenant = Json{{"tenantId", tenant_id}, {"countryCode", "US"}, {"displayName", "tenant"}};
  c.environment = Json{
      {"name", "AzureCloud"},
      {"gallery", "https://gallery.azure.com/"},
      {"graph", "https://graph.windows.net/"},
      {"portal", "https://portal.azure.com"},
      {"graphAudience", "https://graph.windows.net/"},
      {"activeDirectoryDataLake", "https://datalake.azure.net/"},
      {"batch", "https://batch.core.windows.net/"},
      {"media", "https://rest.media.azure.net"},
      {"sqlManagement", "https://management.core.windows.net:8443/"},
      {"vmImageAliasDoc",
       "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json"},
      {"resourceManager", "https://management.azure.com/"},
      {"authentication",
       Json{{"loginEndpoint", "https://login.microsoftonline.com/"},
            {"audiences", Json::array({"https://management.core.windows.net/", "https://management.azure.com/"})},
            {"tenant", "common"},
            {"identityProvider", "AAD"}}},
      {"suffixes",
       Json{{"acrLoginServer", ".azurecr.io"},
            {"azureDatalakeAnalyticsCatalogAndJob", "azuredatalakeanalytics.net"},
            {"azureDatalakeStoreFileSystem", "azuredatalakestore.net"},
            {"azureFrontDoorEndpointSuffix", "azurefd.net"},
            {"keyvaultDns", ".vault.azure.net"},
            {"sqlServerHostname", ".database.windows.net"},
            {"storage", "core.windows.net"}}}};
  return c;
}

namespace {

using detail::EqualsIgnoreCase;
using detail::TypeName;
using ir::Expr;

auto Err(std::string message, source::SourceRange range) -> Unexpected<EvalError> {
  return MakeUnexpected(EvalError{std::move(message), range});
}

// Functions whose value exists only during a deployment.
auto IsDeploymentTimeFunction(std::string_view name) -> bool {
  if (name.size() >= 4 && EqualsIgnoreCase(name.substr(0, 4), "list")) return true;
  for (std::string_view n : {"reference", "deployer", "pickZones", "providers", "environmentVariables"}) {
    if (EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

auto IsNonDeterministicFunction(std::string_view name) -> bool {
  return EqualsIgnoreCase(name, "newGuid") || EqualsIgnoreCase(name, "utcNow");
}

auto SplitSlash(std::string_view s) -> std::vector<std::string> {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto slash = s.find('/', start);
    out.emplace_back(s.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return out;
}

class Evaluator {
 public:
  explicit Evaluator(const EvalContext& context) : context_{context}, parameters_{&context.parameters} {}

  auto Eval(const Expr& e, int depth) -> EvalResult {
    if (depth > kMaxEvalDepth) return Err("The expression is nested too deeply to evaluate.", e.range);
    if (++steps_ > kMaxEvalSteps) return Err("The expression needs too many evaluation steps.", e.range);
    switch (e.kind) {
      case Expr::Kind::String:
        return Json(e.text);
      case Expr::Kind::Int: {
        std::int64_t v = 0;
        auto [ptr, ec] = std::from_chars(e.text.data(), e.text.data() + e.text.size(), v);
        if (ec != std::errc{} || ptr != e.text.data() + e.text.size()) {
          return Err(fmt::format("The integer '{}' is outside the range of a 64-bit integer.", e.text), e.range);
        }
        return Json(v);
      }
      case Expr::Kind::Bool:
        return Json(e.flag);
      case Expr::Kind::Null:
        return Json(nullptr);
      case Expr::Kind::Array: {
        Json out = Json::array();
        for (const auto& item : e.args) {
          auto v = Eval(item, depth + 1);
          if (!v) return v;
          out.push_back(std::move(v).value());
        }
        return out;
      }
      case Expr::Kind::Object: {
        Json out = Json::object();
        for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
          auto k = Eval(e.args[i], depth + 1);
          if (!k) return k;
          if (!k->is_string()) {
            return Err(fmt::format("An object property name must be a string, but the value is of type '{}'.", TypeName(*k)),
                       e.args[i].range);
          }
          auto v = Eval(e.args[i + 1], depth + 1);
          if (!v) return v;
          const auto& key = k->get_ref<const std::string&>();
          if (detail::FindPropertyKey(out, key) != nullptr) {
            return Err(fmt::format("The object has the property '{}' more than once.", key), e.args[i].range);
          }
          out[key] = std::move(v).value();
        }
        return out;
      }
      case Expr::Kind::Property: {
        auto base = Eval(e.args[0], depth + 1);
        if (!base) return base;
        return Member(*base, e.text, e.range);
      }
      case Expr::Kind::Index: {
        auto base = Eval(e.args[0], depth + 1);
        if (!base) return base;
        auto index = Eval(e.args[1], depth + 1);
        if (!index) return index;
        if (base->is_array()) {
          if (!detail::IsInt(*index)) {
            return Err(fmt::format("An array index must be an integer, but the value is of type '{}'.", TypeName(*index)),
                       e.args[1].range);
          }
          auto i = detail::AsInt(*index);
          if (i < 0 || i >= static_cast<std::int64_t>(base->size())) {
            return Err(fmt::format("The array index '{}' is out of bounds for an array of length {}.", i, base->size()),
                       e.args[1].range);
          }
          return (*base)[static_cast<std::size_t>(i)];
        }
        if (base->is_object()) {
          if (!index->is_string()) {
            return Err(fmt::format("An object property name must be a string, but the value is of type '{}'.",
                                   TypeName(*index)),
                       e.args[1].range);
          }
          return Member(*base, index->get_ref<const std::string&>(), e.range);
        }
        return Err(fmt::format("A value of type '{}' cannot be indexed.", TypeName(*base)), e.range);
      }
      case Expr::Kind::Call:
        return Call(e, depth);
    }
    return Err("Unknown expression kind.", e.range);
  }

 private:
  auto Member(const Json& base, std::string_view name, source::SourceRange range) -> EvalResult {
    if (!base.is_object()) {
      return Err(fmt::format("The property '{}' cannot be read from a value of type '{}'.", name, TypeName(base)), range);
    }
    const auto* v = detail::FindProperty(base, name);
    if (v == nullptr) {
      std::string available;
      for (const auto& [key, value] : base.items()) {
        (void)value;
        if (!available.empty()) available += ", ";
        available += key;
      }
      return Err(fmt::format("The property '{}' doesn't exist; available properties are '{}'.", name, available), range);
    }
    return *v;
  }

  auto EvalArgs(const Expr& call, int depth) -> Expected<std::vector<Json>, EvalError> {
    std::vector<Json> values;
    values.reserve(call.args.size());
    for (const auto& a : call.args) {
      auto v = Eval(a, depth + 1);
      if (!v) return MakeUnexpected(std::move(v).error());
      values.push_back(std::move(v).value());
    }
    return values;
  }

  auto Arity(const Expr& call, std::size_t min, std::size_t max) -> std::optional<EvalError> {
    auto n = call.args.size();
    if (n >= min && n <= max) return std::nullopt;
    std::string expected = min == max ? fmt::format("{}", min)
                           : max == static_cast<std::size_t>(-1) ? fmt::format("at least {}", min)
                                                                 : fmt::format("{} to {}", min, max);
    return EvalError{fmt::format("The function '{}' expects {} argument(s), but received {}.", call.text, expected, n),
                     call.range};
  }

  auto StringArg(const Expr& call, const std::vector<Json>& values, std::size_t i) -> std::optional<EvalError> {
    if (values[i].is_string()) return std::nullopt;
    return EvalError{fmt::format("The function '{}' expects a string for argument {}, but received a value of type '{}'.",
                                 call.text, i + 1, TypeName(values[i])),
                     call.args[i].range};
  }

  auto Call(const Expr& call, int depth) -> EvalResult {
    std::string_view name = call.text;
    auto is = [&](std::string_view n) { return EqualsIgnoreCase(name, n); };

    if (is("if")) {
      if (auto e = Arity(call, 3, 3)) return MakeUnexpected(*e);
      auto cond = Eval(call.args[0], depth + 1);
      if (!cond) return cond;
      if (!cond->is_boolean()) {
        return Err(fmt::format("The function 'if' expects a boolean condition, but received a value of type '{}'.",
                               TypeName(*cond)),
                   call.args[0].range);
      }
      // Only the chosen branch is evaluated.
      return Eval(call.args[cond->get<bool>() ? 1 : 2], depth + 1);
    }
    if (is("and") || is("or")) {
      if (auto e = Arity(call, 2, static_cast<std::size_t>(-1))) return MakeUnexpected(*e);
      bool is_and = is("and");
      for (const auto& a : call.args) {
        auto v = Eval(a, depth + 1);
        if (!v) return v;
        if (!v->is_boolean()) {
          return Err(fmt::format("The function '{}' expects boolean arguments, but received a value of type '{}'.", call.text,
                                 TypeName(*v)),
                     a.range);
        }
        // Short-circuits like the && and || operators.
        if (v->get<bool>() != is_and) return Json(!is_and);
      }
      return Json(is_and);
    }
    if (is("parameters") || is("variables")) {
      if (auto e = Arity(call, 1, 1)) return MakeUnexpected(*e);
      auto values = EvalArgs(call, depth);
      if (!values) return MakeUnexpected(values.error());
      if (auto e = StringArg(call, *values, 0)) return MakeUnexpected(*e);
      const auto& key = (*values)[0].get_ref<const std::string&>();
      bool params = is("parameters");
      const auto& map = params ? *parameters_ : context_.variables;
      auto it = map.find(key);
      if (it == map.end()) {
        return Err(fmt::format("The {} '{}' is not defined{}.", params ? "parameter" : "variable", key,
                               params ? "" : " or has no compile-time value"),
                   call.range);
      }
      return it->second;
    }
    if (is("lambdaVariables")) {
      if (auto e = Arity(call, 1, 1)) return MakeUnexpected(*e);
      auto values = EvalArgs(call, depth);
      if (!values) return MakeUnexpected(values.error());
      if (auto e = StringArg(call, *values, 0)) return MakeUnexpected(*e);
      const auto& key = (*values)[0].get_ref<const std::string&>();
      for (auto it = lambda_scope_.rbegin(); it != lambda_scope_.rend(); ++it) {
        if (EqualsIgnoreCase(it->first, key)) return it->second;
      }
      return Err(fmt::format("The lambda variable '{}' is not defined.", key), call.range);
    }
    if (is("lambda")) {
      return Err("A lambda can only be used directly as an argument of filter, groupBy, map, mapValues, reduce, sort or "
                 "toObject.",
                 call.range);
    }
    if (is("filter") || is("map") || is("reduce") || is("sort") || is("toObject") || is("groupBy") || is("mapValues")) {
      return CallLambdaFunction(call, depth);
    }
    if (is("subscription") || is("resourceGroup") || is("deployment") || is("tenant") || is("environment") ||
        is("managementGroup")) {
      if (auto e = Arity(call, 0, 0)) return MakeUnexpected(*e);
      const Json& v = is("subscription")    ? context_.subscription
                      : is("resourceGroup") ? context_.resource_group
                      : is("deployment")    ? context_.deployment
                      : is("tenant")        ? context_.tenant
                      : is("environment")   ? context_.environment
                                            : context_.management_group;
      if (v.is_null()) {
        return Err(fmt::format("The function '{}' is not available at the scope of this deployment.", call.text), call.range);
      }
      return v;
    }
    if (is("copyIndex")) return CopyIndex(call, depth);
    if (is("resourceId") || is("subscriptionResourceId") || is("tenantResourceId") || is("extensionResourceId") ||
        is("managementGroupResourceId")) {
      return ResourceId(call, depth);
    }
    if (IsNonDeterministicFunction(name)) {
      return Err(fmt::format("The function '{}' does not have a compile-time value: it returns a new value in every "
                             "deployment.",
                             call.text),
                 call.range);
    }
    if (IsDeploymentTimeFunction(name)) {
      return Err(fmt::format("The function '{}' is not available at compile time: its value is only known during the "
                             "deployment.",
                             call.text),
                 call.range);
    }
    if (name.find('.') != std::string_view::npos) return CallUserFunction(call, depth);

    const auto* builtin = detail::FindBuiltin(name);
    if (builtin == nullptr) {
      return Err(fmt::format("The template function '{}' is not supported by the compile-time evaluator.", call.text),
                 call.range);
    }
    if (auto e = Arity(call, static_cast<std::size_t>(builtin->min_args),
                       builtin->max_args < 0 ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(builtin->max_args))) {
      return MakeUnexpected(*e);
    }
    auto values = EvalArgs(call, depth);
    if (!values) return MakeUnexpected(values.error());
    auto result = builtin->fn(call.text, *values);
    if (!result) {
      const auto& err = result.error();
      auto range = err.arg >= 0 && static_cast<std::size_t>(err.arg) < call.args.size()
                       ? call.args[static_cast<std::size_t>(err.arg)].range
                       : call.range;
      return Err(err.message, range);
    }
    // Bound runaway growth (e.g. a reduce that doubles a string or an array each step).
    const auto& value = *result;
    if ((value.is_string() && value.get_ref<const std::string&>().size() > kMaxStringBytes) ||
        ((value.is_array() || value.is_object()) && value.size() > kMaxCollectionSize)) {
      return Err(fmt::format("The result of '{}' is too large.", call.text), call.range);
    }
    return std::move(result).value();
  }

  // ---- lambdas ----

  struct Lambda {
    std::vector<std::string> names;
    const Expr* body = nullptr;
  };

  auto GetLambda(const Expr& call, std::size_t i, std::size_t min_params, std::size_t max_params)
      -> Expected<Lambda, EvalError> {
    const auto& arg = call.args[i];
    if (arg.kind != Expr::Kind::Call || !EqualsIgnoreCase(arg.text, "lambda") || arg.args.empty()) {
      return Err(fmt::format("The function '{}' expects a lambda for argument {}.", call.text, i + 1), arg.range);
    }
    Lambda l;
    for (std::size_t k = 0; k + 1 < arg.args.size(); ++k) {
      if (arg.args[k].kind != Expr::Kind::String) {
        return Err("Lambda variable names must be string literals.", arg.args[k].range);
      }
      l.names.push_back(arg.args[k].text);
    }
    l.body = &arg.args.back();
    if (l.names.size() < min_params || l.names.size() > max_params) {
      std::string expected = min_params == max_params ? fmt::format("{}", min_params) : fmt::format("{} or {}", min_params, max_params);
      return Err(fmt::format("The lambda of '{}' must declare {} variable(s), but declares {}.", call.text, expected,
                             l.names.size()),
                 arg.range);
    }
    return l;
  }

  auto Apply(const Lambda& l, std::vector<Json> values, int depth) -> EvalResult {
    auto mark = lambda_scope_.size();
    for (std::size_t k = 0; k < l.names.size() && k < values.size(); ++k) {
      lambda_scope_.emplace_back(l.names[k], std::move(values[k]));
    }
    auto result = Eval(*l.body, depth + 1);
    lambda_scope_.resize(mark);
    return result;
  }

  auto CallLambdaFunction(const Expr& call, int depth) -> EvalResult {
    auto is = [&](std::string_view n) { return EqualsIgnoreCase(call.text, n); };
    bool reduce = is("reduce");
    bool to_object = is("toObject");
    if (auto e = reduce ? Arity(call, 3, 3) : to_object ? Arity(call, 2, 3) : Arity(call, 2, 2)) return MakeUnexpected(*e);
    auto input = Eval(call.args[0], depth + 1);
    if (!input) return input;
    bool object_input = is("mapValues");
    if (object_input ? !input->is_object() : !input->is_array()) {
      return Err(fmt::format("The function '{}' expects {} for argument 1, but received a value of type '{}'.", call.text,
                             object_input ? "an object" : "an array", TypeName(*input)),
                 call.args[0].range);
    }
    const Json& items = *input;
    auto index = [](std::size_t i) { return Json(static_cast<std::int64_t>(i)); };

    if (is("filter") || is("map")) {
      auto l = GetLambda(call, 1, 1, 2);
      if (!l) return MakeUnexpected(l.error());
      bool filter = is("filter");
      Json out = Json::array();
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto v = Apply(*l, {items[i], index(i)}, depth);
        if (!v) return v;
        if (!filter) {
          out.push_back(std::move(v).value());
          continue;
        }
        if (!v->is_boolean()) {
          return Err(fmt::format("The lambda of 'filter' must return a boolean, but returned a value of type '{}'.",
                                 TypeName(*v)),
                     call.args[1].range);
        }
        if (v->get<bool>()) out.push_back(items[i]);
      }
      return out;
    }
    if (reduce) {
      auto initial = Eval(call.args[1], depth + 1);
      if (!initial) return initial;
      auto l = GetLambda(call, 2, 2, 3);
      if (!l) return MakeUnexpected(l.error());
      Json acc = std::move(initial).value();
      for (std::size_t i = 0; i < items.size(); ++i) {
        auto v = Apply(*l, {acc, items[i], index(i)}, depth);
        if (!v) return v;
        acc = std::move(v).value();
      }
      return acc;
    }
    if (is("sort")) {
      auto l = GetLambda(call, 1, 2, 2);
      if (!l) return MakeUnexpected(l.error());
      return SortArray(call, *l, items, depth);
    }
    if (to_object || is("groupBy")) {
      auto key_lambda = GetLambda(call, 1, 1, 1);
      if (!key_lambda) return MakeUnexpected(key_lambda.error());
      std::optional<Lambda> value_lambda;
      if (call.args.size() == 3) {
        auto vl = GetLambda(call, 2, 1, 1);
        if (!vl) return MakeUnexpected(vl.error());
        value_lambda = std::move(vl).value();
      }
      Json out = Json::object();
      for (const auto& item : items) {
        auto k = Apply(*key_lambda, {item}, depth);
        if (!k) return k;
        if (!k->is_string()) {
          return Err(fmt::format("The key lambda of '{}' must return a string, but returned a value of type '{}'.", call.text,
                                 TypeName(*k)),
                     call.args[1].range);
        }
        const auto& key = k->get_ref<const std::string&>();
        const std::string* existing = detail::FindPropertyKey(out, key);
        std::string slot_key = existing != nullptr ? *existing : key;
        if (to_object) {
          Json value = item;
          if (value_lambda) {
            auto v = Apply(*value_lambda, {item}, depth);
            if (!v) return v;
            value = std::move(v).value();
          }
          out[slot_key] = std::move(value);
        } else {
          if (existing == nullptr) out[slot_key] = Json::array();
          out[slot_key].push_back(item);
        }
      }
      return out;
    }
    // mapValues
    auto l = GetLambda(call, 1, 1, 1);
    if (!l) return MakeUnexpected(l.error());
    Json out = Json::object();
    for (const auto& [key, value] : items.items()) {
      auto v = Apply(*l, {value}, depth);
      if (!v) return v;
      out[key] = std::move(v).value();
    }
    return out;
  }

  // Stable merge sort; the lambda answers "does a come before b?".
  auto SortArray(const Expr& call, const Lambda& l, const Json& items, int depth) -> EvalResult {
    std::vector<Json> v(items.begin(), items.end());
    std::vector<Json> tmp(v.size());
    std::optional<EvalError> error;
    auto before = [&](const Json& a, const Json& b) -> bool {
      if (error) return false;
      auto r = Apply(l, {a, b}, depth);
      if (!r) {
        error = std::move(r).error();
        return false;
      }
      if (!r->is_boolean()) {
        error = EvalError{fmt::format("The lambda of 'sort' must return a boolean, but returned a value of type '{}'.",
                                      TypeName(*r)),
                          call.args[1].range};
        return false;
      }
      return r->get<bool>();
    };
    for (std::size_t width = 1; width < v.size() && !error; width *= 2) {
      for (std::size_t lo = 0; lo < v.size() && !error; lo += 2 * width) {
        auto mid = std::min(lo + width, v.size());
        auto hi = std::min(lo + 2 * width, v.size());
        std::size_t i = lo, j = mid, k = lo;
        while (i < mid && j < hi) {
          // Take from the right run only when it strictly comes first (stability).
          if (before(v[j], v[i])) {
            tmp[k++] = std::move(v[j++]);
          } else {
            tmp[k++] = std::move(v[i++]);
          }
        }
        while (i < mid) tmp[k++] = std::move(v[i++]);
        while (j < hi) tmp[k++] = std::move(v[j++]);
        for (std::size_t m = lo; m < hi; ++m) v[m] = std::move(tmp[m]);
      }
    }
    if (error) return MakeUnexpected(std::move(*error));
    Json out = Json::array();
    for (auto& x : v) out.push_back(std::move(x));
    return out;
  }

  // ---- context functions ----

  auto CopyIndex(const Expr& call, int depth) -> EvalResult {
    if (auto e = Arity(call, 0, 2)) return MakeUnexpected(*e);
    auto values = EvalArgs(call, depth);
    if (!values) return MakeUnexpected(values.error());
    std::optional<std::string> loop;
    std::int64_t offset = 0;
    std::size_t next = 0;
    if (!values->empty() && (*values)[0].is_string()) {
      loop = (*values)[0].get<std::string>();
      next = 1;
    }
    if (next < values->size()) {
      if (!detail::IsInt((*values)[next])) {
        return Err("The offset argument of 'copyIndex' must be an integer.", call.args[next].range);
      }
      offset = detail::AsInt((*values)[next]);
      ++next;
    }
    if (next != values->size()) return Err("The function 'copyIndex' received unexpected arguments.", call.range);
    std::optional<std::int64_t> index;
    if (loop) {
      auto it = context_.named_copy_indices.find(*loop);
      if (it != context_.named_copy_indices.end()) index = it->second;
    } else {
      index = context_.copy_index;
    }
    if (!index) {
      return Err(loop ? fmt::format("The copy loop '{}' is not being evaluated here.", *loop)
                      : std::string{"The function 'copyIndex' can only be used inside a copy loop."},
                 call.range);
    }
    std::int64_t r = 0;
    if (__builtin_add_overflow(*index, offset, &r)) return Err("The function 'copyIndex' overflowed.", call.range);
    return Json(r);
  }

  auto ResourceId(const Expr& call, int depth) -> EvalResult {
    auto is = [&](std::string_view n) { return EqualsIgnoreCase(call.text, n); };
    auto values = EvalArgs(call, depth);
    if (!values) return MakeUnexpected(values.error());
    for (std::size_t i = 0; i < values->size(); ++i) {
      if (auto e = StringArg(call, *values, i)) return MakeUnexpected(*e);
    }
    std::vector<std::string> args;
    for (const auto& v : *values) args.push_back(v.get<std::string>());

    std::string scope;
    std::size_t type_index = 0;
    if (is("extensionResourceId")) {
      if (args.size() < 3) return Err("The function 'extensionResourceId' expects a resource id, a type and names.", call.range);
      scope = args[0];
      type_index = 1;
    } else {
      // The resource type is the first argument that contains a '/'.
      while (type_index < args.size() && args[type_index].find('/') == std::string::npos) ++type_index;
      if (type_index >= args.size()) {
        return Err(fmt::format("The function '{}' expects a fully qualified resource type (for example "
                               "'Microsoft.Storage/storageAccounts').",
                               call.text),
                   call.range);
      }
      auto sub_id = [&]() -> std::string {
        const auto* id = detail::FindProperty(context_.subscription, "subscriptionId");
        return id != nullptr && id->is_string() ? id->get<std::string>() : std::string{};
      };
      auto prefix_error = [&](std::size_t max) {
        return Err(fmt::format("The function '{}' accepts at most {} argument(s) before the resource type.", call.text, max),
                   call.args[type_index].range);
      };
      if (is("resourceId")) {
        if (type_index > 2) return prefix_error(2);
        std::string sub = type_index == 2 ? args[0] : sub_id();
        std::string rg;
        if (type_index >= 1) {
          rg = args[type_index - 1];
        } else if (const auto* name = detail::FindProperty(context_.resource_group, "name"); name != nullptr && name->is_string()) {
          rg = name->get<std::string>();
        }
        scope = rg.empty() && type_index == 0 ? fmt::format("/subscriptions/{}", sub)
                                              : fmt::format("/subscriptions/{}/resourceGroups/{}", sub, rg);
      } else if (is("subscriptionResourceId")) {
        if (type_index > 1) return prefix_error(1);
        scope = fmt::format("/subscriptions/{}", type_index == 1 ? args[0] : sub_id());
      } else if (is("tenantResourceId")) {
        if (type_index > 0) return prefix_error(0);
      } else {  // managementGroupResourceId
        if (type_index > 1) return prefix_error(1);
        std::string mg = type_index == 1 ? args[0] : std::string{};
        if (type_index == 0) {
          const auto* name = detail::FindProperty(context_.management_group, "name");
          if (name == nullptr || !name->is_string()) {
            return Err("The function 'managementGroupResourceId' needs a management group name at this scope.", call.range);
          }
          mg = name->get<std::string>();
        }
        scope = fmt::format("/providers/Microsoft.Management/managementGroups/{}", mg);
      }
    }
    auto type_segments = SplitSlash(args[type_index]);
    std::vector<std::string> names;
    for (std::size_t i = type_index + 1; i < args.size(); ++i) {
      for (auto& n : SplitSlash(args[i])) names.push_back(std::move(n));
    }
    if (type_segments.size() < 2 || names.size() != type_segments.size() - 1) {
      return Err(fmt::format("The resource type '{}' requires {} resource name segment(s), but {} were given.", args[type_index],
                             type_segments.size() < 2 ? 1 : type_segments.size() - 1, names.size()),
                 call.range);
    }
    std::string id = scope + "/providers/" + type_segments[0];
    for (std::size_t i = 1; i < type_segments.size(); ++i) id += "/" + type_segments[i] + "/" + names[i - 1];
    return Json(std::move(id));
  }

  auto CallUserFunction(const Expr& call, int depth) -> EvalResult {
    auto it = context_.functions.find(call.text);
    if (it == context_.functions.end()) {
      return Err(fmt::format("The user-defined function '{}' is not defined.", call.text), call.range);
    }
    const auto& fn = it->second;
    if (call.args.size() != fn.parameter_names.size()) {
      return Err(fmt::format("The function '{}' expects {} argument(s), but received {}.", call.text, fn.parameter_names.size(),
                             call.args.size()),
                 call.range);
    }
    auto values = EvalArgs(call, depth);
    if (!values) return MakeUnexpected(values.error());
    NameMap<Json> params;
    for (std::size_t i = 0; i < values->size(); ++i) params[fn.parameter_names[i]] = std::move((*values)[i]);
    // The body sees only its own parameters and no outer lambda variables.
    const auto* saved_params = parameters_;
    auto saved_scope = std::move(lambda_scope_);
    lambda_scope_.clear();
    parameters_ = &params;
    auto result = Eval(fn.output, depth + 8);
    parameters_ = saved_params;
    lambda_scope_ = std::move(saved_scope);
    return result;
  }

  static constexpr std::uint64_t kMaxEvalSteps = 20'000'000;
  static constexpr std::size_t kMaxStringBytes = 32U << 20U;
  static constexpr std::size_t kMaxCollectionSize = 1'000'000;

  const EvalContext& context_;
  const NameMap<Json>* parameters_;
  std::uint64_t steps_ = 0;
  std::vector<std::pair<std::string, Json>> lambda_scope_;
};

}  // namespace

auto Evaluate(const ir::Expr& expr, const EvalContext& context) -> EvalResult {
  Evaluator evaluator{context};
  return evaluator.Eval(expr, 0);
}

}  // namespace bicepc::eval
