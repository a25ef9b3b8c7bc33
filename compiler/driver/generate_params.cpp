#include "compiler/driver/generate_params.h"

#include <memory>
#include <nlohmann/json.hpp>

#include "compiler/emit/json_writer.h"
#include "compiler/syntax/parse.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::driver {
namespace {

using Json = nlohmann::ordered_json;
using syntax::NodeId;
using syntax::NodeKind;

// A default value written as a JSON literal (strings without holes, integers, booleans, null,
// arrays and objects of those); nullopt for anything computed.
auto LiteralDefault(const syntax::SyntaxTree& tree, NodeId n, int depth) -> std::optional<Json> {
  if (!n || depth > 200) return std::nullopt;
  switch (tree.kind(n)) {
    case NodeKind::Parenthesized: return LiteralDefault(tree, tree.child(n, 0), depth + 1);
    case NodeKind::String:
      if (!tree.children(n).empty()) return std::nullopt;
      return Json(tree.StringSegments(n)[0]);
    case NodeKind::IntegerLiteral: {
      try {
        return Json(std::stoll(std::string{tree.text(n)}));
      } catch (...) {
        return std::nullopt;
      }
    }
    case NodeKind::Unary: {
      auto operand = tree.child(n, 0);
      if (operand && tree.kind(operand) == NodeKind::IntegerLiteral &&
          static_cast<syntax::UnaryOp>(tree.node(n).flags) == syntax::UnaryOp::Minus) {
        try {
          return Json(-std::stoll(std::string{tree.text(operand)}));
        } catch (...) {
          return std::nullopt;
        }
      }
      return std::nullopt;
    }
    case NodeKind::BooleanLiteral: return Json(tree.node(n).flags != 0);
    case NodeKind::NullLiteral: return Json(nullptr);
    case NodeKind::Array: {
      Json array = Json::array();
      for (auto item : tree.children(n)) {
        auto v = LiteralDefault(tree, item, depth + 1);
        if (!v) return std::nullopt;
        array.push_back(std::move(*v));
      }
      return array;
    }
    case NodeKind::Object: {
      Json object = Json::object();
      for (auto prop : tree.children(n)) {
        if (tree.kind(prop) != NodeKind::ObjectProperty) return std::nullopt;
        auto key = tree.child(prop, 0);
        std::string k;
        if (tree.kind(key) == NodeKind::Identifier) {
          k = tree.text(key);
        } else if (tree.kind(key) == NodeKind::String && tree.children(key).empty()) {
          k = tree.StringSegments(key)[0];
        } else {
          return std::nullopt;
        }
        auto v = LiteralDefault(tree, tree.child(prop, 1), depth + 1);
        if (!v) return std::nullopt;
        object[k] = std::move(*v);
      }
      return object;
    }
    default: return std::nullopt;
  }
}

auto Placeholder(std::string_view type_name) -> std::optional<Json> {
  if (type_name == "string") return Json("");
  if (type_name == "int") return Json(0);
  if (type_name == "bool") return Json(false);
  if (type_name == "object") return Json::object();
  if (type_name == "array") return Json::array();
  return std::nullopt;
}

// Newtonsoft's JObject.Merge with MergeArrayHandling.Union: objects merge key by key, arrays add
// the items not already present, other values replace.
void Merge(Json& target, const Json& source) {
  if (target.is_object() && source.is_object()) {
    for (const auto& [k, v] : source.items()) {
      if (target.contains(k)) {
        Merge(target[k], v);
      } else {
        target[k] = v;
      }
    }
  } else if (target.is_array() && source.is_array()) {
    for (const auto& v : source) {
      if (std::find(target.begin(), target.end(), v) == target.end()) target.push_back(v);
    }
  } else {
    target = source;
  }
}

}  // namespace

auto GenerateParametersJson(const std::string& bicep_path, IncludeParams include, const std::string& existing)
    -> GeneratedParams {
  GeneratedParams result;
  auto text = source::ReadFile(bicep_path);
  result.file = std::make_unique<source::SourceFile>(bicep_path, text.value_or(std::string{}));
  if (!text) {
    result.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, *result.file, {},
                            {bicep_path, "no such file or it cannot be opened"});
    return result;
  }
  auto tree = syntax::Parse(*result.file, result.diagnostics);
  if (result.diagnostics.HasErrors()) return result;

  Json existing_json = existing.empty() ? Json{} : Json::parse(existing, nullptr, false);
  std::string content_version = "1.0.0.0";
  if (existing_json.is_object() && existing_json.contains("contentVersion") && existing_json["contentVersion"].is_string()) {
    content_version = existing_json["contentVersion"].get<std::string>();
  }
  Json out = Json::object();
  out["$schema"] = "https://schema.management.azure.com/schemas/2015-01-01/deploymentParameters.json#";
  out["contentVersion"] = content_version;
  Json parameters = Json::object();
  for (auto stmt : tree.children(tree.root())) {
    if (tree.kind(stmt) != NodeKind::ParamDecl) continue;
    auto name = tree.child(stmt, 1);
    auto type = tree.child(stmt, 2);
    auto default_value = tree.child(stmt, 3);
    if (!name || (include == IncludeParams::RequiredOnly && default_value)) continue;
    Json entry = Json::object();
    if (auto literal = default_value ? LiteralDefault(tree, default_value, 0) : std::nullopt) {
      entry["value"] = std::move(*literal);
    } else if (type && tree.kind(type) == NodeKind::TypeVariableAccess) {
      if (auto placeholder = Placeholder(tree.text(type))) entry["value"] = std::move(*placeholder);
    } else if (type && tree.kind(type) == NodeKind::TypeObject && !tree.children(type).empty()) {
      Json object = Json::object();
      for (auto prop : tree.children(type)) {
        if (tree.kind(prop) != NodeKind::TypeObjectProperty) continue;
        auto key = tree.child(prop, 1);
        auto prop_type = tree.child(prop, 2);
        auto placeholder = prop_type && tree.kind(prop_type) == NodeKind::TypeVariableAccess
                               ? Placeholder(tree.text(prop_type))
                               : std::nullopt;
        object[std::string{tree.text(key)}] = placeholder ? *placeholder : Json("");
      }
      entry["value"] = std::move(object);
    }
    parameters[std::string{tree.text(name)}] = std::move(entry);
  }
  if (!parameters.empty()) out["parameters"] = std::move(parameters);
  if (existing_json.is_object() && existing_json.contains("parameters") && existing_json["parameters"].is_object() &&
      out.contains("parameters")) {
    for (const auto& [name, value] : existing_json["parameters"].items()) {
      if (out["parameters"].contains(name) && out["parameters"][name].is_object()) Merge(out["parameters"][name], value);
    }
  }
  result.json = emit::WriteJson(out);
  return result;
}

}  // namespace bicepc::driver
