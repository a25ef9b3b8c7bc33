#include "compiler/emit/emit_template.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fmt/format.h>

namespace bicepc::emit {

using ir::Expr;
using Json = nlohmann::ordered_json;

namespace {

constexpr std::uint32_t kMaxDepth = 4000;

auto SchemaFor(semantics::TargetScope scope) -> std::string_view {
  switch (scope) {
    case semantics::TargetScope::Tenant:
      return "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#";
    case semantics::TargetScope::ManagementGroup:
      return "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#";
    case semantics::TargetScope::Subscription:
      return "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#";
    default: return "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
  }
}

auto IsIdentifier(std::string_view s) -> bool {
  if (s.empty()) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    bool digit = c >= '0' && c <= '9';
    if (!(alpha || (i > 0 && digit))) {
      return false;
    }
  }
  return true;
}

// A decimal integer literal as int64, if it fits.
auto ParseInt(std::string_view digits) -> std::optional<std::int64_t> {
  std::int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc{} || ptr != digits.data() + digits.size()) {
    return std::nullopt;
  }
  return v;
}

// Integer literals stay JSON numbers while they fit in 64 bits; larger ones become json('n').
auto FitsInt(std::string_view digits) -> bool { return ParseInt(digits).has_value(); }

// Inside expressions, integers outside 32 bits are written as json('n').
auto FitsInt32(std::string_view digits) -> bool {
  auto v = ParseInt(digits);
  return v && *v >= INT32_MIN && *v <= INT32_MAX;
}

auto Quote(std::string_view s) -> std::string {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "''";
    } else {
      out.push_back(c);
    }
  }
  out += "'";
  return out;
}

void WriteExpr(const Expr& e, std::string& out, std::uint32_t depth) {
  if (depth > kMaxDepth) {
    out += "null()";
    return;
  }
  switch (e.kind) {
    case Expr::Kind::String: out += Quote(e.text); return;
    case Expr::Kind::Int:
      if (FitsInt32(e.text)) {
        out += e.text;
      } else {
        out += fmt::format("json('{}')", e.text);
      }
      return;
    case Expr::Kind::Bool: out += e.flag ? "true()" : "false()"; return;
    case Expr::Kind::Null: out += "null()"; return;
    case Expr::Kind::Call:
    case Expr::Kind::Array:
    case Expr::Kind::Object: {
      out += e.kind == Expr::Kind::Call ? e.text : e.kind == Expr::Kind::Array ? "createArray" : "createObject";
      out += '(';
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i > 0) {
          out += ", ";
        }
        WriteExpr(e.args[i], out, depth + 1);
      }
      out += ')';
      return;
    }
    case Expr::Kind::Property:
      WriteExpr(e.args[0], out, depth + 1);
      if (IsIdentifier(e.text)) {
        out += '.';
        out += e.text;
      } else {
        out += '[';
        out += Quote(e.text);
        out += ']';
      }
      return;
    case Expr::Kind::Index:
      WriteExpr(e.args[0], out, depth + 1);
      if (e.args[1].kind == Expr::Kind::String && IsIdentifier(e.args[1].text)) {
        out += '.';
        out += e.args[1].text;
      } else {
        out += '[';
        WriteExpr(e.args[1], out, depth + 1);
        out += ']';
      }
      return;
  }
}

auto Bracketed(std::string_view prefix, std::string_view text, std::string_view suffix) -> std::string {
  std::string out;
  out.reserve(prefix.size() + text.size() + suffix.size());
  out.append(prefix);
  out.append(text);
  out.append(suffix);
  return out;
}

auto EscapeLiteral(const std::string& s) -> std::string {
  if (!s.empty() && s.front() == '[' && s.back() == ']') {
    return Bracketed("[", s, "");
  }
  return s;
}

