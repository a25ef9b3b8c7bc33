#include "compiler/semantics/any_placement.h"

#include "compiler/syntax/string_literal.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::semantics {
namespace {

using syntax::NodeId;
using syntax::NodeKind;

// any(...) or sys.any(...)
auto IsAnyCall(const syntax::SyntaxTree& tree, NodeId n) -> bool {
  if (!n) return false;
  if (tree.kind(n) == NodeKind::FunctionCall) return tree.text(tree.child(n, 0)) == "any";
  if (tree.kind(n) == NodeKind::InstanceFunctionCall) {
    auto base = tree.child(n, 0);
    return base && tree.kind(base) == NodeKind::VariableAccess && tree.text(base) == "sys" &&
           tree.text(tree.child(n, 1)) == "any";
  }
  return false;
}

}  // namespace

void CheckAnyPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  const auto& tree = model.tree();
  auto report = [&](NodeId n) {
    if (IsAnyCall(tree, n)) sink.Emit(diagnostics::DiagnosticKind::AnyTypeNotAllowed, tree.file(), tree.range(n));
  };
  for (const auto& sym : model.symbols()) {
    if (sym.kind != SymbolKind::Resource && sym.kind != SymbolKind::Module) continue;
    auto body = syntax::DeclarationBody(tree, tree.child(sym.decl, 3));
    if (!body) continue;
    for (auto prop : tree.children(body)) {
      if (tree.kind(prop) != NodeKind::ObjectProperty) continue;
      auto key = tree.child(prop, 0);
      if (!key || tree.kind(key) != NodeKind::Identifier) continue;
      auto name = tree.text(key);
      auto value = tree.child(prop, 1);
      if (name == "parent" || name == "scope") {
        report(value);
        // `parent:` takes a resource reference (optionally indexed), nothing computed
        if (name == "parent" && value) {
          auto base = value;
          if (tree.kind(base) == NodeKind::ArrayAccess) base = tree.child(base, 0);
          auto k = base ? tree.kind(base) : NodeKind::Error;
          if (k != NodeKind::VariableAccess && k != NodeKind::ResourceAccess && k != NodeKind::Error) {
            sink.Emit(diagnostics::DiagnosticKind::ParentNotDirectReference, tree.file(), tree.range(value));
          }
        }
      } else if (name == "dependsOn" && value && tree.kind(value) == NodeKind::Array) {
        for (auto item : tree.children(value)) {
          report(item);
          // a literal is no resource or module (BCP034; an interpolation the official compiler folds
          // to a constant is named by its value there, "string" here)
          std::string actual;
          if (!item) continue;
          switch (tree.kind(item)) {
            case NodeKind::String:
              actual = tree.children(item).empty() ? syntax::QuoteStringLiteral(tree.StringSegments(item)[0]) : "string";
              break;
            case NodeKind::BooleanLiteral: actual = (tree.node(item).flags & 1) != 0 ? "true" : "false"; break;
            case NodeKind::IntegerLiteral: actual = std::string{tree.text(item)}; break;
            default: continue;
          }
          sink.Emit(diagnostics::DiagnosticKind::ResourceArrayItemTypeMismatchError, tree.file(), tree.range(item),
                    {"module[] | (resource | module) | resource[]", actual});
        }
      }
    }
  }
}

}  // namespace bicepc::semantics
