#include "compiler/driver/compile.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <nlohmann/json.hpp>

#include "compiler/emit/emit_template.h"
#include "compiler/ir/lower.h"
#include "compiler/driver/config.h"
#include "compiler/driver/load_functions.h"
#include "compiler/driver/pragmas.h"
#include "compiler/driver/relative_path.h"
#include "compiler/eval/arm_expression.h"
#include "compiler/semantics/deploy_time_constants.h"
#include "compiler/semantics/any_placement.h"
#include "compiler/semantics/duplicate_names.h"
#include "compiler/semantics/lambda_placement.h"
#include "compiler/semantics/type_check/module_body_check.h"
#include "compiler/semantics/type_check/condition_types.h"
#include "compiler/semantics/loop_placement.h"
#include "compiler/semantics/type_cycles.h"
#include "compiler/semantics/extension_references.h"
#include "compiler/semantics/type_check/duplicate_properties.h"
#include "compiler/semantics/secret_placement.h"
#include "compiler/semantics/invalid_references.h"
#include "compiler/semantics/semantic_model.h"
#include "compiler/semantics/type_check/expression_types.h"
#include "compiler/semantics/type_check/function_args_check.h"
#include "compiler/semantics/type_check/resource_body_check.h"
#include "compiler/source/ascii.h"
#include "compiler/syntax/parse.h"

#if __has_include("compiler/emit/json_writer.h") && __has_include("compiler/emit/template_hash.h")
#include "compiler/emit/json_writer.h"
#include "compiler/emit/template_hash.h"
#define BICEPC_HAVE_JSON_WRITER 1
#endif

namespace bicepc::driver {

namespace {

constexpr int kMaxModuleDepth = 32;

// Adds metadata._generator.templateHash.
void AddTemplateHash(nlohmann::ordered_json& tmpl) {
#ifdef BICEPC_HAVE_JSON_WRITER
  auto hash = emit::ComputeTemplateHash(tmpl);
  tmpl["metadata"]["_generator"]["templateHash"] = hash;
#else
  tmpl["metadata"]["_generator"]["templateHash"] = "0";
#endif
}

// Serializes the template as the official CLI does.
auto Serialize(const nlohmann::ordered_json& tmpl) -> std::string {
#ifdef BICEPC_HAVE_JSON_WRITER
  return emit::WriteJson(tmpl);
#else
  return tmpl.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
#endif
}

class TemplateCompiler {
 public:
  TemplateCompiler(Compilation& result, const CompileOptions& options) : result_{result}, options_{options} {}

  // Parse -> Bind -> Lower -> Emit for one file (and, recursively, its modules). nullopt on errors.
  auto Compile(const source::SourceFile& file, int depth) -> std::optional<nlohmann::ordered_json> {
    stack_.push_back(std::filesystem::path{file.path()}.lexically_normal().string());
    auto result = CompileOnStack(file, depth);
    stack_.pop_back();
    return result;
  }

 private:
  // The module cycle through `path`, as the official BCP094/BCP095 report it; false when none.
  auto ReportModuleCycle(const source::SourceFile& parent, const std::string& path, source::SourceRange range) -> bool {
    auto it = std::find(stack_.begin(), stack_.end(), path);
    if (it == stack_.end()) {
      return false;
    }
    if (it + 1 == stack_.end()) {
      result_.diagnostics.Emit(diagnostics::DiagnosticKind::CyclicModuleSelfReference, parent, range);
      return true;
    }
    std::string cycle;
    for (auto f = it; f != stack_.end(); ++f) {
      cycle += (cycle.empty() ? "" : "\" -> \"") + ("file://" + *f);
    }
    result_.diagnostics.Emit(diagnostics::DiagnosticKind::CyclicFile, parent, range, {cycle});
    return true;
  }

