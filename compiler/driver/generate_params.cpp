#include "compiler/driver/generate_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "compiler/emit/json_writer.h"
#include "compiler/syntax/parse.h"
#include "compiler/syntax/string_literal.h"
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

// An object type's placeholder: each property a primitive placeholder ("" for other types).
// Properties in the order of the official object type: names sorted ignoring case.
auto ObjectPlaceholder(const syntax::SyntaxTree& tree, NodeId type) -> Json {
  std::vector<std::pair<std::string, Json>> properties;
  for (auto prop : tree.children(type)) {
    if (tree.kind(prop) != NodeKind::TypeObjectProperty) continue;
    auto key = tree.child(prop, 1);
    auto prop_type = tree.child(prop, 2);
    auto placeholder =
        prop_type && tree.kind(prop_type) == NodeKind::TypeVariableAccess ? Placeholder(tree.text(prop_type)) : std::nullopt;
    std::string name = tree.kind(key) == NodeKind::String && tree.children(key).empty() ? tree.StringSegments(key)[0]
                                                                                       : std::string{tree.text(key)};
    properties.emplace_back(std::move(name), placeholder ? *placeholder : Json(""));
  }
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::stable_sort(properties.begin(), properties.end(),
                   [&](const auto& a, const auto& b) { return lower(a.first) < lower(b.first); });
  Json object = Json::object();
  for (auto& [name, value] : properties) object[name] = std::move(value);
  return object;
}

// `param p T` where `type T = ...` is declared in the file: the declared type (followed through
// aliases); otherwise the type itself.
auto ResolveTypeAlias(const syntax::SyntaxTree& tree, NodeId type) -> NodeId {
  for (int hops = 0; hops < 32 && type && tree.kind(type) == NodeKind::TypeVariableAccess; ++hops) {
    NodeId found;
    for (auto stmt : tree.children(tree.root())) {
      if (tree.kind(stmt) == NodeKind::TypeDecl && tree.child(stmt, 1) && tree.text(tree.child(stmt, 1)) == tree.text(type)) {
        found = tree.child(stmt, 2);
      }
    }
    if (!found) break;
    type = found;
  }
  return type;
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

// ---- --output-format bicepparam ----

class BicepParamPrinter {
 public:
  explicit BicepParamPrinter(const syntax::SyntaxTree& tree) : tree_{tree} {}

  // The value of `param <name> = ...` for a parameter declaration.
  auto ValueFor(NodeId decl) -> std::string {
    auto type = tree_.child(decl, 2);
    if (auto default_value = tree_.child(decl, 3)) {
      switch (tree_.kind(default_value)) {
        case NodeKind::FunctionCall: return CallPlaceholder(default_value);
        case NodeKind::Array: return Array(default_value, 0);
        case NodeKind::Object: return Object(default_value, 0);
        default: return Source(default_value);
      }
    }
    if (type && tree_.kind(type) == NodeKind::TypeObject) return TypeObject(type, 0);
    if (type && tree_.kind(type) == NodeKind::TypeVariableAccess) return ForType(type, FirstAllowed(decl), 0);
    return "";  // other types: the official writer leaves the value empty
  }

 private:
  // The node as written.
  auto Source(NodeId n) const -> std::string {
    auto r = tree_.range(n);
    return std::string{tree_.file().text().substr(r.begin, r.end - r.begin)};
  }

  static auto Indent(int level) -> std::string { return std::string(static_cast<std::size_t>(level) * 2, ' '); }

  auto CallPlaceholder(NodeId call) const -> std::string {
    return fmt::format("? /* TODO : please fix the value assigned to this parameter `{}()` */",
                       tree_.text(tree_.child(call, 0)));
  }

  // An array default: one item per line, calls replaced by placeholders.
  auto Array(NodeId array, int level) const -> std::string {
    auto items = tree_.children(array);
    if (items.empty()) return "[]";
    std::string out = "[\n";
    for (auto item : items) {
      out += Indent(level + 1) + (tree_.kind(item) == NodeKind::FunctionCall ? CallPlaceholder(item) : Source(item)) + "\n";
    }
    return out + Indent(level) + "]";
  }

  // An object default: one property per line; calls, arrays and objects rewritten, other properties kept.
  auto Object(NodeId object, int level) const -> std::string {
    auto props = tree_.children(object);
    if (props.empty()) return "{}";
    std::string out = "{\n";
    for (auto prop : props) {
      out += Indent(level + 1);
      if (tree_.kind(prop) != NodeKind::ObjectProperty) {
        out += Source(prop) + "\n";
        continue;
      }
      auto key = tree_.child(prop, 0);
      auto value = tree_.child(prop, 1);
      // A rewritten property keeps an identifier key; the official writer drops any other key ('').
      auto rewritten_key = tree_.kind(key) == NodeKind::Identifier ? Source(key) : std::string{"''"};
      switch (tree_.kind(value)) {
        case NodeKind::FunctionCall: out += rewritten_key + ": " + CallPlaceholder(value); break;
        case NodeKind::Array: out += rewritten_key + ": " + Array(value, level + 1); break;
        case NodeKind::Object: out += rewritten_key + ": " + Object(value, level + 1); break;
        default: out += Source(prop); break;
      }
      out += "\n";
    }
    return out + Indent(level) + "}";
  }

  // A placeholder for a type: 0, false, [], {}, '' (or the first @allowed value), objects property by property.
  auto ForType(NodeId type, NodeId allowed, int level) const -> std::string {
    if (tree_.kind(type) == NodeKind::TypeObject) return TypeObject(type, level);
    if (tree_.kind(type) != NodeKind::TypeVariableAccess) {
      return fmt::format("? /*TODO: fix the value assigned to this parameter `{}`*/", Source(type));
    }
    auto name = tree_.text(type);
    if (name == "int") {
      return allowed && tree_.kind(allowed) == NodeKind::IntegerLiteral ? Source(allowed) : std::string{"0"};
    }
    if (name == "bool") return "false";
    if (name == "array") return "[]";
    if (name == "object") return "{}";
    if (allowed && tree_.kind(allowed) == NodeKind::String) return syntax::QuoteStringLiteral(tree_.StringSegments(allowed)[0]);
    return "''";
  }

  auto TypeObject(NodeId type, int level) const -> std::string {
    std::string out = "{\n";
    bool any = false;
    for (auto prop : tree_.children(type)) {
      if (tree_.kind(prop) != NodeKind::TypeObjectProperty) continue;
      any = true;
      auto key = tree_.child(prop, 1);
      auto key_text = tree_.kind(key) == NodeKind::Identifier ? Source(key) : std::string{"''"};
      out += Indent(level + 1) + key_text + ": " + ForType(tree_.child(prop, 2), NodeId{}, level + 1) + "\n";
    }
    return any ? out + Indent(level) + "}" : std::string{"{}"};
  }

  // The first item of the parameter's @allowed([...]) array, if any.
  auto FirstAllowed(NodeId decl) const -> NodeId {
    auto decorators = tree_.child(decl, 0);
    if (!decorators) return {};
    for (auto decorator : tree_.children(decorators)) {
      auto call = tree_.child(decorator, 0);
      if (!call || tree_.kind(call) != NodeKind::FunctionCall || tree_.text(tree_.child(call, 0)) != "allowed") continue;
      auto kids = tree_.children(call);
      if (kids.size() < 2 || tree_.kind(kids[1]) != NodeKind::Array || tree_.children(kids[1]).empty()) return {};
      return tree_.children(kids[1])[0];
    }
    return {};
  }

  const syntax::SyntaxTree& tree_;
};

// Reads and parses the Bicep file into `result.file`; nullopt (with the diagnostics in `result`)
// when it cannot be read or does not parse.
auto ParseInput(const std::string& bicep_path, GeneratedParams& result) -> std::optional<syntax::SyntaxTree> {
  auto text = source::ReadFile(bicep_path);
  result.file = std::make_unique<source::SourceFile>(bicep_path, text.value_or(std::string{}));
  if (!text) {
    result.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, *result.file, {},
                            {bicep_path, "no such file or it cannot be opened"});
    return std::nullopt;
  }
  auto tree = syntax::Parse(*result.file, result.diagnostics);
  if (result.diagnostics.HasErrors()) return std::nullopt;
  return tree;
}

}  // namespace

