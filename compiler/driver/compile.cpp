#include "compiler/driver/compile.h"

#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "compiler/emit/emit_template.h"
#include "compiler/ir/lower.h"
#include "compiler/driver/load_functions.h"
#include "compiler/driver/pragmas.h"
#include "compiler/semantics/semantic_model.h"
#include "compiler/semantics/type_check/resource_body_check.h"
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
    // Binding runs on trees with syntax errors too, so semantic errors are reported with them.
    const auto first_diagnostic = result_.diagnostics.size();
    auto tree = syntax::Parse(file, result_.diagnostics);
    auto model = semantics::Bind(tree, result_.diagnostics);
    // Our catalogue is built from ../shared/types, a subset of the official type index:
    // a type missing from it may still exist, so BCP081 would be a false warning.
    semantics::type_check::ResourceCheckOptions check_options;
    check_options.report_unavailable_types = false;
    semantics::type_check::CheckResources(tree, result_.diagnostics, check_options);
    ApplyPragmas(tree, first_diagnostic, result_.diagnostics);
    if (result_.diagnostics.HasErrors()) {
      return std::nullopt;
    }
    namespace fs = std::filesystem;
    const auto entry_dir = fs::path{file.path()}.lexically_normal().parent_path();
    ir::LowerOptions lower_options;
    lower_options.symbolic_name_codegen = options_.symbolic_name_codegen;
    lower_options.resolve_import = [this, entry_dir](const semantics::SemanticModel& from,
                                                     syntax::NodeId import_decl) -> ir::ImportedFile {
      return LoadImport(from, import_decl, entry_dir);
    };
    auto loaded = EvaluateLoadFunctions(model, result_.diagnostics);
    if (result_.diagnostics.HasErrors()) {
      return std::nullopt;
    }
    lower_options.loaded_values = &loaded;
    auto tmpl = ir::Lower(model, result_.diagnostics, lower_options);
    if (result_.diagnostics.HasErrors()) {
      return std::nullopt;
    }
    emit::EmitOptions emit_options;
    emit_options.generator_name = options_.generator_name;
    emit_options.generator_version = options_.generator_version.empty() ? Version() : options_.generator_version;
    for (const auto& r : tmpl.resources) {
      if (!r.module_path || emit_options.module_templates.contains(*r.module_path)) {
        continue;
      }
      auto nested = CompileModule(file, *r.module_path, depth);
      if (!nested) {
        return std::nullopt;
      }
      emit_options.module_templates.emplace(*r.module_path, std::move(*nested));
    }
    auto json = emit::EmitTemplate(tmpl, emit_options);
    AddTemplateHash(json);
    return json;
  }

 private:
  auto CompileModule(const source::SourceFile& parent, const std::string& relative, int depth)
      -> std::optional<nlohmann::ordered_json> {
    namespace fs = std::filesystem;
    auto path = (fs::path{parent.path()}.parent_path() / relative).lexically_normal().string();
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
    if (relative.find(':') != std::string::npos || !relative.ends_with(".bicep")) {
      return {};  // registry references and ARM JSON templates are not supported yet (BCX004 from the lowering)
    }
    auto path = (fs::path{tree.file().path()}.parent_path() / relative).lexically_normal();
    auto identifier = path.lexically_relative(entry_dir).generic_string();
    auto key = path.string();
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

  static auto DepthMessage(const std::string& relative) -> std::string {
    return "modules nested more than 32 levels deep (\"" + relative + "\")";
  }

  Compilation& result_;
  const CompileOptions& options_;
  std::map<std::string, std::unique_ptr<semantics::SemanticModel>> imports_;
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