  auto CompileOnStack(const source::SourceFile& file, int depth) -> std::optional<nlohmann::ordered_json> {
    // Binding runs on trees with syntax errors too, so semantic errors are reported with them.
    const auto first_diagnostic = result_.diagnostics.size();
    auto tree = syntax::Parse(file, result_.diagnostics);
    auto model = semantics::Bind(tree, result_.diagnostics);
    semantics::type_check::CheckDuplicateProperties(tree, result_.diagnostics);
    // Our catalogue is built from ../shared/types, a subset of the official type index:
    // a type missing from it may still exist, so BCP081 would be a false warning.
    if (options_.type_checks) {
      semantics::type_check::ResourceCheckOptions check_options;
      check_options.report_unavailable_types = false;
      semantics::type_check::CheckResources(tree, result_.diagnostics, check_options);
      semantics::type_check::CheckFunctionArguments(tree, result_.diagnostics);
      semantics::type_check::CheckExpressionTypes(model, result_.diagnostics);
      semantics::type_check::CheckConditionTypes(model, first_diagnostic, result_.diagnostics);
      semantics::type_check::CheckModuleBodies(
          model,
          [this, &file, &tree](syntax::NodeId module) -> const semantics::type_check::ModuleSignature* {
            auto path = tree.child(module, 2);
            if (!path || tree.kind(path) != syntax::NodeKind::String || !tree.children(path).empty()) return nullptr;
            const auto& signature = SignatureOf(file, tree.StringSegments(path)[0]);
            return signature ? &*signature : nullptr;
          },
          result_.diagnostics);
    }
    semantics::CheckDeployTimeConstants(model, result_.diagnostics);
    semantics::CheckDuplicateNames(model, result_.diagnostics);
    semantics::CheckLoopPlacement(model, result_.diagnostics);
    semantics::CheckLambdaPlacement(model, result_.diagnostics);
    semantics::CheckTypeCycles(model, result_.diagnostics);
    semantics::CheckExtensionReferences(model, result_.diagnostics);
    semantics::CheckAnyPlacement(model, result_.diagnostics);
    semantics::CheckSecretPlacement(
        model,
        [this, &file, &tree](syntax::NodeId module) -> std::optional<std::set<std::string>> {
          auto path = tree.child(module, 2);
          if (!path || tree.kind(path) != syntax::NodeKind::String || !tree.children(path).empty()) return std::nullopt;
          const auto& names = SecureNamesOf(file, tree.StringSegments(path)[0]);
          if (!names.known) return std::nullopt;
          return names.params;
        },
        result_.diagnostics);
    semantics::CheckInvalidReferences(model, first_diagnostic, result_.diagnostics);
    // The load functions read their files even when the template has other errors, so that every
    // unreadable path is reported in the same run, as officially; so are module paths.
    auto loaded = EvaluateLoadFunctions(model, result_.diagnostics);
    CheckModulePaths(file, tree);
    ApplyPragmas(tree, first_diagnostic, result_.diagnostics);
    if (result_.diagnostics.HasErrors()) {
      return std::nullopt;
    }
    namespace fs = std::filesystem;
    const auto entry_dir = fs::path{file.path()}.lexically_normal().parent_path();
    auto config = LoadBicepConfig(entry_dir);
    if (config.error) {
      using diagnostics::DiagnosticKind;
      DiagnosticKind kind = DiagnosticKind::UnparsableBicepConfigFile;
      switch (config.error->kind) {
        case ConfigError::Kind::Unparsable: kind = DiagnosticKind::UnparsableBicepConfigFile; break;
        case ConfigError::Kind::Unloadable: kind = DiagnosticKind::UnloadableBicepConfigFile; break;
        case ConfigError::Kind::ExtendsAbsolutePath: kind = DiagnosticKind::BicepConfigExtendsAbsolutePath; break;
        case ConfigError::Kind::ExtendsCycle: kind = DiagnosticKind::BicepConfigExtendsCycle; break;
        case ConfigError::Kind::ExtendsTooDeep: kind = DiagnosticKind::BicepConfigExtendsChainTooDeep; break;
      }
      result_.diagnostics.Emit(kind, file, {}, config.error->args);
      return std::nullopt;
    }
    ir::LowerOptions lower_options;
    lower_options.symbolic_name_codegen = options_.symbolic_name_codegen || config.config.symbolic_name_codegen;
    lower_options.resolve_import = [this, entry_dir](const semantics::SemanticModel& from,
                                                     syntax::NodeId import_decl) -> ir::ImportedFile {
      return LoadImport(from, import_decl, entry_dir);
    };
    lower_options.secure_outputs_of = [this, &file](const std::string& relative) {
      return SecureNamesOf(file, relative).outputs;
    };
    lower_options.loaded_values = &loaded;
    auto tmpl = ir::Lower(model, result_.diagnostics, lower_options);
    if (result_.diagnostics.HasErrors()) {
      return std::nullopt;
    }
    emit::EmitOptions emit_options;
    emit_options.generator_name = options_.generator_name;
    emit_options.generator_version = options_.generator_version.empty() ? Version() : options_.generator_version;
    bool modules_failed = false;
    for (const auto& r : tmpl.resources) {
      if (!r.module_path || emit_options.module_templates.contains(*r.module_path)) {
        continue;
      }
      if (!IsRegistryReference(*r.module_path) &&
          ReportModuleCycle(file,
                            (std::filesystem::path{file.path()}.parent_path() / *r.module_path).lexically_normal().string(),
                            r.module_path_range)) {
        modules_failed = true;
        continue;
      }
      auto nested = IsRegistryReference(*r.module_path)
                        ? ResolveRegistryModule(file, *r.module_path, r.module_path_range, config.config)
                        : CompileModule(file, *r.module_path, depth);
      if (!nested) {
        modules_failed = true;  // keep going: report every module that cannot be resolved
        continue;
      }
      emit_options.module_templates.emplace(*r.module_path, std::move(*nested));
    }
    if (modules_failed) {
      return std::nullopt;
    }
    auto json = emit::EmitTemplate(tmpl, emit_options);
    AddTemplateHash(json);
    return json;
  }

