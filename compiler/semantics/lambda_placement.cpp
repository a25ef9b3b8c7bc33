#include "compiler/semantics/lambda_placement.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "compiler/syntax/syntax_tree.h"
#include "stdlib/functions.h"

namespace bicepc::semantics {
namespace {

using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr int kMaxDepth = 2000;

class LambdaPlacement {
 public:
  LambdaPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {}

  void Run() {
    if (!tree_.root()) return;
    Visit(tree_.root(), false, 0);
  }

 private:
  // `argument`: the node is a function argument, or inside parentheses that are one.
  void Visit(NodeId n, bool argument, int depth) {
    if (!n || depth > kMaxDepth) return;
    auto kind = tree_.kind(n);
    auto kids = tree_.children(n);
    switch (kind) {
      case NodeKind::Lambda:
        if (!argument) sink_.Emit(DiagnosticKind::LambdaOutsideFunctionArguments, tree_.file(), tree_.range(n));
        for (std::size_t i = 0; i + 1 < kids.size(); ++i) {
          if (kids[i]) lambda_variables_.insert(kids[i].index);
        }
        if (!kids.empty()) {
          ++lambda_depth_;
          Visit(kids.back(), false, depth + 1);
          --lambda_depth_;
        }
        return;
      case NodeKind::Parenthesized:
        for (auto k : kids) Visit(k, argument, depth + 1);
        return;
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        std::size_t first_arg = kind == NodeKind::FunctionCall ? 1 : 2;
        if (lambda_depth_ > 0) CheckInlinedCall(n, first_arg);
        for (std::size_t i = 0; i < kids.size(); ++i) Visit(kids[i], i >= first_arg, depth + 1);
        return;
      }
      case NodeKind::ArrayAccess:
        if (lambda_depth_ > 0 && kids.size() == 2 && ResourceSymbolOf(model_, kids[0])) {
          auto names = LambdaVariablesIn(kids[1]);
          if (!names.empty()) {
            sink_.Emit(DiagnosticKind::LambdaVariableInResourceIndex, tree_.file(), tree_.range(kids[1]),
                       {Quoted(names)});
          }
        }
        break;
      default: break;
    }
    for (auto k : kids) Visit(k, false, depth + 1);
  }

  // reference() and list*() are resolved before ARM evaluates a lambda.
  void CheckInlinedCall(NodeId call, std::size_t first_arg) {
    const auto& b = model_.binding(call);
    if (b.kind != Binding::Kind::BuiltinFunction) return;
    auto name = tree_.child(call, first_arg - 1);
    if (!name) return;
    auto info = stdlib::FindFunction(b.ns, tree_.text(name));
    if (!info || (info->flags & stdlib::kFlagRequiresInlining) == 0) return;
    std::vector<std::string> names;
    auto kids = tree_.children(call);
    for (auto i = first_arg; i < kids.size(); ++i) {
      for (auto& v : LambdaVariablesIn(kids[i])) {
        if (std::find(names.begin(), names.end(), v) == names.end()) names.push_back(std::move(v));
      }
    }
    if (!names.empty()) {
      sink_.Emit(DiagnosticKind::LambdaVariableInInlinedFunction, tree_.file(), tree_.range(call),
                 {std::string{tree_.text(name)}, Quoted(names)});
    }
  }

  // Names of the lambda variables an expression reads, in order of first use.
  auto LambdaVariablesIn(NodeId n) const -> std::vector<std::string> {
    std::vector<std::string> names;
    Collect(n, names, 0);
    return names;
  }
  void Collect(NodeId n, std::vector<std::string>& names, int depth) const {
    if (!n || depth > kMaxDepth) return;
    if (tree_.kind(n) == NodeKind::VariableAccess) {
      const auto& b = model_.binding(n);
      if (b.kind == Binding::Kind::Local && b.local && lambda_variables_.contains(b.local.index)) {
        std::string name{tree_.text(n)};
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
      }
      return;
    }
    for (auto k : tree_.children(n)) Collect(k, names, depth + 1);
  }
  static auto Quoted(const std::vector<std::string>& names) -> std::string {
    std::string out;
    for (const auto& n : names) out += fmt::format("{}\"{}\"", out.empty() ? "" : ", ", n);
    return out;
  }

  const SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::unordered_set<std::uint32_t> lambda_variables_;  // LocalVariable nodes of the lambdas seen so far
  int lambda_depth_ = 0;
};

}  // namespace

void CheckLambdaPlacement(const SemanticModel& model, diagnostics::DiagnosticSink& sink) {
  LambdaPlacement{model, sink}.Run();
}

}  // namespace bicepc::semantics