auto GenerateParametersBicepParam(const std::string& bicep_path, IncludeParams include) -> GeneratedParams {
  GeneratedParams result;
  auto parsed = ParseInput(bicep_path, result);
  if (!parsed) return result;
  const auto& tree = *parsed;
  BicepParamPrinter printer{tree};
  std::string out = fmt::format("using {}\n\n", syntax::QuoteStringLiteral("./" + std::filesystem::path{bicep_path}.filename().string()));
  std::string params;
  for (auto stmt : tree.children(tree.root())) {
    if (tree.kind(stmt) != NodeKind::ParamDecl) continue;
    auto name = tree.child(stmt, 1);
    if (!name || (include == IncludeParams::RequiredOnly && tree.child(stmt, 3))) continue;
    auto value = printer.ValueFor(stmt);
    // No placeholder for the type: the official writer prints a line break as the value.
    params += value.empty() ? fmt::format("param {} =\n\n", tree.text(name))
                            : fmt::format("param {} = {}\n", tree.text(name), value);
  }
  // The official printer ends the program with one line break, and the writer adds another.
  out += params.empty() ? std::string{} : params;
  if (params.empty()) out.pop_back();
  result.json = out + "\n";
  return result;
}

auto GenerateParametersJson(const std::string& bicep_path, IncludeParams include, const std::string& existing)
    -> GeneratedParams {
  GeneratedParams result;
  auto parsed = ParseInput(bicep_path, result);
  if (!parsed) return result;
  const auto& tree = *parsed;

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
    // @allowed makes the parameter's type a union of literals, which has no placeholder.
    bool allowed = false;
    if (auto decorators = tree.child(stmt, 0)) {
      for (auto decorator : tree.children(decorators)) {
        auto call = tree.child(decorator, 0);
        allowed = allowed || (call && tree.kind(call) == NodeKind::FunctionCall && tree.text(tree.child(call, 0)) == "allowed");
      }
    }
    if (auto literal = default_value ? LiteralDefault(tree, default_value, 0) : std::nullopt) {
      entry["value"] = std::move(*literal);
    } else if (allowed) {
      // no value
    } else if (auto resolved = ResolveTypeAlias(tree, type); resolved != type) {
      type = resolved;  // a declared type: its object type's properties get placeholders
      if (tree.kind(type) == NodeKind::TypeObject && !tree.children(type).empty()) entry["value"] = ObjectPlaceholder(tree, type);
    } else if (type && tree.kind(type) == NodeKind::TypeVariableAccess) {
      if (auto placeholder = Placeholder(tree.text(type))) entry["value"] = std::move(*placeholder);
    } else if (type && tree.kind(type) == NodeKind::TypeObject && !tree.children(type).empty()) {
      entry["value"] = ObjectPlaceholder(tree, type);
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