  // A module's path, checked whatever other errors the file has: missing (BCP090), interpolated
  // (BCP092), an unknown scheme (BCP189), not a valid relative path (BCP050/051/085/086/098/111), the file
  // itself (BCP094), a file that does not exist (BCP091) or a directory (BCP275). Registry
  // references are resolved later.
  void CheckModulePaths(const source::SourceFile& file, const syntax::SyntaxTree& tree) {
    using diagnostics::DiagnosticKind;
    namespace fs = std::filesystem;
    auto& sink = result_.diagnostics;
    for (auto decl : tree.children(tree.root())) {
      bool test = tree.kind(decl) == syntax::NodeKind::TestDecl;
      if (tree.kind(decl) != syntax::NodeKind::ModuleDecl && !test) continue;
      auto path = tree.child(decl, 2);
      if (!path || tree.kind(path) == syntax::NodeKind::Error) {
        auto at = path ? tree.range(path) : tree.range(decl);
        sink.Emit(test ? DiagnosticKind::PathMissing : DiagnosticKind::ModulePathMissing, file, {at.begin, at.begin});
        continue;
      }
      if (tree.kind(path) != syntax::NodeKind::String) continue;
      if (!tree.children(path).empty()) {
        sink.Emit(DiagnosticKind::FilePathInterpolationUnsupported, file, tree.range(path));
        continue;
      }
      const auto& relative = tree.StringSegments(path)[0];
      // `scheme:reference` (the scheme may carry `/alias`): only br and ts are known
      if (auto colon = relative.find(':'); colon != std::string::npos) {
        auto scheme = relative.substr(0, colon);
        scheme = scheme.substr(0, scheme.find('/'));
        if (scheme != "br" && scheme != "ts") {
          sink.Emit(DiagnosticKind::UnknownModuleReferenceScheme, file, tree.range(path), {scheme});
        }
        continue;
      }
      if (IsRegistryReference(relative)) continue;
      if (auto problem = CheckRelativePath(relative)) {
        sink.Emit(problem->kind, file, tree.range(path), std::move(problem->args));
        continue;
      }
      auto full = (fs::path{file.path()}.parent_path() / relative).lexically_normal();
      if (full == fs::path{file.path()}.lexically_normal()) {
        sink.Emit(DiagnosticKind::CyclicModuleSelfReference, file, tree.range(path));
        continue;
      }
      std::error_code ec;
      auto status = fs::status(full, ec);
      if (ec || !fs::exists(status)) {
        sink.Emit(DiagnosticKind::ErrorOccurredReadingFile, file, tree.range(path),
                  {fmt::format("Could not find file '{}'.", fs::absolute(full, ec).string())});
      } else if (fs::is_directory(status)) {
        sink.Emit(DiagnosticKind::FoundDirectoryInsteadOfFile, file, tree.range(path), {fs::absolute(full, ec).string()});
      }
    }
  }

  auto CompileModule(const source::SourceFile& parent, const std::string& relative, int depth)
      -> std::optional<nlohmann::ordered_json> {
    namespace fs = std::filesystem;
    auto path = (fs::path{parent.path()}.parent_path() / relative).lexically_normal().string();
    // A module graph is compiled once per file, however many templates use it.
    if (auto cached = compiled_modules_.find(path); cached != compiled_modules_.end()) {
      return cached->second;
    }
    auto compiled = CompileModuleFile(parent, relative, path, depth);
    if (compiled) {
      compiled_modules_.emplace(path, *compiled);
    }
    return compiled;
  }

  auto CompileModuleFile(const source::SourceFile& parent, const std::string& relative, const std::string& path,
                         int depth) -> std::optional<nlohmann::ordered_json> {
    if (depth >= kMaxModuleDepth) {
      result_.diagnostics.Emit(diagnostics::DiagnosticKind::NotYetSupported, parent, {},
                               {DepthMessage(relative)});
      return std::nullopt;
    }
    auto text = source::ReadFile(path);
    if (!text) {
      result_.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, parent, {},
                               {path, "no such file or it cannot be opened"});
      return std::nullopt;
    }
    result_.files.push_back(std::make_unique<source::SourceFile>(path, std::move(*text)));
    if (relative.ends_with(".json")) {
      // An ARM JSON template module is embedded as it is.
      try {
        return nlohmann::ordered_json::parse(result_.files.back()->text());
      } catch (const nlohmann::json::exception& e) {
        result_.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, parent, {},
                                 {path, fmt::format("it is not valid JSON ({})", e.what())});
        return std::nullopt;
      }
    }
    return Compile(*result_.files.back(), depth + 1);
  }