auto IsCopyKeyword(std::string_view s) -> bool {
  if (s.size() != 4) {
    return false;
  }
  std::string lower;
  for (char c : s) {
    lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  return lower == "copy";
}

auto Value(const Expr& e, std::uint32_t depth) -> Json {
  if (depth > kMaxDepth) {
    return nullptr;
  }
  switch (e.kind) {
    case Expr::Kind::String: return EscapeLiteral(e.text);
    case Expr::Kind::Int:
      if (FitsInt(e.text)) {
        return *ParseInt(e.text);
      }
      return fmt::format("[json('{}')]", e.text);
    case Expr::Kind::Bool: return e.flag;
    case Expr::Kind::Null: return nullptr;
    case Expr::Kind::Array: {
      auto arr = Json::array();
      for (const auto& item : e.args) {
        arr.push_back(Value(item, depth + 1));
      }
      return arr;
    }
    case Expr::Kind::Object: {
      auto obj = Json::object();
      for (std::size_t i = 0; i + 1 < e.args.size(); i += 2) {
        const auto& key = e.args[i];
        std::string k;
        if (key.kind != Expr::Kind::String) {
          k = Bracketed("[", ExpressionText(key), "]");
        } else if (!key.flag && IsCopyKeyword(key.text)) {
          k = "[string('copy')]";  // a user property named copy must not read as an ARM copy block
        } else {
          k = EscapeLiteral(key.text);
        }
        obj[k] = Value(e.args[i + 1], depth + 1);
      }
      return obj;
    }
    default: return Bracketed("[", ExpressionText(e), "]");
  }
}

// A variable-loop input: arrays, ints, bools and null are written as one expression
// (createArray(..), int(3), false(), null()); strings and objects stay JSON.
auto CopyInput(const Expr& e) -> Json {
  switch (e.kind) {
    case Expr::Kind::Array:
    case Expr::Kind::Bool:
    case Expr::Kind::Null: return Bracketed("[", ExpressionText(e), "]");
    case Expr::Kind::Int: return Bracketed("[int(", ExpressionText(e), ")]");
    default: return Value(e, 0);
  }
}

void MergeDescription(Json& obj, const std::optional<Expr>& description) {
  if (!description) {
    return;
  }
  if (!obj.contains("metadata") || !obj["metadata"].is_object()) {
    obj["metadata"] = Json::object();
  }
  obj["metadata"]["description"] = Value(*description, 0);
}

auto EmitParameter(const ir::Parameter& p) -> Json {
  if (p.type_object) {
    return Value(*p.type_object, 0);
  }
  Json j = Json::object();
  if (p.type != "any") {
    j["type"] = p.type;
  }
  if (p.default_value) {
    j["defaultValue"] = Value(*p.default_value, 0);
  }
  if (p.allowed_values) {
    j["allowedValues"] = Value(*p.allowed_values, 0);
  }
  if (p.metadata) {
    j["metadata"] = Value(*p.metadata, 0);
  }
  if (p.min_value) {
    j["minValue"] = Value(*p.min_value, 0);
  }
  if (p.max_value) {
    j["maxValue"] = Value(*p.max_value, 0);
  }
  if (p.min_length) {
    j["minLength"] = Value(*p.min_length, 0);
  }
  if (p.max_length) {
    j["maxLength"] = Value(*p.max_length, 0);
  }
  MergeDescription(j, p.description);
  return j;
}

auto EmitResource(const ir::Resource& r, const EmitOptions& options) -> Json {
  Json j = Json::object();
  if (r.copy) {
    Json copy = Json::object();
    copy["name"] = r.copy->name;
    copy["count"] = Value(r.copy->count, 0);
    if (r.copy->mode) {
      copy["mode"] = *r.copy->mode;
    }
    if (r.copy->batch_size) {
      copy["batchSize"] = Value(*r.copy->batch_size, 0);
    }
    j["copy"] = std::move(copy);
  }
  if (r.condition) {
    j["condition"] = Value(*r.condition, 0);
  }
  if (r.existing) {
    j["existing"] = true;
  }
  for (const auto& [key, value] : r.properties) {
    j[key] = Value(value, 0);
    if (key == "properties" && r.module_path && j[key].is_object()) {
      auto it = options.module_templates.find(*r.module_path);
      j[key]["template"] = it == options.module_templates.end() ? Json::object() : it->second;
    }
  }
  if (!r.depends_on.empty()) {
    auto deps = Json::array();
    for (const auto& d : r.depends_on) {
      deps.push_back(Value(d, 0));
    }
    j["dependsOn"] = std::move(deps);
  }
  MergeDescription(j, r.description);
  return j;
}

}  // namespace

