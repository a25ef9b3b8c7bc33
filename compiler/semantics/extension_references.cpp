#include "compiler/semantics/extension_references.h"

#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

class ExtensionReferences {
 public:
  ExtensionReferences(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {}

  void Run() {
    if (!tree_.root()) return;
    bool any = false;
    for (const auto& s : model_.symbols()) any = any || s.kind == SymbolKind::Extension;
    if (!any) return;
    for (auto stmt : tree_.children(tree_.root())) {
      in_module_ = stmt && tree_.kind(stmt) == NodeKind::ModuleDecl;
      Visit(stmt, 0, 0);
    }
  }

 private:
  // `object_depth`: how many object literals deep inside a module body (1 = its top level).
  void Visit(NodeId n, int depth, int object_depth) {
    if (!n || depth > kMaxDepth) return;
    switch (tree_.kind(n)) {
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(n);
        if (b.kind == Binding::Kind::Symbol && model_.symbol(b.symbol).kind == SymbolKind::Extension) {
          sink_.Emit(diagnostics::DiagnosticKind::ExtensionReferenceNotAllowed, tree_.file(), tree_.range(n));
        }
        return;
      }
      case NodeKind::Object:
        if (in_module_) ++object_depth;
        break;
      case NodeKind::ObjectProperty:
        if (in_module_ && object_depth == 1) {
          auto key = tree_.child(n, 0);
          if (key && tree_.kind(key) == NodeKind::Identifier && tree_.text(key) == "extensionConfigs") return;
        }
        break;
      default: break;
    }
    for (auto k : tree_.children(n)) Visit(k, depth + 1, object_depth);
  }

  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  bool in_module_ = false;
};

}  // namespace

void CheckExtensionReferences(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  ExtensionReferences{model, sink}.Run();
}

}  // namespace bicepc::semantics