  // The @secure() declarations of a local module, read from its syntax or its JSON (cached per path).
  struct SecureNames {
    bool known = false;                  // the module could be read
    std::vector<std::string> outputs;    // @secure() outputs (.bicep modules)
    std::set<std::string> params;        // @secure() parameters, and those of a user-defined type
  };

  // What a local module's template declares, read once per file: its @secure() names, and its
  // signature (parameters, outputs, target scope; none when it has errors).
  struct ModuleFacts {
    SecureNames secure;
    std::optional<semantics::type_check::ModuleSignature> signature;
  };
  auto FactsOf(const source::SourceFile& parent, const std::string& relative) -> const ModuleFacts& {
    namespace fs = std::filesystem;
    static const ModuleFacts kUnknown;
    if (IsRegistryReference(relative) || !(relative.ends_with(".bicep") || relative.ends_with(".json"))) return kUnknown;
    auto path = (fs::path{parent.path()}.parent_path() / relative).lexically_normal().string();
    if (auto it = module_facts_.find(path); it != module_facts_.end()) return it->second;
    ModuleFacts facts;
    if (auto text = source::ReadFile(path); text && relative.ends_with(".json")) {
      try {
        auto json = nlohmann::json::parse(*text);
        facts.secure = JsonSecureNames(json);
        facts.signature = JsonModuleSignature(json);
      } catch (const nlohmann::json::exception&) {
      }
    } else if (text) {
      source::SourceFile module_file{path, std::move(*text)};
      diagnostics::DiagnosticSink ignored;  // the module's own compilation reports its problems
      auto tree = syntax::Parse(module_file, ignored);
      facts.secure = BicepSecureNames(tree);
      facts.secure.known = !ignored.HasErrors();
      if (!ignored.HasErrors() && tree.root()) facts.signature = BicepModuleSignature(tree);
    }
    return module_facts_.emplace(path, std::move(facts)).first->second;
  }
  auto SecureNamesOf(const source::SourceFile& parent, const std::string& relative) -> const SecureNames& {
    return FactsOf(parent, relative).secure;
  }
  auto SignatureOf(const source::SourceFile& parent, const std::string& relative)
      -> const std::optional<semantics::type_check::ModuleSignature>& {
    return FactsOf(parent, relative).signature;
  }
  static auto JsonSecureNames(const nlohmann::json& json) -> SecureNames {
    SecureNames names;
    names.known = true;
    if (auto params = json.find("parameters"); params != json.end() && params->is_object()) {
      for (const auto& [name, decl] : params->items()) {
        auto type = source::LowerAscii(decl.is_object() ? decl.value("type", std::string{}) : std::string{});
        if (type.empty() || type == "securestring" || type == "secureobject") names.params.insert(name);
      }
    }
    return names;
  }
  static auto BicepSecureNames(const syntax::SyntaxTree& tree) -> SecureNames {
    SecureNames names;
    auto primitive = [](std::string_view t) {
      return t == "string" || t == "int" || t == "bool" || t == "object" || t == "array" || t == "any";
    };
    for (auto stmt : tree.children(tree.root())) {
      auto kind = tree.kind(stmt);
      if ((kind != syntax::NodeKind::OutputDecl && kind != syntax::NodeKind::ParamDecl) || !tree.child(stmt, 1)) continue;
      bool secure = false;
      auto decorators = tree.child(stmt, 0);
      for (auto d : decorators ? tree.children(decorators) : std::span<const syntax::NodeId>{}) {
        secure = secure || semantics::DecoratorName(tree, d) == "secure";
      }
      std::string name{tree.text(tree.child(stmt, 1))};
      if (kind == syntax::NodeKind::OutputDecl && secure) names.outputs.push_back(name);
      // A parameter of a user-defined type may be secure through its type: taken as secure.
      auto type = tree.child(stmt, 2);
      bool typed = type && !(tree.kind(type) == syntax::NodeKind::TypeVariableAccess && primitive(tree.text(type)));
      if (kind == syntax::NodeKind::ParamDecl && (secure || typed)) names.params.insert(name);
    }
    return names;
  }
  static auto JsonModuleSignature(const nlohmann::json& json) -> std::optional<semantics::type_check::ModuleSignature> {
    semantics::type_check::ModuleSignature sig;
    try {
      if (!json.is_object()) return std::nullopt;
      auto schema = json.value("$schema", std::string{});
      sig.target_scope = schema.find("subscriptionDeploymentTemplate") != std::string::npos      ? semantics::TargetScope::Subscription
                         : schema.find("managementGroupDeploymentTemplate") != std::string::npos ? semantics::TargetScope::ManagementGroup
                         : schema.find("tenantDeploymentTemplate") != std::string::npos          ? semantics::TargetScope::Tenant
                                                                                                 : semantics::TargetScope::ResourceGroup;
      if (auto params = json.find("parameters"); params != json.end() && params->is_object()) {
        for (const auto& [name, decl] : params->items()) {
          if (!decl.is_object()) return std::nullopt;
          semantics::type_check::ModuleParameter p;
          p.name = name;
          auto type = source::LowerAscii(decl.value("type", std::string{}));
          if (type == "string" || type == "securestring") p.type = "string";
          if (type == "int" || type == "bool" || type == "array") p.type = type;
          if (type == "object" || type == "secureobject") p.type = "object";
          p.nullable = decl.contains("defaultValue") || decl.value("nullable", false);
          p.required = !p.nullable;
          if (auto allowed = decl.find("allowedValues"); allowed != decl.end() && allowed->is_array()) {
            for (const auto& a : *allowed) {
              if (!a.is_string()) {
                p.type.clear();  // a union of other literals: not checked
                p.allowed.clear();
                break;
              }
              p.allowed.push_back(a.get<std::string>());
            }
          }
          sig.params.push_back(std::move(p));
        }
      }
      if (auto outputs = json.find("outputs"); outputs != json.end() && outputs->is_object()) {
        for (const auto& [name, decl] : outputs->items()) sig.outputs.push_back(name);
      }
    } catch (const nlohmann::json::exception&) {
      return std::nullopt;
    }
    return sig;
  }
  static auto BicepModuleSignature(const syntax::SyntaxTree& tree) -> std::optional<semantics::type_check::ModuleSignature> {
    using syntax::NodeKind;
    semantics::type_check::ModuleSignature sig;
    sig.target_scope = semantics::TargetScope::ResourceGroup;
    std::map<std::string_view, syntax::NodeId> types;
    for (auto stmt : tree.children(tree.root())) {
      if (tree.kind(stmt) == NodeKind::TypeDecl && tree.child(stmt, 1)) types[tree.text(tree.child(stmt, 1))] = tree.child(stmt, 2);
    }
    // Whether a declared type admits null (following local type declarations); nullopt: not known.
    std::function<std::optional<bool>(syntax::NodeId, int)> nullable = [&](syntax::NodeId t, int depth) -> std::optional<bool> {
      if (!t || depth > 32) return std::nullopt;
      switch (tree.kind(t)) {
        case NodeKind::TypeNullable: return true;
        case NodeKind::TypeParenthesized: return nullable(tree.child(t, 0), depth + 1);
        case NodeKind::TypeUnion:
          for (auto m : tree.children(t)) {
            if (m && tree.kind(m) == NodeKind::NullLiteral) return true;
          }
          return false;
        case NodeKind::TypeVariableAccess: {
          auto name = tree.text(t);
          if (name == "string" || name == "int" || name == "bool" || name == "object" || name == "array") return false;
          if (name == "any") return true;
          auto it = types.find(name);
          if (it == types.end()) return std::nullopt;  // imported
          return nullable(it->second, depth + 1);
        }
        default: return false;
      }
    };
    for (auto stmt : tree.children(tree.root())) {
      auto kind = tree.kind(stmt);
      if (kind == NodeKind::TargetScopeDecl) {
        auto v = tree.child(stmt, 1);
        if (!v || tree.kind(v) != NodeKind::String || !tree.children(v).empty()) return std::nullopt;
        const auto& s = tree.StringSegments(v)[0];
        if (s == "subscription") sig.target_scope = semantics::TargetScope::Subscription;
        else if (s == "managementGroup") sig.target_scope = semantics::TargetScope::ManagementGroup;
        else if (s == "tenant") sig.target_scope = semantics::TargetScope::Tenant;
        else if (s == "local") sig.target_scope = semantics::TargetScope::Local;
        continue;
      }
      if ((kind != NodeKind::OutputDecl && kind != NodeKind::ParamDecl) || !tree.child(stmt, 1)) continue;
      std::string name{tree.text(tree.child(stmt, 1))};
      if (kind == NodeKind::OutputDecl) {
        sig.outputs.push_back(std::move(name));
        continue;
      }
      semantics::type_check::ModuleParameter p;
      p.name = std::move(name);
      auto type = tree.child(stmt, 2);
      auto is_nullable = nullable(type, 0);
      p.required = !tree.child(stmt, 3) && is_nullable.has_value() && !*is_nullable;
      p.nullable = tree.child(stmt, 3) || (is_nullable.has_value() && *is_nullable);
      if (type && tree.kind(type) == NodeKind::TypeVariableAccess) {
        auto t = tree.text(type);
        if (t == "string" || t == "int" || t == "bool" || t == "object" || t == "array") p.type = std::string{t};
      } else if (type && tree.kind(type) == NodeKind::TypeUnion) {
        bool strings = true;
        for (auto m : tree.children(type)) {
          strings = strings && m && tree.kind(m) == NodeKind::String && tree.children(m).empty();
          if (strings) p.allowed.push_back(tree.StringSegments(m)[0]);
        }
        if (strings) p.type = "string";
        else p.allowed.clear();
      }
      auto decorators = tree.child(stmt, 0);
      for (auto d : decorators ? tree.children(decorators) : std::span<const syntax::NodeId>{}) {
        if (semantics::DecoratorName(tree, d) != "allowed" || p.type != "string") continue;
        // @allowed(['a', 'b']): the call's single argument
        auto call = tree.child(d, 0);
        auto args = call ? tree.children(call) : std::span<const syntax::NodeId>{};
        auto array = args.size() >= 2 ? args.back() : syntax::NodeId{};
        if (!array || tree.kind(array) != NodeKind::Array) {
          p.type.clear();
          continue;
        }
        p.allowed.clear();
        for (auto item : tree.children(array)) {
          if (!item || tree.kind(item) != NodeKind::String || !tree.children(item).empty()) {
            p.type.clear();
            p.allowed.clear();
            break;
          }
          p.allowed.push_back(tree.StringSegments(item)[0]);
        }
      }
      sig.params.push_back(std::move(p));
    }
    return sig;
  }