auto ExpressionText(const Expr& expr) -> std::string {
  std::string out;
  WriteExpr(expr, out, 0);
  return out;
}

auto ExpressionValue(const Expr& expr) -> Json { return Value(expr, 0); }

auto EmitTemplate(const ir::Template& tmpl, const EmitOptions& options) -> Json {
  Json j = Json::object();
  j["$schema"] = SchemaFor(tmpl.target_scope);
  if (!tmpl.language_version.empty()) {
    j["languageVersion"] = tmpl.language_version;
  }
  j["contentVersion"] = "1.0.0.0";
  Json metadata = Json::object();
  Json generator = Json::object();
  generator["name"] = options.generator_name;
  generator["version"] = options.generator_version;
  metadata["_generator"] = std::move(generator);
  if (tmpl.exported_variables) {
    metadata["__bicep_exported_variables!"] = Value(*tmpl.exported_variables, 0);
  }
  for (const auto& [name, value] : tmpl.metadata) {
    metadata[name] = Value(value, 0);
  }
  j["metadata"] = std::move(metadata);
  if (!tmpl.definitions.empty()) {
    Json definitions = Json::object();
    for (const auto& [name, type] : tmpl.definitions) {
      definitions[name] = Value(type, 0);
    }
    j["definitions"] = std::move(definitions);
  }
  if (!tmpl.functions.empty()) {
    // One entry per namespace, in first-use order.
    Json groups = Json::array();
    std::vector<std::string> order;
    for (const auto& f : tmpl.functions) {
      if (std::find(order.begin(), order.end(), f.ns) == order.end()) {
        order.push_back(f.ns);
      }
    }
    for (const auto& ns : order) {
      Json members = Json::object();
      for (const auto& f : tmpl.functions) {
        if (f.ns == ns) {
          members[f.name] = Value(f.definition, 0);
        }
      }
      Json group = Json::object();
      group["namespace"] = ns;
      group["members"] = std::move(members);
      groups.push_back(std::move(group));
    }
    j["functions"] = std::move(groups);
  }
  if (!tmpl.parameters.empty()) {
    Json params = Json::object();
    for (const auto& p : tmpl.parameters) {
      params[p.name] = EmitParameter(p);
    }
    j["parameters"] = std::move(params);
  }
  if (!tmpl.variables.empty()) {
    Json vars = Json::object();
    Json copies = Json::array();
    for (const auto& v : tmpl.variables) {
      if (v.copy_count) {
        Json c = Json::object();
        c["name"] = v.name;
        c["count"] = Value(*v.copy_count, 0);
        c["input"] = CopyInput(*v.copy_input);
        copies.push_back(std::move(c));
      }
    }
    if (!copies.empty()) {
      vars["copy"] = std::move(copies);
    }
    for (const auto& v : tmpl.variables) {
      if (!v.copy_count) {
        vars[v.name] = Value(v.value, 0);
      }
    }
    j["variables"] = std::move(vars);
  }
  if (tmpl.language_version.empty()) {
    auto resources = Json::array();
    for (const auto& r : tmpl.resources) {
      resources.push_back(EmitResource(r, options));
    }
    j["resources"] = std::move(resources);
  } else {
    auto resources = Json::object();
    for (const auto& r : tmpl.resources) {
      resources[r.symbolic_name] = EmitResource(r, options);
    }
    j["resources"] = std::move(resources);
  }
  if (!tmpl.outputs.empty()) {
    Json outputs = Json::object();
    for (const auto& o : tmpl.outputs) {
      // Key order: the type properties and modifiers (type, ..., metadata), copy, value.
      Json out = Json::object();
      if (o.type_object) {
        out = Value(*o.type_object, 0);
      } else {
        out["type"] = o.type;
        MergeDescription(out, o.description);
      }
      if (o.copy_count) {
        Json copy = Json::object();
        copy["count"] = Value(*o.copy_count, 0);
        copy["input"] = Value(*o.copy_input, 0);
        out["copy"] = std::move(copy);
      }
      if (!o.copy_count) {
        out["value"] = Value(o.value, 0);
      }
      outputs[o.name] = std::move(out);
    }
    j["outputs"] = std::move(outputs);
  }
  return j;
}

}  // namespace bicepc::emit