  static auto IsRegistryReference(const std::string& path) -> bool {
    return path.starts_with("br:") || path.starts_with("br/") || path.starts_with("ts:") || path.starts_with("ts/");
  }

  // The official cache folder name of an OCI tag: the tag, '$', then a hex bitmask of its
  // upper-case characters (bit i = character i), without leading zeros.
  static auto EncodeTag(const std::string& tag) -> std::string {
    std::vector<int> bits(tag.size() + 4, 0);
    for (std::size_t i = 0; i < tag.size(); ++i) {
      bits[i] = (tag[i] >= 'A' && tag[i] <= 'Z') ? 1 : 0;
    }
    std::string hex;
    for (std::size_t nibble = 0; nibble * 4 < tag.size(); ++nibble) {
      int v = bits[nibble * 4] | bits[nibble * 4 + 1] << 1 | bits[nibble * 4 + 2] << 2 | bits[nibble * 4 + 3] << 3;
      hex.insert(hex.begin(), "0123456789abcdef"[v]);
    }
    auto first = hex.find_first_not_of('0');
    return tag + "$" + (first == std::string::npos ? std::string{} : hex.substr(first));
  }

  static auto ConfigClause(const BicepConfig& config) -> std::string {
    return config.path.empty() ? std::string{"built-in Bicep configuration"}
                               : "Bicep configuration \"" + config.path + "\"";
  }

  // br:/br/alias:/ts: module references: the restored module from the official cache layout
  // (<cacheRoot>/br/<registry>/<repository with $>/<encoded tag>/main.json), or BCP190.
  auto ResolveRegistryModule(const source::SourceFile& parent, const std::string& reference, source::SourceRange range,
                             const BicepConfig& config) -> std::optional<nlohmann::ordered_json> {
    namespace fs = std::filesystem;
    using diagnostics::DiagnosticKind;
    if (reference.starts_with("ts")) {
      auto colon = reference.find(':');
      if (reference.starts_with("ts/")) {
        auto alias = reference.substr(3, colon == std::string::npos ? std::string::npos : colon - 3);
        if (!config.ts_aliases.contains(alias)) {
          result_.diagnostics.Emit(DiagnosticKind::TemplateSpecModuleAliasNameDoesNotExist, parent, range,
                                   {alias, ConfigClause(config)});
          return std::nullopt;
        }
      }
      result_.diagnostics.Emit(DiagnosticKind::ArtifactRequiresRestore, parent, range, {reference});
      return std::nullopt;
    }
    std::string registry;
    std::string repository;
    std::string rest;
    if (reference.starts_with("br/")) {
      auto colon = reference.find(':');
      auto alias = reference.substr(3, colon == std::string::npos ? std::string::npos : colon - 3);
      auto it = config.br_aliases.find(alias);
      if (it == config.br_aliases.end()) {
        result_.diagnostics.Emit(DiagnosticKind::OciArtifactModuleAliasNameDoesNotExist, parent, range,
                                 {alias, ConfigClause(config)});
        return std::nullopt;
      }
      if (colon == std::string::npos) {
        result_.diagnostics.Emit(DiagnosticKind::InvalidOciArtifactReference, parent, range, {reference});
        return std::nullopt;
      }
      registry = it->second.registry;
      rest = reference.substr(colon + 1);  // path:tag
      if (!it->second.module_path.empty()) {
        rest = it->second.module_path + "/" + rest;
      }
    } else {
      auto body = reference.substr(3);  // registry/repository:tag
      auto slash = body.find('/');
      if (slash == std::string::npos) {
        result_.diagnostics.Emit(DiagnosticKind::InvalidOciArtifactReference, parent, range, {reference});
        return std::nullopt;
      }
      registry = body.substr(0, slash);
      rest = body.substr(slash + 1);
    }
    auto at = rest.find('@');
    auto colon = rest.rfind(':');
    if (colon == std::string::npos && at == std::string::npos) {
      result_.diagnostics.Emit(DiagnosticKind::InvalidOciArtifactReference, parent, range, {reference});
      return std::nullopt;
    }
    std::string folder;
    if (at != std::string::npos) {
      repository = rest.substr(0, at);
      folder = rest.substr(at + 1);
      std::replace(folder.begin(), folder.end(), ':', '#');
    } else {
      repository = rest.substr(0, colon);
      folder = EncodeTag(rest.substr(colon + 1));
    }
    auto fully_qualified = "br:" + registry + "/" + rest;
    std::string registry_folder = registry;
    std::replace(registry_folder.begin(), registry_folder.end(), ':', '$');
    std::transform(registry_folder.begin(), registry_folder.end(), registry_folder.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::string repository_folder = repository;
    std::replace(repository_folder.begin(), repository_folder.end(), '/', '$');
    auto cached = config.cache_root / "br" / registry_folder / repository_folder / folder / "main.json";
    auto text = source::ReadFile(cached.string());
    if (!text) {
      result_.diagnostics.Emit(DiagnosticKind::ArtifactRequiresRestore, parent, range, {fully_qualified});
      result_.diagnostics.Emit(DiagnosticKind::RestoreHint, parent, range, {cached.string()});
      return std::nullopt;
    }
    try {
      return nlohmann::ordered_json::parse(*text);
    } catch (const nlohmann::json::exception& e) {
      result_.diagnostics.Emit(DiagnosticKind::FileNotReadable, parent, range,
                               {cached.string(), fmt::format("it is not valid JSON ({})", e.what())});
      return std::nullopt;
    }
  }

  // A file named by an `import` declaration: read, parsed and bound once per path.
  auto LoadImport(const semantics::SemanticModel& from, syntax::NodeId import_decl, const std::filesystem::path& entry_dir)
      -> ir::ImportedFile {
    namespace fs = std::filesystem;
    const auto& tree = from.tree();
    auto path_node = tree.child(import_decl, 2);
    if (!path_node || tree.kind(path_node) != syntax::NodeKind::String || !tree.children(path_node).empty()) {
      return {};
    }
    auto relative = tree.StringSegments(path_node)[0];
    if (relative.find(':') != std::string::npos || !(relative.ends_with(".bicep") || relative.ends_with(".json"))) {
      return {};  // registry references are not supported yet (BCX004 from the lowering)
    }
    auto path = (fs::path{tree.file().path()}.parent_path() / relative).lexically_normal();
    auto identifier = path.lexically_relative(entry_dir).generic_string();
    auto key = path.string();
    if (relative.ends_with(".json")) {
      return {nullptr, identifier, LoadArmImport(key, tree, path_node)};
    }
    if (auto it = imports_.find(key); it != imports_.end()) {
      return {it->second.get(), identifier};
    }
    if (imports_.size() >= 1000) {
      return {};
    }
    auto text = source::ReadFile(key);
    if (!text) {
      result_.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, tree.file(), tree.range(path_node),
                               {key, "no such file or it cannot be opened"});
      imports_[key] = nullptr;
      return {};
    }
    result_.files.push_back(std::make_unique<source::SourceFile>(key, std::move(*text)));
    auto parsed = std::make_unique<syntax::SyntaxTree>(syntax::Parse(*result_.files.back(), result_.diagnostics));
    auto* tree_ptr = parsed.get();
    import_trees_.push_back(std::move(parsed));
    auto model = std::make_unique<semantics::SemanticModel>(semantics::Bind(*tree_ptr, result_.diagnostics));
    auto* model_ptr = model.get();
    imports_[key] = std::move(model);
    return {model_ptr, identifier};
  }

  // An ARM JSON template named by an import: its variables (copy variables too) and definitions,
  // with the ones it exports (metadata.__bicep_exported_variables!, metadata.__bicep_export!).
  auto LoadArmImport(const std::string& path, const syntax::SyntaxTree& tree, syntax::NodeId path_node)
      -> const ir::ArmImport* {
    if (auto it = arm_imports_.find(path); it != arm_imports_.end()) {
      return it->second.get();
    }
    auto text = source::ReadFile(path);
    nlohmann::ordered_json json;
    if (text) {
      json = nlohmann::ordered_json::parse(*text, nullptr, false);
    }
    if (!text || json.is_discarded() || !json.is_object()) {
      result_.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, tree.file(), tree.range(path_node),
                               {path, text ? "it is not a JSON template" : "no such file or it cannot be opened"});
      arm_imports_[path] = nullptr;
      return nullptr;
    }
    auto arm = std::make_unique<ir::ArmImport>();
    std::set<std::string> exported_variables;
    if (auto md = json.find("metadata"); md != json.end() && md->is_object()) {
      if (auto list = md->find("__bicep_exported_variables!"); list != md->end() && list->is_array()) {
        for (const auto& item : *list) {
          if (item.is_object() && item.contains("name") && item["name"].is_string()) {
            exported_variables.insert(item["name"].get<std::string>());
          }
        }
      }
    }
    auto parse = [](const nlohmann::ordered_json& value) {
      auto parsed = eval::ParseArmValue(value);
      return parsed ? std::move(*parsed) : ir::Expr::Null();
    };
    if (auto vars = json.find("variables"); vars != json.end() && vars->is_object()) {
      for (const auto& [name, value] : vars->items()) {
        if (name == "copy" && value.is_array()) {
          for (const auto& c : value) {
            if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
            ir::ArmSymbol sym;
            sym.name = c["name"].get<std::string>();
            sym.exported = exported_variables.contains(sym.name);
            sym.copy_count = parse(c.value("count", nlohmann::ordered_json{}));
            sym.copy_input = parse(c.value("input", nlohmann::ordered_json{}));
            arm->symbols.push_back(std::move(sym));
          }
          continue;
        }
        ir::ArmSymbol sym;
        sym.name = name;
        sym.exported = exported_variables.contains(name);
        sym.value = parse(value);
        arm->symbols.push_back(std::move(sym));
      }
    }
    if (auto defs = json.find("definitions"); defs != json.end() && defs->is_object()) {
      for (const auto& [name, value] : defs->items()) {
        ir::ArmSymbol sym;
        sym.kind = ir::ArmSymbol::Kind::Type;
        sym.name = name;
        sym.exported = value.is_object() && value.contains("metadata") && value["metadata"].is_object() &&
                       value["metadata"].value("__bicep_export!", false);
        sym.value = parse(value);
        arm->symbols.push_back(std::move(sym));
      }
    }
    auto* result = arm.get();
    arm_imports_[path] = std::move(arm);
    return result;
  }

  static auto DepthMessage(const std::string& relative) -> std::string {
    return "modules nested more than 32 levels deep (\"" + relative + "\")";
  }

  Compilation& result_;
  const CompileOptions& options_;
  std::map<std::string, std::unique_ptr<semantics::SemanticModel>> imports_;
  std::vector<std::string> stack_;  // the files being compiled, outermost first (module cycles)
  std::map<std::string, ModuleFacts> module_facts_;  // module path -> what its template declares
  std::map<std::string, std::unique_ptr<ir::ArmImport>> arm_imports_;  // ARM JSON templates named by imports
  std::map<std::string, nlohmann::ordered_json> compiled_modules_;       // module file -> its template
  std::vector<std::unique_ptr<syntax::SyntaxTree>> import_trees_;
};

}  // namespace

auto Version() -> std::string { return BICEPC_VERSION; }

auto CompileBicepSource(const std::string& path, std::string text, const CompileOptions& options) -> Compilation {
  Compilation result;
  result.files.push_back(std::make_unique<source::SourceFile>(path, std::move(text)));
  const auto& file = *result.files.back();
  auto json = TemplateCompiler{result, options}.Compile(file, 0);
  if (json && !result.diagnostics.HasErrors()) {
    result.json = Serialize(*json);
  }
  return result;
}

auto CompileBicepFile(const std::string& path, const CompileOptions& options) -> Compilation {
  auto text = source::ReadFile(path);
  if (!text) {
    Compilation result;
    result.files.push_back(std::make_unique<source::SourceFile>(path, std::string{}));
    result.diagnostics.Emit(diagnostics::DiagnosticKind::FileNotReadable, *result.files.back(), {},
                            {path, "no such file or it cannot be opened"});
    return result;
  }
  return CompileBicepSource(path, std::move(*text), options);
}

}  // namespace bicepc::driver
