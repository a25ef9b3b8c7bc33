#include "compiler/ir/lower.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <unordered_map>

#include "stdlib/types/resource_types.h"

namespace bicepc::ir {

using diagnostics::DiagnosticKind;
using semantics::Binding;
using semantics::ResourceInfo;
using semantics::SymbolId;
using semantics::SymbolKind;
using syntax::NodeId;
using syntax::NodeKind;

namespace {

constexpr std::uint32_t kMaxDepth = 4000;

auto Call1(std::string name, Expr a, source::SourceRange r = {}) -> Expr {
  std::vector<Expr> args;
  args.push_back(std::move(a));
  return Expr::Call(std::move(name), std::move(args), r);
}

auto Call2(std::string name, Expr a, Expr b, source::SourceRange r = {}) -> Expr {
  std::vector<Expr> args;
  args.push_back(std::move(a));
  args.push_back(std::move(b));
  return Expr::Call(std::move(name), std::move(args), r);
}

// .NET's default (culture-aware) ordering of symbolic names, approximated for identifiers:
// case-insensitive first, punctuation before digits before letters, lower case before upper case.
auto CultureKey(std::string_view s) -> std::pair<std::string, std::string> {
  std::string primary;
  std::string tertiary;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 'A' && u <= 'Z') {
      primary.push_back(static_cast<char>(u - 'A' + 0x40));
      tertiary.push_back('1');
    } else if (u >= 'a' && u <= 'z') {
      primary.push_back(static_cast<char>(u - 'a' + 0x40));
      tertiary.push_back('0');
    } else if (u >= '0' && u <= '9') {
      primary.push_back(static_cast<char>(u - '0' + 0x20));
      tertiary.push_back('0');
    } else {
      primary.push_back(static_cast<char>(u & 0x1F));
      tertiary.push_back('0');
    }
  }
  return {primary, tertiary};
}

// Joins UTF-8-encoded surrogate halves (a `\\u{D801}\\u{DC37}` escape pair decoded one code point
// at a time) into the one supplementary code point they stand for.
auto JoinSurrogates(const std::string& s) -> std::string {
  if (s.find('\xED') == std::string::npos) {
    return s;
  }
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (i + 5 < s.size() && byte(i) == 0xED && (byte(i + 1) & 0xF0) == 0xA0 && byte(i + 3) == 0xED &&
        (byte(i + 4) & 0xF0) == 0xB0) {
      std::uint32_t hi = 0xD000U | ((byte(i + 1) & 0x3FU) << 6) | (byte(i + 2) & 0x3FU);
      std::uint32_t lo = 0xD000U | ((byte(i + 4) & 0x3FU) << 6) | (byte(i + 5) & 0x3FU);
      std::uint32_t cp = 0x10000U + ((hi - 0xD800U) << 10) + (lo - 0xDC00U);
      out.push_back(static_cast<char>(0xF0U | (cp >> 18)));
      out.push_back(static_cast<char>(0x80U | ((cp >> 12) & 0x3FU)));
      out.push_back(static_cast<char>(0x80U | ((cp >> 6) & 0x3FU)));
      out.push_back(static_cast<char>(0x80U | (cp & 0x3FU)));
      i += 5;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

class Lowerer {
 public:
  Lowerer(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink, const LowerOptions& options)
      : model_{model}, tree_{model.tree()}, sink_{sink}, options_{options} {}

  auto Run() -> Template {
    Template t;
    t.target_scope = model_.target_scope();
    symbolic_ = options_.symbolic_name_codegen;
    for (auto id : model_.declarations()) {
      if (model_.symbol(id).kind == SymbolKind::Module && !SecureOutputsOf(id).empty()) {
        symbolic_ = true;  // EmitterSettings: secure outputs in modules
      }
    }
    for (const auto& f : model_.v2_features()) {
      if (!IsSupportedV2Feature(f.what)) {
        NotSupported(fmt::format("{} (languageVersion 2.0 templates)", f.what), f.node);
        return t;
      }
      symbolic_ = true;
    }
    if (symbolic_) {
      t.language_version = "2.0";
    }
    if (std::any_of(model_.declarations().begin(), model_.declarations().end(),
                    [&](SymbolId id) { return model_.symbol(id).kind == SymbolKind::Import; })) {
      BuildImportClosure();
    }
    AssignFunctionVariables(tree_.root(), NodeId{}, 0, t);
    t.exported_variables = ExportedVariables();
    std::sort(fxv_values_.begin(), fxv_values_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });  // ordinal, as emitted
    for (auto& [name, value] : fxv_values_) {
      t.variables.push_back(Variable{name, std::move(value), std::nullopt, std::nullopt});
    }
    for (auto id : model_.declarations()) {
      const auto& sym = model_.symbol(id);
      switch (sym.kind) {
        case SymbolKind::Function: {
          auto [ns, member] = SplitFunctionName(sym.name);
          t.functions.push_back(Function{ns, member, LowerFunction(sym, std::nullopt, true)});
          break;
        }
        case SymbolKind::Type: {
          auto decorators = tree_.child(sym.decl, 0);
          t.definitions.emplace_back(
              sym.name, ApplyTypeModifiers(decorators, DeclaredTypeProps(sym.decl, tree_.child(sym.decl, 2), decorators),
                                           true));
          break;
        }
        case SymbolKind::Metadata: {
          auto value = Lower(tree_.child(sym.decl, 2), 0);
          t.metadata.emplace_back(sym.name, std::move(value));
          break;
        }
        case SymbolKind::Parameter: t.parameters.push_back(LowerParameter(sym)); break;
        case SymbolKind::Variable:
          if (!RequiresInlining(id, 0)) {
            t.variables.push_back(LowerVariable(sym));
          }
          break;
        case SymbolKind::Resource: break;  // emitted below, in the official order
        case SymbolKind::Module: break;  // emitted with the resources
        case SymbolKind::Output: t.outputs.push_back(LowerOutput(sym)); break;
        default: break;
      }
    }
    if (closure_) {
      AppendImports(t);
    }
    std::vector<SymbolId> top;
    for (auto id : model_.declarations()) {
      auto kind = model_.symbol(id).kind;
      if ((kind == SymbolKind::Resource || kind == SymbolKind::Module) && !model_.symbol(id).parent) {
        top.push_back(id);
      }
    }
    std::vector<SymbolId> order;
    ResourceOrder(top, order, 0);
    std::stable_partition(order.begin(), order.end(),
                          [&](SymbolId id) { return model_.symbol(id).kind == SymbolKind::Resource; });
    for (auto id : order) {
      const auto* info = model_.resource(id);
      if (info && model_.symbol(id).kind == SymbolKind::Module) {
        t.resources.push_back(LowerModule(id, *info));
      } else if (info && (!info->existing || symbolic_)) {
        t.resources.push_back(LowerResource(id, *info));
      }
    }
    return t;
  }

  // A loaded JSON value as an expression (floats become json('1.5'), as the official compiler writes them).
  static auto JsonToExpr(const nlohmann::ordered_json& j, std::uint32_t depth) -> Expr {
    if (depth > kMaxDepth) {
      return Expr::Null();
    }
    switch (j.type()) {
      case nlohmann::ordered_json::value_t::object: {
        std::vector<Expr> kv;
        for (const auto& [k, v] : j.items()) {
          kv.push_back(Expr::Str(k));
          kv.push_back(JsonToExpr(v, depth + 1));
        }
        return Expr::Object(std::move(kv));
      }
      case nlohmann::ordered_json::value_t::array: {
        std::vector<Expr> items;
        for (const auto& v : j) {
          items.push_back(JsonToExpr(v, depth + 1));
        }
        return Expr::Array(std::move(items));
      }
      case nlohmann::ordered_json::value_t::string: return Expr::Str(j.get<std::string>());
      case nlohmann::ordered_json::value_t::boolean: return Expr::Bool(j.get<bool>());
      case nlohmann::ordered_json::value_t::number_integer: return Expr::Int(std::to_string(j.get<std::int64_t>()));
      case nlohmann::ordered_json::value_t::number_unsigned: return Expr::Int(std::to_string(j.get<std::uint64_t>()));
      case nlohmann::ordered_json::value_t::number_float:
        return Call1("json", Expr::Str(fmt::format("{}", j.get<double>())));
      default: return Expr::Null();
    }
  }

  // FunctionVariableGeneratorVisitor: `$fxv#N` variables for load*() results, numbered in source
  // order; text and base64 loads only when they are not the whole value of a variable.
  void AssignFunctionVariables(NodeId node, NodeId parent, std::uint32_t depth, Template& t) {
    if (!node || depth > kMaxDepth || !options_.loaded_values) {
      return;
    }
    auto kind = tree_.kind(node);
    if (kind == NodeKind::FuncDecl) {
      return;  // user-defined functions inline their values
    }
    if (kind == NodeKind::FunctionCall || kind == NodeKind::InstanceFunctionCall) {
      if (auto it = options_.loaded_values->find(node.index); it != options_.loaded_values->end()) {
        bool direct = parent && tree_.kind(parent) == NodeKind::VarDecl;
        if (it->second.always_variable || !direct) {
          auto name = fmt::format("$fxv#{}", function_variables_.size());
          function_variables_[node.index] = name;
          fxv_values_.emplace_back(name, JsonToExpr(it->second.value, 0));
        }
      }
    }
    for (auto k : tree_.children(node)) {
      AssignFunctionVariables(k, node, depth + 1, t);
    }
  }

  // The @secure() outputs of a local module (none for registry modules and JSON templates).
  auto SecureOutputsOf(SymbolId module) -> const std::vector<std::string>& {
    static const std::vector<std::string> kNone;
    if (!options_.secure_outputs_of) {
      return kNone;
    }
    auto it = secure_outputs_.find(module.index);
    if (it == secure_outputs_.end()) {
      auto path = tree_.child(model_.symbol(module).decl, 2);
      std::vector<std::string> names;
      if (path && tree_.kind(path) == NodeKind::String && tree_.children(path).empty()) {
        names = options_.secure_outputs_of(tree_.StringSegments(path)[0]);
      }
      it = secure_outputs_.emplace(module.index, std::move(names)).first;
    }
    return it->second;
  }

  // The languageVersion 2.0 features bicepc emits; the others stay BCX004 errors.
  auto IsSupportedV2Feature(std::string_view what) const -> bool {
    return what == "typed variables" || what == "user-defined types" || what == "type expressions" ||
           what == "modules without a name" || what == "secure outputs" || what == "user-defined functions" ||
           (what == "compile-time imports" && options_.resolve_import);
  }

 private:
  void NotSupported(std::string what, NodeId node) {
    sink_.Emit(DiagnosticKind::NotYetSupported, tree_.file(), node ? tree_.range(node) : source::SourceRange{},
               {std::move(what)});
  }

  // Resources in the official emission order: for each declaration in a scope, the resources
  // nested in it (recursively, in this same order), then the scope's own declarations.
  void ResourceOrder(const std::vector<SymbolId>& scope, std::vector<SymbolId>& out, std::uint32_t depth) {
    if (depth > 64) {
      return;
    }
    for (auto id : scope) {
      std::vector<SymbolId> children;
      for (auto c : model_.declarations()) {
        if (model_.symbol(c).parent == id) {
          children.push_back(c);
        }
      }
      ResourceOrder(children, out, depth + 1);
    }
    out.insert(out.end(), scope.begin(), scope.end());
  }

  auto R(NodeId n) const -> source::SourceRange { return n ? tree_.range(n) : source::SourceRange{}; }

  // ---- decorators ----
  auto FindDecorator(NodeId decorators, std::string_view name) const -> NodeId {
    if (!decorators) {
      return {};
    }
    for (auto d : tree_.children(decorators)) {
      if (semantics::DecoratorName(tree_, d) == name) {
        return d;
      }
    }
    return {};
  }
  // The first argument of a decorator call.
  auto DecoratorArg(NodeId d) const -> NodeId {
    auto call = tree_.child(d, 0);
    if (!call) {
      return {};
    }
    return tree_.child(call, tree_.kind(call) == NodeKind::FunctionCall ? 1 : 2);
  }
  auto DecoratorValue(NodeId decorators, std::string_view name) -> std::optional<Expr> {
    auto d = FindDecorator(decorators, name);
    if (!d) {
      return std::nullopt;
    }
    auto arg = DecoratorArg(d);
    if (!arg) {
      return std::nullopt;
    }
    auto value = Lower(arg, 0);
    if (name == "description" && value.kind == Expr::Kind::String) {
      value.text = NormalizeIndent(value.text);
    }
    return value;
  }

  // StringUtils.NormalizeIndent, applied to literal @description texts: lines are split on
  // \r\n, \r or \n and rejoined with \n; the whitespace prefix (spaces, tabs) common to every
  // non-empty line after the first is removed.
  static auto NormalizeIndent(const std::string& text) -> std::string {
    std::vector<std::string_view> lines;
    std::string_view rest = text;
    while (true) {
      auto nl = rest.find_first_of("\r\n");
      if (nl == std::string_view::npos) {
        lines.push_back(rest);
        break;
      }
      lines.push_back(rest.substr(0, nl));
      auto skip = rest[nl] == '\r' && nl + 1 < rest.size() && rest[nl + 1] == '\n' ? 2 : 1;
      rest = rest.substr(nl + skip);
    }
    if (lines.size() == 1) {
      return text;
    }
    std::size_t min_length = std::string_view::npos;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      if (!lines[i].empty()) {
        min_length = std::min(min_length, lines[i].size());
      }
    }
    std::size_t common = 0;
    if (min_length != std::string_view::npos) {
      for (std::size_t i = 0; i < min_length; ++i) {
        bool all_space = true;
        for (std::size_t l = 1; l < lines.size() && all_space; ++l) {
          all_space = lines[l].empty() || lines[l][i] == ' ' || lines[l][i] == '\t';
        }
        if (!all_space) {
          break;
        }
        common = i + 1;
      }
    }
    std::string out{lines[0]};
    for (std::size_t i = 1; i < lines.size(); ++i) {
      out += '\n';
      if (!lines[i].empty()) {
        out += lines[i].substr(common);
      }
    }
    return out;
  }

  static auto TypeName(const syntax::SyntaxTree& tree, NodeId type) -> std::string {
    if (type && tree.kind(type) == NodeKind::TypeVariableAccess) {
      return std::string{tree.text(type)};
    }
    return "object";
  }

  auto LowerParameter(const semantics::Symbol& sym) -> Parameter {
    Parameter p;
    p.name = sym.name;
    auto decorators = tree_.child(sym.decl, 0);
    p.type = TypeName(tree_, tree_.child(sym.decl, 2));
    if (FindDecorator(decorators, "secure")) {
      p.type = p.type == "object" ? "secureObject" : "securestring";
    }
    if (auto def = tree_.child(sym.decl, 3)) {
      p.default_value = Lower(def, 0);
    }
    p.allowed_values = DecoratorValue(decorators, "allowed");
    p.metadata = DecoratorValue(decorators, "metadata");
    p.min_value = DecoratorValue(decorators, "minValue");
    p.max_value = DecoratorValue(decorators, "maxValue");
    p.min_length = DecoratorValue(decorators, "minLength");
    p.max_length = DecoratorValue(decorators, "maxLength");
    p.description = DecoratorValue(decorators, "description");
    auto obj = DeclaredTypeProps(sym.decl, tree_.child(sym.decl, 2), decorators);
    if (p.default_value) {
      MergeProperty(obj, "defaultValue", *p.default_value);
    }
    if (p.allowed_values) {
      MergeProperty(obj, "allowedValues", *p.allowed_values);
    }
    p.type_object = ApplyTypeModifiers(decorators, std::move(obj), false);
    return p;
  }

  auto LowerVariable(const semantics::Symbol& sym) -> Variable {
    auto value = tree_.child(sym.decl, 3);
    if (value && tree_.kind(value) == NodeKind::ForExpr) {
      Variable v{sym.name, Expr::Null(), std::nullopt, std::nullopt};
      auto [count, input] = LowerLoopBody(value, sym.name, true);
      v.copy_count = std::move(count);
      v.copy_input = std::move(input);
      return v;
    }
    return Variable{sym.name, Lower(value, 0), std::nullopt, std::nullopt};
  }

  auto LowerOutput(const semantics::Symbol& sym) -> Output {
    Output o;
    o.name = sym.name;
    auto decorators = tree_.child(sym.decl, 0);
    o.type = TypeName(tree_, tree_.child(sym.decl, 2));
    auto value = tree_.child(sym.decl, 3);
    if (value && tree_.kind(value) == NodeKind::ForExpr) {
      auto [count, input] = LowerLoopBody(value, {}, false);
      o.copy_count = std::move(count);
      o.copy_input = std::move(input);
    } else {
      o.value = Lower(value, 0);
    }
    o.description = DecoratorValue(decorators, "description");
    o.type_object =
        ApplyTypeModifiers(decorators, DeclaredTypeProps(sym.decl, tree_.child(sym.decl, 2), decorators), false);
    return o;
  }

  // [for x in arr: body] used as a variable, output or property value: (count, input).
  auto LowerLoopBody(NodeId loop, const std::string& copy_name, bool named) -> std::pair<Expr, Expr> {
    auto iterable = tree_.child(loop, 2);
    auto body = tree_.child(loop, 3);
    Expr count = Call1("length", Lower(iterable, 0), R(iterable));
    if (body && tree_.kind(body) == NodeKind::IfCondition) {
      NotSupported("filtered loops outside resources and modules", body);
    }
    LoopFrame frame;
    frame.loop = loop;
    frame.iterable = Lower(iterable, 0);
    frame.index = named ? Call1("copyIndex", Expr::Str(copy_name)) : Expr::Call("copyIndex", {});
    loops_.push_back(std::move(frame));
    auto input = Lower(body, 0);
    loops_.pop_back();
    return {std::move(count), std::move(input)};
  }

  // ---- inlining ----
  // Variables whose value needs a runtime function (reference(), list*(), ...) are inlined
  // at every use and not emitted.
  auto RequiresInlining(SymbolId id, std::uint32_t depth) -> bool {
    auto it = inline_cache_.find(id.index);
    if (it != inline_cache_.end()) {
      return it->second;
    }
    inline_cache_[id.index] = false;  // cycle guard
    const auto& sym = model_.symbol(id);
    bool result = false;
    if (sym.kind == SymbolKind::Variable && depth < 256) {
      result = NeedsRuntime(tree_.child(sym.decl, 3), depth + 1, 0);
    }
    inline_cache_[id.index] = result;
    return result;
  }

  auto NeedsRuntime(NodeId node, std::uint32_t var_depth, std::uint32_t depth) -> bool {
    if (!node || depth > kMaxDepth) {
      return false;
    }
    switch (tree_.kind(node)) {
      case NodeKind::VariableAccess: {
        const auto& b = model_.binding(node);
        if (b.kind != Binding::Kind::Symbol) {
          return false;
        }
        const auto& s = model_.symbol(b.symbol);
        if (s.kind == SymbolKind::Variable) {
          return RequiresInlining(b.symbol, var_depth);
        }
        if (s.kind == SymbolKind::Resource || s.kind == SymbolKind::Module) {
          return true;  // the whole resource: reference(..., 'full')
        }
        return false;
      }
      case NodeKind::PropertyAccess: {
        auto base = tree_.child(node, 0);
        // coll[i].id: an element of a resource collection; its identity needs only the index.
        if (base && tree_.kind(base) == NodeKind::ArrayAccess && tree_.child(base, 0) &&
            tree_.kind(tree_.child(base, 0)) == NodeKind::VariableAccess) {
          auto element = semantics::ResourceSymbolOf(model_, tree_.child(base, 0));
          auto prop = tree_.text(tree_.child(node, 1));
          if (element && model_.symbol(element).kind == SymbolKind::Resource &&
              (prop == "id" || prop == "name" || prop == "type" || prop == "apiVersion")) {
            return NeedsRuntime(tree_.child(base, 1), var_depth, depth + 1);
          }
        }
        auto res = semantics::ResourceSymbolOf(model_, base);
        if (res && (tree_.kind(base) == NodeKind::VariableAccess || tree_.kind(base) == NodeKind::ResourceAccess)) {
          auto prop = tree_.text(tree_.child(node, 1));
          if (model_.symbol(res).kind == SymbolKind::Module) {
            return prop != "name";
          }
          return !(prop == "id" || prop == "name" || prop == "type" || prop == "apiVersion");
        }
        return NeedsRuntime(base, var_depth, depth + 1);
      }
      case NodeKind::ResourceAccess: return true;
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: {
        const auto& b = model_.binding(node);
        auto name_node = tree_.child(node, tree_.kind(node) == NodeKind::FunctionCall ? 0 : 1);
        auto name = tree_.text(name_node);
        if (b.kind == Binding::Kind::BuiltinFunction && name == "nameof") {
          return false;  // a compile-time name, whatever it names
        }
        if (b.kind == Binding::Kind::BuiltinFunction) {
          auto info = stdlib::FindFunction(b.ns, name);
          if (info && (info->flags & stdlib::kFlagRequiresInlining) != 0) {
            return true;
          }
        } else if (tree_.kind(node) == NodeKind::InstanceFunctionCall &&
                   semantics::ResourceSymbolOf(model_, tree_.child(node, 0))) {
          return true;  // resource.listKeys()
        }
        auto kids = tree_.children(node);
        for (std::size_t i = tree_.kind(node) == NodeKind::FunctionCall ? 1 : 2; i < kids.size(); ++i) {
          if (NeedsRuntime(kids[i], var_depth, depth + 1)) {
            return true;
          }
        }
        if (tree_.kind(node) == NodeKind::InstanceFunctionCall) {
          return NeedsRuntime(tree_.child(node, 0), var_depth, depth + 1);
        }
        return false;
      }
      case NodeKind::ObjectProperty: {
        auto key = tree_.child(node, 0);
        if (key && tree_.kind(key) != NodeKind::Identifier && NeedsRuntime(key, var_depth, depth + 1)) {
          return true;
        }
        return NeedsRuntime(tree_.child(node, 1), var_depth, depth + 1);
      }
      default: break;
    }
    for (auto k : tree_.children(node)) {
      if (NeedsRuntime(k, var_depth, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  // ---- compile-time imports (the official ImportClosureInfo) ----
  // Every type, variable and function reachable from the `import` declarations is copied into the
  // template; symbols imported by name keep their local name, the others become `_<n>.<name>`.
  using ImportKey = std::pair<std::uintptr_t, std::uint32_t>;
  struct ImportedSymbol {
    const semantics::SemanticModel* model = nullptr;  // a Bicep file's symbol ...
    SymbolId symbol;
    const ArmImport* arm = nullptr;  // ... or an ARM JSON template's
    std::uint32_t arm_index = 0;
  };
  struct ImportClosure {
    std::map<ImportKey, std::string> names;  // emitted name of every symbol in the closure
    std::map<ImportKey, ImportedSymbol> symbols;
    std::map<std::uintptr_t, std::string> identifiers;  // source template identifier per model
    std::vector<ImportKey> order;  // discovery order
    std::map<ImportKey, ImportedFile> files;  // resolved import declarations (model, declaration node)
  };

  static auto KeyOf(const semantics::SemanticModel* m, SymbolId id) -> ImportKey {
    return {reinterpret_cast<std::uintptr_t>(m), id.index};
  }
  static auto KeyOf(const ImportedSymbol& s) -> ImportKey {
    return s.arm != nullptr ? ImportKey{reinterpret_cast<std::uintptr_t>(s.arm), s.arm_index} : KeyOf(s.model, s.symbol);
  }
  static auto NameOf(const ImportedSymbol& s) -> const std::string& {
    return s.arm != nullptr ? s.arm->symbols[s.arm_index].name : s.model->symbol(s.symbol).name;
  }
  static auto IsVariable(const ImportedSymbol& s) -> bool {
    return s.arm != nullptr ? s.arm->symbols[s.arm_index].kind == ArmSymbol::Kind::Variable
                            : s.model->symbol(s.symbol).kind == SymbolKind::Variable;
  }
  static auto ArmIndexOf(const ArmImport& arm, ArmSymbol::Kind kind, std::string_view name) -> std::optional<std::uint32_t> {
    for (std::uint32_t i = 0; i < arm.symbols.size(); ++i) {
      if (arm.symbols[i].kind == kind && arm.symbols[i].name == name) {
        return i;
      }
    }
    return std::nullopt;
  }

  static auto IsWildcardImport(const semantics::SemanticModel& m, SymbolId id) -> bool {
    const auto& sym = m.symbol(id);
    if (sym.kind != SymbolKind::Import) {
      return false;
    }
    auto what = m.tree().child(sym.decl, 1);
    return what && m.tree().kind(what) == NodeKind::WildcardImport;
  }

  auto ImportedFileOf(const semantics::SemanticModel& m, NodeId import_decl) -> ImportedFile {
    if (!options_.resolve_import) {
      return {};
    }
    // Every reference to an imported name resolves its import declaration: resolve each one once.
    auto cache_key = KeyOf(&m, SymbolId{import_decl.index});
    if (closure_) {
      if (auto it = closure_->files.find(cache_key); it != closure_->files.end()) {
        return it->second;
      }
    }
    auto file = options_.resolve_import(m, import_decl);
    if (closure_) {
      closure_->files.emplace(cache_key, file);
    }
    if (closure_ && file.model) {
      closure_->identifiers[reinterpret_cast<std::uintptr_t>(file.model)] = file.identifier;
    }
    if (closure_ && file.arm) {
      closure_->identifiers[reinterpret_cast<std::uintptr_t>(file.arm)] = file.identifier;
    }
    return file;
  }

  // The symbol an import symbol of `m` names; for a wildcard import, its member `property`.
  auto ResolveImported(const semantics::SemanticModel& m, SymbolId id, std::string_view property)
      -> std::optional<ImportedSymbol> {
    const auto& tree = m.tree();
    auto stmt = m.symbol(id).decl;
    auto what = tree.child(stmt, 1);
    if (!what) {
      return std::nullopt;
    }
    std::string original;
    if (tree.kind(what) == NodeKind::WildcardImport) {
      original = property;
    } else {
      for (auto item : tree.children(what)) {
        auto name = tree.child(item, 0);
        auto alias = tree.child(item, 1);
        auto local = alias ? alias : name;
        if (name && local && tree.text(local) == m.symbol(id).name) {
          original = tree.kind(name) == NodeKind::String && tree.children(name).empty() ? tree.StringSegments(name)[0]
                                                                                         : std::string{tree.text(name)};
          break;
        }
      }
    }
    if (original.empty()) {
      return std::nullopt;
    }
    auto file = ImportedFileOf(m, stmt);
    if (file.arm) {
      for (std::uint32_t i = 0; i < file.arm->symbols.size(); ++i) {
        if (file.arm->symbols[i].exported && file.arm->symbols[i].name == original) {
          return ImportedSymbol{nullptr, SymbolId{}, file.arm, i};
        }
      }
      return std::nullopt;
    }
    if (!file.model) {
      return std::nullopt;
    }
    auto target = file.model->Lookup(original);
    if (!target) {
      return std::nullopt;
    }
    return ImportedSymbol{file.model, target};
  }

  // The name a type, variable or function of this model has in the emitted template.
  auto EmittedName(SymbolId id) -> std::string {
    if (closure_) {
      if (auto it = closure_->names.find(KeyOf(&model_, id)); it != closure_->names.end()) {
        return it->second;
      }
      if (model_.symbol(id).kind == SymbolKind::Import) {
        if (auto target = ResolveImported(model_, id, {})) {
          if (auto it = closure_->names.find(KeyOf(*target)); it != closure_->names.end()) {
            return it->second;
          }
        }
      }
    }
    return model_.symbol(id).name;
  }

  // `ns.member` where ns is a wildcard import: the member's emitted name.
  auto WildcardMemberName(SymbolId ns, std::string_view member) -> std::optional<std::string> {
    if (!closure_ || !IsWildcardImport(model_, ns)) {
      return std::nullopt;
    }
    auto target = ResolveImported(model_, ns, member);
    if (!target) {
      return std::nullopt;
    }
    auto it = closure_->names.find(KeyOf(*target));
    return it == closure_->names.end() ? std::nullopt : std::optional<std::string>{it->second};
  }

  static void AddToClosure(ImportClosure& closure, ImportedSymbol s, std::vector<ImportedSymbol>& queue) {
    auto key = KeyOf(s);
    if (closure.symbols.emplace(key, s).second) {
      closure.order.push_back(key);
      queue.push_back(s);
    }
  }

  // The symbols a declaration of an imported file refers to (types, variables, functions).
  void CollectImportReferences(const semantics::SemanticModel& m, NodeId node, std::vector<ImportedSymbol>& out,
                               std::uint32_t depth) {
    const auto& tree = m.tree();
    if (!node || depth > kMaxDepth) {
      return;
    }
    auto add = [&](SymbolId id, std::string_view member) {
      if (!id) {
        return;
      }
      auto kind = m.symbol(id).kind;
      if (kind == SymbolKind::Type || kind == SymbolKind::Variable || kind == SymbolKind::Function) {
        out.push_back(ImportedSymbol{&m, id});
      } else if (kind == SymbolKind::Import && (!member.empty() || !IsWildcardImport(m, id))) {
        if (auto target = ResolveImported(m, id, member)) {
          out.push_back(*target);
        }
      }
    };
    switch (tree.kind(node)) {
      case NodeKind::TypeVariableAccess: add(m.Lookup(tree.text(node)), {}); return;
      case NodeKind::TypePropertyAccess:
      case NodeKind::PropertyAccess: {
        auto base = tree.child(node, 0);
        if (base && (tree.kind(base) == NodeKind::TypeVariableAccess || tree.kind(base) == NodeKind::VariableAccess)) {
          auto id = m.Lookup(tree.text(base));
          if (id && IsWildcardImport(m, id)) {
            add(id, tree.text(tree.child(node, 1)));
            return;
          }
        }
        break;
      }
      case NodeKind::VariableAccess: {
        const auto& b = m.binding(node);
        if (b.kind == Binding::Kind::Symbol) {
          add(b.symbol, {});
        }
        return;
      }
      case NodeKind::FunctionCall: {
        const auto& b = m.binding(node);
        if (b.kind == Binding::Kind::UserFunction || b.kind == Binding::Kind::Symbol) {
          add(b.symbol, {});
        }
        break;
      }
      default: break;
    }
    for (auto k : tree.children(node)) {
      CollectImportReferences(m, k, out, depth + 1);
    }
  }

  static auto IsExported(const semantics::SemanticModel& m, SymbolId id) -> bool {
    auto decorators = m.tree().child(m.symbol(id).decl, 0);
    if (!decorators) {
      return false;
    }
    for (auto d : m.tree().children(decorators)) {
      if (semantics::DecoratorName(m.tree(), d) == "export") {
        return true;
      }
    }
    return false;
  }

  static auto IsIdentifierText(std::string_view s) -> bool {
    if (s.empty() || (s[0] >= '0' && s[0] <= '9')) {
      return false;
    }
    return std::all_of(s.begin(), s.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    });
  }

  // The variables('x') and "#/definitions/x" an ARM symbol refers to.
  void CollectArmReferences(const ArmImport& arm, const Expr& e, std::vector<ImportedSymbol>& out, std::uint32_t depth) {
    if (depth > kMaxDepth) {
      return;
    }
    if (e.kind == Expr::Kind::Call && e.text == "variables" && e.args.size() == 1 && e.args[0].kind == Expr::Kind::String) {
      if (auto i = ArmIndexOf(arm, ArmSymbol::Kind::Variable, e.args[0].text)) {
        out.push_back(ImportedSymbol{nullptr, SymbolId{}, &arm, *i});
      }
    }
    if (e.kind == Expr::Kind::String && e.text.starts_with("#/definitions/")) {
      auto name = e.text.substr(14, e.text.find('/', 14) == std::string::npos ? std::string::npos : e.text.find('/', 14) - 14);
      if (auto i = ArmIndexOf(arm, ArmSymbol::Kind::Type, name)) {
        out.push_back(ImportedSymbol{nullptr, SymbolId{}, &arm, *i});
      }
    }
    for (const auto& a : e.args) {
      CollectArmReferences(arm, a, out, depth + 1);
    }
  }

  // An ARM symbol's expression with variables('x'), copyIndex('x') and $ref pointers renamed to the
  // names the import closure gave them.
  auto RenameArm(const ArmImport& arm, Expr e, std::uint32_t depth) -> Expr {
    if (depth > kMaxDepth) {
      return e;
    }
    auto renamed = [&](ArmSymbol::Kind kind, const std::string& name) -> std::optional<std::string> {
      auto i = ArmIndexOf(arm, kind, name);
      if (!i) return std::nullopt;
      auto it = closure_->names.find(ImportKey{reinterpret_cast<std::uintptr_t>(&arm), *i});
      return it == closure_->names.end() ? std::nullopt : std::optional<std::string>{it->second};
    };
    if (e.kind == Expr::Kind::Call && (e.text == "variables" || e.text == "copyIndex") && !e.args.empty() &&
        e.args.back().kind == Expr::Kind::String) {
      if (auto name = renamed(ArmSymbol::Kind::Variable, e.args.back().text)) {
        e.args.back().text = *name;
      }
    }
    if (e.kind == Expr::Kind::String && e.text.starts_with("#/definitions/")) {
      auto end = e.text.find('/', 14);
      auto name = e.text.substr(14, end == std::string::npos ? std::string::npos : end - 14);
      if (auto n = renamed(ArmSymbol::Kind::Type, name)) {
        e.text = "#/definitions/" + *n + (end == std::string::npos ? std::string{} : e.text.substr(end));
      }
    }
    for (auto& a : e.args) {
      a = RenameArm(arm, std::move(a), depth + 1);
    }
    return e;
  }

  void AppendArmImport(Template& t, const ImportedSymbol& s, const std::string& name, const std::string& identifier) {
    const auto& sym = s.arm->symbols[s.arm_index];
    if (sym.kind == ArmSymbol::Kind::Type) {
      auto obj = RenameArm(*s.arm, sym.value, 0);
      // The source's export flag does not travel; the origin does.
      for (std::size_t i = 0; i + 1 < obj.args.size(); i += 2) {
        if (obj.args[i].kind == Expr::Kind::String && obj.args[i].text == "metadata") {
          auto& md = obj.args[i + 1];
          for (std::size_t k = 0; k + 1 < md.args.size(); k += 2) {
            if (md.args[k].kind == Expr::Kind::String && md.args[k].text == "__bicep_export!") {
              md.args.erase(md.args.begin() + static_cast<std::ptrdiff_t>(k), md.args.begin() + static_cast<std::ptrdiff_t>(k) + 2);
              break;
            }
          }
        }
      }
      Expr origin = Object1("sourceTemplate", Expr::Str(identifier));
      if (!std::string_view{name}.ends_with(sym.name)) {
        MergeProperty(origin, "originalIdentifier", Expr::Str(sym.name));
      }
      MergeProperty(obj, "metadata", Object1("__bicep_imported_from!", std::move(origin)));
      t.definitions.emplace_back(name, std::move(obj));
      return;
    }
    Variable v{name, RenameArm(*s.arm, sym.value, 0), std::nullopt, std::nullopt};
    if (sym.copy_count) {
      // ARM copy variables come back as Bicep loops over range(0, count).
      v.copy_count = Call1("length", Call2("range", Expr::Int("0"), RenameArm(*s.arm, *sym.copy_count, 0)));
      v.copy_input = RenameArm(*s.arm, *sym.copy_input, 0);
    }
    t.variables.push_back(std::move(v));
  }

  // Computes the closure of the import declarations and names its symbols.
  void BuildImportClosure() {
    owned_closure_ = std::make_unique<ImportClosure>();
    closure_ = owned_closure_.get();
    std::vector<ImportedSymbol> queue;
    for (auto id : model_.declarations()) {
      if (model_.symbol(id).kind != SymbolKind::Import) {
        continue;
      }
      if (IsWildcardImport(model_, id)) {
        auto file = ImportedFileOf(model_, model_.symbol(id).decl);
        if (file.arm) {
          for (std::uint32_t i = 0; i < file.arm->symbols.size(); ++i) {
            if (file.arm->symbols[i].exported) {
              AddToClosure(*closure_, ImportedSymbol{nullptr, SymbolId{}, file.arm, i}, queue);
            }
          }
          continue;
        }
        if (!file.model) {
          NotSupported("this import (the file could not be loaded)", model_.symbol(id).decl);
          continue;
        }
        for (auto member : file.model->declarations()) {
          auto kind = file.model->symbol(member).kind;
          if ((kind == SymbolKind::Type || kind == SymbolKind::Variable || kind == SymbolKind::Function) &&
              IsExported(*file.model, member)) {
            AddToClosure(*closure_, ImportedSymbol{file.model, member}, queue);
          }
        }
        continue;
      }
      auto target = ResolveImported(model_, id, {});
      if (!target) {
        NotSupported(fmt::format("the import of \"{}\"", model_.symbol(id).name), model_.symbol(id).name_node);
        continue;
      }
      closure_->names[KeyOf(*target)] = model_.symbol(id).name;
      AddToClosure(*closure_, *target, queue);
    }
    for (std::size_t i = 0; i < queue.size() && i < 100000; ++i) {
      auto item = queue[i];
      std::vector<ImportedSymbol> refs;
      if (item.arm != nullptr) {
        const auto& sym = item.arm->symbols[item.arm_index];
        CollectArmReferences(*item.arm, sym.value, refs, 0);
        if (sym.copy_count) CollectArmReferences(*item.arm, *sym.copy_count, refs, 0);
        if (sym.copy_input) CollectArmReferences(*item.arm, *sym.copy_input, refs, 0);
      } else {
        CollectImportReferences(*item.model, item.model->symbol(item.symbol).decl, refs, 0);
      }
      for (auto r : refs) {
        AddToClosure(*closure_, r, queue);
      }
    }
    // Names: `_<template number>.<name>` for symbols not imported by name, numbering templates in
    // the order of "<template>_<name>".
    std::vector<ImportKey> unnamed;
    for (auto key : closure_->order) {
      if (!closure_->names.contains(key)) {
        unnamed.push_back(key);
      }
    }
    auto sort_key = [&](ImportKey key) {
      const auto& s = closure_->symbols[key];
      return CultureKey(closure_->identifiers[key.first] + "_" + NameOf(s));
    };
    std::stable_sort(unnamed.begin(), unnamed.end(), [&](ImportKey a, ImportKey b) { return sort_key(a) < sort_key(b); });
    int next_id = 1;
    std::map<std::uintptr_t, int> template_ids;
    for (auto key : unnamed) {
      auto [it, added] = template_ids.emplace(key.first, next_id);
      if (added) {
        ++next_id;
      }
      const auto& s = closure_->symbols[key];
      const auto& original = NameOf(s);
      // Names that are no Bicep identifier get a number from the same counter as the templates.
      closure_->names[key] = fmt::format("_{}.{}", it->second,
                                         IsIdentifierText(original) ? original : fmt::format("_{}", next_id++));
    }
  }

  // Appends the imported declarations to the template, sorted by emitted name.
  void AppendImports(Template& t) {
    std::vector<ImportKey> sorted = closure_->order;
    std::stable_sort(sorted.begin(), sorted.end(), [&](ImportKey a, ImportKey b) {
      return CultureKey(closure_->names[a]) < CultureKey(closure_->names[b]);
    });
    for (auto key : sorted) {
      const auto& s = closure_->symbols[key];
      if (s.arm != nullptr) {
        AppendArmImport(t, s, closure_->names[key], closure_->identifiers[key.first]);
        continue;
      }
      Lowerer sub{*s.model, sink_, options_};
      sub.closure_ = closure_;
      sub.symbolic_ = symbolic_;
      const auto& sym = s.model->symbol(s.symbol);
      const auto& name = closure_->names[key];
      Expr origin = Object1("sourceTemplate", Expr::Str(closure_->identifiers[key.first]));
      switch (sym.kind) {
        case SymbolKind::Type: {
          if (!std::string_view{name}.ends_with(sym.name)) {
            MergeProperty(origin, "originalIdentifier", Expr::Str(sym.name));
          }
          auto decorators = s.model->tree().child(sym.decl, 0);
          auto obj = sub.ApplyTypeModifiers(
              decorators, sub.DeclaredTypeProps(sym.decl, s.model->tree().child(sym.decl, 2), decorators), false);
          MergeProperty(obj, "metadata", Object1("__bicep_imported_from!", std::move(origin)));
          t.definitions.emplace_back(name, std::move(obj));
          break;
        }
        case SymbolKind::Variable: {
          auto v = sub.LowerVariable(sym);
          v.name = name;
          t.variables.push_back(std::move(v));
          break;
        }
        case SymbolKind::Function: {
          if (name != sym.name) {
            MergeProperty(origin, "originalIdentifier", Expr::Str(sym.name));
          }
          auto [ns, member] = SplitFunctionName(name);
          t.functions.push_back(Function{ns, member, sub.LowerFunction(sym, std::move(origin), false)});
          break;
        }
        default: break;
      }
    }
  }

  // metadata.__bicep_exported_variables!: {name, description?, type?} per @export() variable, by name.
  auto ExportedVariables() -> std::optional<Expr> {
    std::vector<SymbolId> exported;
    for (auto id : model_.declarations()) {
      if (model_.symbol(id).kind == SymbolKind::Variable && IsExported(model_, id)) {
        exported.push_back(id);
      }
    }
    if (exported.empty()) {
      return std::nullopt;
    }
    std::sort(exported.begin(), exported.end(),
              [&](SymbolId a, SymbolId b) { return model_.symbol(a).name < model_.symbol(b).name; });
    std::vector<Expr> items;
    for (auto id : exported) {
      const auto& sym = model_.symbol(id);
      auto decorators = tree_.child(sym.decl, 0);
      Expr item = Object1("name", Expr::Str(sym.name));
      if (auto description = DecoratorValue(decorators, "description")) {
        MergeProperty(item, "description", std::move(*description));
      }
      if (auto type = tree_.child(sym.decl, 2)) {
        MergeProperty(item, "type", TypeProps(type, {}, 0));
      }
      items.push_back(std::move(item));
    }
    return Expr::Array(std::move(items));
  }

  // ---- user-defined functions ----
  // "_1.fn" is function fn of namespace _1 (imported); a plain name belongs to __bicep.
  static auto SplitFunctionName(const std::string& name) -> std::pair<std::string, std::string> {
    auto dot = name.find('.');
    if (dot == std::string::npos) {
      return {"__bicep", name};
    }
    return {name.substr(0, dot), name.substr(dot + 1)};
  }

  // TemplateWriter.EmitUserDefinedFunction: {parameters: [{type..., name}], output: {type..., value},
  // metadata: {description, __bicep_export!, __bicep_imported_from!}}.
  auto LowerFunction(const semantics::Symbol& sym, std::optional<Expr> imported_from, bool own) -> Expr {
    auto lambda = tree_.child(sym.decl, 2);
    auto kids = lambda ? tree_.children(lambda) : std::span<const NodeId>{};
    std::vector<Expr> parameters;
    auto saved = std::move(function_params_);
    function_params_.clear();
    for (std::size_t i = 0; i + 2 < kids.size(); ++i) {
      auto obj = TypeProps(tree_.child(kids[i], 0), {}, 0);
      MergeProperty(obj, "name", Expr::Str(std::string{tree_.text(kids[i])}));
      parameters.push_back(std::move(obj));
      function_params_.push_back(kids[i]);
    }
    Expr output = Expr::Object({});
    if (kids.size() >= 2) {
      output = TypeProps(kids[kids.size() - 2], {}, 0);
      MergeProperty(output, "value", Lower(kids.back(), 0));
    }
    function_params_ = std::move(saved);
    Expr result = Object1("parameters", Expr::Array(std::move(parameters)));
    MergeProperty(result, "output", std::move(output));
    auto decorators = tree_.child(sym.decl, 0);
    Expr metadata = Expr::Object({});
    if (auto description = DecoratorValue(decorators, "description")) {
      MergeProperty(metadata, "description", std::move(*description));
    }
    if (own && FindDecorator(decorators, "export")) {
      MergeProperty(metadata, "__bicep_export!", Expr::Bool(true));
    }
    if (imported_from) {
      MergeProperty(metadata, "__bicep_imported_from!", std::move(*imported_from));
    }
    if (!metadata.args.empty()) {
      MergeProperty(result, "metadata", std::move(metadata));
    }
    return result;
  }

  // The ARM name of a call to a user-defined (or imported) function.
  auto UserFunctionCallName(SymbolId id) -> std::string {
    auto [ns, member] = SplitFunctionName(EmittedName(id));
    return ns + "." + member;
  }

  // ---- types: the official "type properties" of a type expression (params, outputs, definitions) ----
  // Sets `key` in an Object expression: a nested object merges into an existing object value
  // (deep), anything else replaces the value in place; a new key is appended.
  static void MergeProperty(Expr& obj, const std::string& key, Expr value) {
    for (std::size_t i = 0; i + 1 < obj.args.size(); i += 2) {
      if (obj.args[i].kind == Expr::Kind::String && obj.args[i].text == key) {
        auto& existing = obj.args[i + 1];
        if (existing.kind == Expr::Kind::Object && value.kind == Expr::Kind::Object) {
          for (std::size_t k = 0; k + 1 < value.args.size(); k += 2) {
            if (value.args[k].kind == Expr::Kind::String) {
              MergeProperty(existing, value.args[k].text, std::move(value.args[k + 1]));
            }
          }
        } else {
          existing = std::move(value);
        }
        return;
      }
    }
    obj.args.push_back(Expr::Str(key));
    obj.args.push_back(std::move(value));
  }

  static auto Object1(std::string key, Expr value) -> Expr {
    std::vector<Expr> kv;
    kv.push_back(Expr::Str(std::move(key)));
    kv.push_back(std::move(value));
    return Expr::Object(std::move(kv));
  }

  static auto PropertyOf(const Expr& obj, std::string_view key) -> const Expr* {
    for (std::size_t i = 0; i + 1 < obj.args.size(); i += 2) {
      if (obj.args[i].kind == Expr::Kind::String && obj.args[i].text == key) {
        return &obj.args[i + 1];
      }
    }
    return nullptr;
  }

  // The user-defined type declaration a type name refers to, or none.
  auto TypeDeclOf(NodeId type) const -> NodeId {
    if (!type || tree_.kind(type) != NodeKind::TypeVariableAccess) {
      return {};
    }
    auto id = model_.Lookup(tree_.text(type));
    if (!id || model_.symbol(id).kind != SymbolKind::Type) {
      return {};
    }
    return model_.symbol(id).decl;
  }

  // Follows parentheses and type aliases to the type expression that defines a type.
  auto Unalias(NodeId type, std::uint32_t depth) const -> NodeId {
    while (type && depth++ < 64) {
      if (tree_.kind(type) == NodeKind::TypeParenthesized) {
        type = tree_.child(type, 0);
      } else if (auto decl = TypeDeclOf(type)) {
        type = tree_.child(decl, 2);
      } else {
        break;
      }
    }
    return type;
  }

  // A literal type's value with its union sort key (the official type name), or nullopt.
  struct LiteralMember {
    std::string sort_key;
    Expr value;
  };

  auto LiteralOf(NodeId type) -> std::optional<LiteralMember> {
    switch (tree_.kind(type)) {
      case NodeKind::String: {
        if (!tree_.children(type).empty()) {
          return std::nullopt;
        }
        auto text = JoinSurrogates(tree_.StringSegments(type)[0]);
        std::string key = "'";
        for (char c : text) {
          switch (c) {
            case '\\': key += "\\\\"; break;
            case '\'': key += "\\'"; break;
            case '\n': key += "\\n"; break;
            case '\r': key += "\\r"; break;
            case '\t': key += "\\t"; break;
            default: key.push_back(c);
          }
        }
        key += "'";
        return LiteralMember{std::move(key), Expr::Str(std::move(text), R(type))};
      }
      case NodeKind::IntegerLiteral:
        return LiteralMember{std::string{tree_.text(type)}, Expr::Int(std::string{tree_.text(type)}, R(type))};
      case NodeKind::Unary: {
        auto operand = tree_.child(type, 0);
        auto op = static_cast<syntax::UnaryOp>(tree_.node(type).flags);
        if (operand && tree_.kind(operand) == NodeKind::IntegerLiteral && op == syntax::UnaryOp::Minus) {
          auto digits = "-" + std::string{tree_.text(operand)};
          return LiteralMember{digits, Expr::Int(digits, R(type))};
        }
        if (operand && tree_.kind(operand) == NodeKind::BooleanLiteral && op != syntax::UnaryOp::Minus) {
          bool value = tree_.node(operand).flags == 0;  // !true is the literal false
          return LiteralMember{value ? "true" : "false", Expr::Bool(value, R(type))};
        }
        return std::nullopt;
      }
      case NodeKind::BooleanLiteral: {
        bool value = tree_.node(type).flags != 0;
        return LiteralMember{value ? "true" : "false", Expr::Bool(value, R(type))};
      }
      case NodeKind::NullLiteral: return LiteralMember{"null", Expr::Null(R(type))};
      case NodeKind::TypeParenthesized: return LiteralOf(tree_.child(type, 0));
      case NodeKind::TypeObject: {  // { a: 'x', b: 1 } with only literal, required properties
        std::vector<Expr> kv;
        std::string key = "{";
        for (auto prop : tree_.children(type)) {
          if (tree_.kind(prop) != NodeKind::TypeObjectProperty) {
            return std::nullopt;
          }
          auto value = LiteralOf(Unalias(tree_.child(prop, 2), 0));
          if (!value) {
            return std::nullopt;
          }
          auto name = PropertyKeyText(tree_.child(prop, 1));
          key += (kv.empty() ? " " : ", ") + name + ": " + value->sort_key;
          kv.push_back(Expr::Str(name));
          kv.push_back(std::move(value->value));
        }
        key += " }";
        return LiteralMember{std::move(key), Expr::Object(std::move(kv), R(type))};
      }
      case NodeKind::TypeTuple: {
        std::vector<Expr> items;
        std::string key = "[";
        for (auto item : tree_.children(type)) {
          auto value = LiteralOf(Unalias(tree_.child(item, 1), 0));
          if (!value) {
            return std::nullopt;
          }
          key += (items.empty() ? "" : ", ") + value->sort_key;
          items.push_back(std::move(value->value));
        }
        key += "]";
        return LiteralMember{std::move(key), Expr::Array(std::move(items), R(type))};
      }
      default: return std::nullopt;
    }
  }

  // Flattens a union (through aliases and nested unions) into its members, sorted and
  // de-duplicated as the official union type is. False when a member is not a literal.
  auto UnionLiterals(NodeId type, std::vector<LiteralMember>& out, std::uint32_t depth) -> bool {
    type = Unalias(type, 0);
    if (!type || depth > 64) {
      return false;
    }
    if (tree_.kind(type) == NodeKind::TypeNullable) {  // 'a' | 'b'? is 'a' | 'b' | null
      out.push_back(LiteralMember{"null", Expr::Null()});
      return UnionLiterals(tree_.child(type, 0), out, depth + 1);
    }
    if (tree_.kind(type) == NodeKind::TypeUnion) {
      for (auto m : tree_.children(type)) {
        if (!UnionLiterals(m, out, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    auto lit = LiteralOf(type);
    if (!lit) {
      return false;
    }
    for (const auto& m : out) {
      if (m.sort_key == lit->sort_key) {
        return true;
      }
    }
    out.push_back(std::move(*lit));
    return true;
  }

  static auto LiteralTypeName(const Expr& value) -> std::string {
    switch (value.kind) {
      case Expr::Kind::String: return "string";
      case Expr::Kind::Int: return "int";
      case Expr::Kind::Bool: return "bool";
      case Expr::Kind::Object: return "object";
      case Expr::Kind::Array: return "array";
      default: return "";
    }
  }

  auto UnionTypeProps(NodeId type) -> Expr {
    std::vector<LiteralMember> members;
    if (!UnionLiterals(type, members, 0)) {
      NotSupported("union types with non-literal members", type);
      return Expr::Object({});
    }
    std::sort(members.begin(), members.end(),
              [](const LiteralMember& a, const LiteralMember& b) { return a.sort_key < b.sort_key; });
    bool nullable = false;
    std::vector<Expr> values;
    for (auto& m : members) {
      if (m.value.kind == Expr::Kind::Null && members.size() > 1) {
        nullable = true;
        continue;
      }
      values.push_back(std::move(m.value));
    }
    Expr obj = Expr::Object({}, R(type));
    if (!values.empty()) {
      auto name = LiteralTypeName(values.front());
      if (!name.empty()) {
        MergeProperty(obj, "type", Expr::Str(name));
      }
    }
    MergeProperty(obj, "allowedValues", Expr::Array(std::move(values)));
    if (nullable) {
      MergeProperty(obj, "nullable", Expr::Bool(true));
    }
    return obj;
  }

  // The JSON pointer of a type reference (`T`, `T.prop`, `T[0]`, `T[*]`, `T.*`) into `definitions`,
  // with the type expression it resolves to.
  struct TypePointer {
    std::vector<std::string> segments;
    NodeId declaration;
    // Resource-derived types (resourceInput<'T@v'>.x): the root reference, the variant
    // ("resourceInput", "resourceOutput" or the legacy "resource") and the type data at the pointer.
    std::string derived_root;
    std::string derived_variant;
    stdlib::types::TypeView derived_view;
  };

  // resourceInput<'T@v'> and friends: the root of a resource-derived type pointer.
  auto ResolveDerivedRoot(NodeId type) -> std::optional<TypePointer> {
    auto name = tree_.child(type, 0);
    auto arg = tree_.child(type, 1);
    if (!name || !arg || tree_.kind(arg) != NodeKind::String || !tree_.children(arg).empty()) {
      return std::nullopt;
    }
    std::string ref = tree_.StringSegments(arg)[0];
    if (auto colon = ref.find(':'); colon != std::string::npos && colon < ref.find('@')) {
      ref = ref.substr(colon + 1);  // 'az:Microsoft.X/y@v'
    }
    TypePointer pointer;
    pointer.derived_root = ref;
    pointer.derived_variant = tree_.text(name);
    const auto& catalogue = stdlib::types::Catalogue::Embedded();
    if (auto parsed = stdlib::types::ParseTypeReference(ref)) {
      if (auto info = catalogue.Find(parsed->type, parsed->api_version)) {
        pointer.derived_view = info->body;
      } else {
        pointer.derived_view = catalogue.GenericBody();
      }
    }
    return pointer;
  }

  // Steps a resource-derived pointer through one type access.
  auto StepDerived(TypePointer pointer, NodeId access) -> std::optional<TypePointer> {
    using stdlib::types::TypeKind;
    auto view = pointer.derived_view;
    switch (tree_.kind(access)) {
      case NodeKind::TypePropertyAccess: {
        auto name = std::string{tree_.text(tree_.child(access, 1))};
        pointer.segments.push_back("properties");
        pointer.segments.push_back(name);
        stdlib::types::TypeView next;
        if (view && (view.kind() == TypeKind::Object || view.kind() == TypeKind::DiscriminatedObject)) {
          if (auto prop = view.FindProperty(name)) {
            next = prop->type;
          } else if (pointer.segments.size() == 2) {
            // Top-level properties missing from a type's data come from the generic resource body.
            if (auto generic = stdlib::types::Catalogue::Embedded().GenericBody().FindProperty(name)) {
              next = generic->type;
            }
          }
          if (!next && view.kind() == TypeKind::Object) {
            next = view.additional_properties();
          }
        }
        pointer.derived_view = next;
        return pointer;
      }
      case NodeKind::TypeAdditionalPropertiesAccess:
        pointer.segments.push_back("additionalProperties");
        pointer.derived_view = view && view.kind() == TypeKind::Object ? view.additional_properties()
                                                                        : stdlib::types::TypeView{};
        return pointer;
      case NodeKind::TypeItemsAccess:
        pointer.segments.push_back("items");
        pointer.derived_view = view && view.kind() == TypeKind::Array ? view.item_type() : stdlib::types::TypeView{};
        return pointer;
      case NodeKind::TypeArrayAccess: {
        auto index = tree_.child(access, 1);
        if (!index || tree_.kind(index) != NodeKind::IntegerLiteral) {
          return std::nullopt;
        }
        pointer.segments.push_back("prefixItems");
        pointer.segments.push_back(std::string{tree_.text(index)});
        pointer.derived_view = {};
        return pointer;
      }
      default: return std::nullopt;
    }
  }

  // TemplateWriter.TryGetNonLiteralTypeName over the type data.
  static auto NonLiteralTypeName(const stdlib::types::TypeView& view, std::uint32_t depth) -> std::string {
    using stdlib::types::TypeKind;
    if (!view || depth > 32) {
      return {};
    }
    switch (view.kind()) {
      case TypeKind::String:
      case TypeKind::StringLiteral: return "string";
      case TypeKind::Int: return "int";
      case TypeKind::Bool: return "bool";
      case TypeKind::Object:
      case TypeKind::DiscriminatedObject: return "object";
      case TypeKind::Array: return "array";
      case TypeKind::Union: {
        std::string name;
        for (std::size_t i = 0; i < view.member_count(); ++i) {
          auto member = NonLiteralTypeName(view.member(i), depth + 1);
          if (member.empty() || (!name.empty() && member != name)) {
            return {};
          }
          name = member;
        }
        return name;
      }
      default: return {};
    }
  }

  auto DerivedTypeProps(const TypePointer& pointer) -> Expr {
    std::string source = pointer.derived_root;
    if (!pointer.segments.empty()) {
      source += '#';
      for (std::size_t i = 0; i < pointer.segments.size(); ++i) {
        if (i > 0) {
          source += '/';
        }
        for (char c : pointer.segments[i]) {
          source += c == '~' ? std::string{"~0"} : c == '/' ? std::string{"~1"} : std::string(1, c);
        }
      }
    }
    Expr metadata_value;
    if (pointer.derived_variant == "resourceInput") {
      metadata_value = Object1("source", Expr::Str(source));
    } else if (pointer.derived_variant == "resourceOutput") {
      metadata_value = Object1("source", Expr::Str(source));
      MergeProperty(metadata_value, "output", Expr::Bool(true));
    } else {
      metadata_value = Expr::Str(source);
    }
    Expr obj = Expr::Object({});
    auto name = NonLiteralTypeName(pointer.derived_view, 0);
    if (!name.empty()) {
      MergeProperty(obj, "type", Expr::Str(name));
    }
    MergeProperty(obj, "metadata", Object1("__bicep_resource_derived_type!", std::move(metadata_value)));
    return obj;
  }

  auto ResolveTypePointer(NodeId type, std::uint32_t depth) -> std::optional<TypePointer> {
    if (!type || depth > 64) {
      return std::nullopt;
    }
    switch (tree_.kind(type)) {
      case NodeKind::TypeParenthesized: return ResolveTypePointer(tree_.child(type, 0), depth + 1);
      case NodeKind::TypeVariableAccess: {
        auto decl = TypeDeclOf(type);
        if (!decl) {
          return std::nullopt;
        }
        TypePointer pointer;
        pointer.segments = {"definitions", EmittedName(model_.Lookup(tree_.text(type)))};
        pointer.declaration = tree_.child(decl, 2);
        return pointer;
      }
      case NodeKind::TypeParameterized: return ResolveDerivedRoot(type);
      case NodeKind::TypePropertyAccess:
      case NodeKind::TypeArrayAccess:
      case NodeKind::TypeAdditionalPropertiesAccess:
      case NodeKind::TypeItemsAccess: break;
      default: return std::nullopt;
    }
    auto base = ResolveTypePointer(tree_.child(type, 0), depth + 1);
    if (base && !base->derived_root.empty()) {
      return StepDerived(std::move(*base), type);
    }
    // Follow aliases until the declaration has the shape the access needs.
    for (int guard = 0; base && guard < 64; ++guard) {
      auto decl = base->declaration;
      while (decl && tree_.kind(decl) == NodeKind::TypeParenthesized) {
        decl = tree_.child(decl, 0);
      }
      auto kind = decl ? tree_.kind(decl) : NodeKind::Error;
      if (tree_.kind(type) == NodeKind::TypePropertyAccess && kind == NodeKind::TypeObject) {
        auto name = tree_.text(tree_.child(type, 1));
        for (auto prop : tree_.children(decl)) {
          auto key = tree_.kind(prop) == NodeKind::TypeObjectProperty ? tree_.child(prop, 1) : NodeId{};
          if (key && PropertyKeyText(key) == name) {
            base->segments.push_back("properties");
            base->segments.push_back(PropertyKeyText(key));
            base->declaration = tree_.child(prop, 2);
            return base;
          }
        }
        return std::nullopt;
      }
      if (tree_.kind(type) == NodeKind::TypeAdditionalPropertiesAccess && kind == NodeKind::TypeObject) {
        for (auto prop : tree_.children(decl)) {
          if (tree_.kind(prop) == NodeKind::TypeAdditionalProperties) {
            base->segments.push_back("additionalProperties");
            base->declaration = tree_.child(prop, 1);
            return base;
          }
        }
        return std::nullopt;
      }
      if (tree_.kind(type) == NodeKind::TypeArrayAccess && kind == NodeKind::TypeTuple) {
        auto index = tree_.child(type, 1);
        if (!index || tree_.kind(index) != NodeKind::IntegerLiteral) {
          return std::nullopt;
        }
        auto i = std::stoul(std::string{tree_.text(index)});
        auto items = tree_.children(decl);
        if (i >= items.size()) {
          return std::nullopt;
        }
        base->segments.push_back("prefixItems");
        base->segments.push_back(std::to_string(i));
        base->declaration = tree_.child(items[i], 1);
        return base;
      }
      if (tree_.kind(type) == NodeKind::TypeItemsAccess && kind == NodeKind::TypeArray) {
        base->segments.push_back("items");
        base->declaration = tree_.child(decl, 0);
        return base;
      }
      auto next = decl ? ResolveTypePointer(decl, depth + 1) : std::nullopt;
      if (!next) {
        return std::nullopt;
      }
      if (!next->derived_root.empty()) {
        return StepDerived(std::move(*next), type);
      }
      base = std::move(next);
    }
    return std::nullopt;
  }

  auto PropertyKeyText(NodeId key) const -> std::string {
    if (tree_.kind(key) == NodeKind::String) {
      return tree_.children(key).empty() ? tree_.StringSegments(key)[0] : std::string{};
    }
    return std::string{tree_.text(key)};
  }

  static auto PointerText(const std::vector<std::string>& segments) -> std::string {
    std::string out = "#";
    for (const auto& s : segments) {
      out += '/';
      for (char c : s) {
        if (c == '~') {
          out += "~0";
        } else if (c == '/') {
          out += "~1";
        } else {
          out.push_back(c);
        }
      }
    }
    return out;
  }

  // Type properties of a type expression (TemplateWriter.TypePropertiesForTypeExpression).
  // `discriminator`: the @discriminator property name that applies to a union at this position.
  auto TypeProps(NodeId type, std::string_view discriminator, std::uint32_t depth) -> Expr {
    if (!type || depth > 256) {
      return Expr::Object({});
    }
    switch (tree_.kind(type)) {
      case NodeKind::TypeVariableAccess: {
        auto name = tree_.text(type);
        auto id = model_.Lookup(name);
        if (id && (model_.symbol(id).kind == SymbolKind::Type ||
                   (model_.symbol(id).kind == SymbolKind::Import && !IsWildcardImport(model_, id)))) {
          return Object1("$ref", Expr::Str(PointerText({"definitions", EmittedName(id)})));
        }
        if (name == "any") {
          return Expr::Object({});
        }
        return Object1("type", Expr::Str(std::string{name}));
      }
      case NodeKind::TypePropertyAccess: {
        auto base = tree_.child(type, 0);
        if (base && tree_.kind(base) == NodeKind::TypeVariableAccess && tree_.text(base) == "sys" &&
            !TypeDeclOf(base)) {
          auto name = tree_.text(tree_.child(type, 1));
          return name == "any" ? Expr::Object({}) : Object1("type", Expr::Str(std::string{name}));
        }
        if (base && tree_.kind(base) == NodeKind::TypeVariableAccess) {
          if (auto member = WildcardMemberName(model_.Lookup(tree_.text(base)), tree_.text(tree_.child(type, 1)))) {
            return Object1("$ref", Expr::Str(PointerText({"definitions", *member})));
          }
        }
        [[fallthrough]];
      }
      case NodeKind::TypeArrayAccess:
      case NodeKind::TypeAdditionalPropertiesAccess:
      case NodeKind::TypeItemsAccess: {
        auto pointer = ResolveTypePointer(type, 0);
        if (!pointer) {
          NotSupported("this type reference", type);
          return Expr::Object({});
        }
        if (!pointer->derived_root.empty()) {
          return DerivedTypeProps(*pointer);
        }
        return Object1("$ref", Expr::Str(PointerText(pointer->segments)));
      }
      case NodeKind::TypeParameterized: {
        auto pointer = ResolveDerivedRoot(type);
        if (!pointer) {
          NotSupported("this type", type);
          return Expr::Object({});
        }
        return DerivedTypeProps(*pointer);
      }
      case NodeKind::TypeParenthesized: return TypeProps(tree_.child(type, 0), discriminator, depth + 1);
      case NodeKind::String:
      case NodeKind::IntegerLiteral:
      case NodeKind::Unary:
      case NodeKind::BooleanLiteral:
      case NodeKind::NullLiteral: {
        auto lit = LiteralOf(type);
        if (!lit) {
          NotSupported("this literal type", type);
          return Expr::Object({});
        }
        Expr obj = Expr::Object({});
        if (lit->value.kind != Expr::Kind::Null) {
          MergeProperty(obj, "type", Expr::Str(LiteralTypeName(lit->value)));
        }
        std::vector<Expr> values;
        values.push_back(std::move(lit->value));
        MergeProperty(obj, "allowedValues", Expr::Array(std::move(values)));
        return obj;
      }
      case NodeKind::TypeUnion:
        if (!discriminator.empty()) {
          return DiscriminatedUnionProps(type, discriminator, depth);
        }
        return UnionTypeProps(type);
      case NodeKind::TypeArray: {
        auto element = tree_.child(type, 0);
        Expr obj = Object1("type", Expr::Str("array"));
        std::vector<LiteralMember> literals;
        auto inner = element;
        while (inner && tree_.kind(inner) == NodeKind::TypeParenthesized) {
          inner = tree_.child(inner, 0);
        }
        if (inner && tree_.kind(inner) == NodeKind::TypeUnion) {
          std::vector<LiteralMember> members;
          if (UnionLiterals(inner, members, 0)) {  // every member, null included, in union order
            std::sort(members.begin(), members.end(),
                      [](const LiteralMember& a, const LiteralMember& b) { return a.sort_key < b.sort_key; });
            std::vector<Expr> values;
            for (auto& m : members) {
              values.push_back(std::move(m.value));
            }
            MergeProperty(obj, "allowedValues", Expr::Array(std::move(values)));
            return obj;
          }
        } else if (auto lit = inner ? LiteralOf(inner) : std::nullopt) {
          std::vector<Expr> values;
          values.push_back(std::move(lit->value));
          MergeProperty(obj, "allowedValues", Expr::Array(std::move(values)));
          return obj;
        }
        MergeProperty(obj, "items", TypeProps(element, {}, depth + 1));
        return obj;
      }
      case NodeKind::TypeNullable: {
        auto obj = TypeProps(tree_.child(type, 0), discriminator, depth + 1);
        MergeProperty(obj, "nullable", Expr::Bool(true));
        return obj;
      }
      case NodeKind::TypeNonNullable: {
        auto obj = TypeProps(tree_.child(type, 0), discriminator, depth + 1);
        MergeProperty(obj, "nullable", Expr::Bool(false));
        return obj;
      }
      case NodeKind::TypeObject: return ObjectTypeProps(type, depth);
      case NodeKind::TypeTuple: {
        std::vector<Expr> items;
        for (auto item : tree_.children(type)) {
          auto decorators = tree_.child(item, 0);
          items.push_back(ApplyTypeModifiers(decorators, TypeProps(tree_.child(item, 1), DiscriminatorOf(decorators),
                                                                   depth + 1), false));
        }
        Expr obj = Object1("type", Expr::Str("array"));
        MergeProperty(obj, "prefixItems", Expr::Array(std::move(items)));
        MergeProperty(obj, "items", Expr::Bool(false));
        return obj;
      }
      default: NotSupported(fmt::format("the {} type syntax", syntax::NodeKindName(tree_.kind(type))), type);
    }
    return Expr::Object({});
  }

  auto ObjectTypeProps(NodeId type, std::uint32_t depth) -> Expr {
    Expr obj = Object1("type", Expr::Str("object"));
    std::vector<Expr> props;
    std::optional<Expr> additional;
    for (auto prop : tree_.children(type)) {
      auto decorators = tree_.child(prop, 0);
      if (tree_.kind(prop) == NodeKind::TypeObjectProperty) {
        props.push_back(Expr::Str(PropertyKeyText(tree_.child(prop, 1))));
        props.push_back(
            ApplyTypeModifiers(decorators, TypeProps(tree_.child(prop, 2), DiscriminatorOf(decorators), depth + 1), false));
      } else if (tree_.kind(prop) == NodeKind::TypeAdditionalProperties) {
        additional =
            ApplyTypeModifiers(decorators, TypeProps(tree_.child(prop, 1), DiscriminatorOf(decorators), depth + 1), false);
      }
    }
    MergeProperty(obj, "properties", Expr::Object(std::move(props)));
    if (additional) {
      MergeProperty(obj, "additionalProperties", std::move(*additional));
    }
    return obj;
  }

  // {type: object, discriminator: {propertyName, mapping: {value: member type}}}.
  auto DiscriminatedUnionProps(NodeId type, std::string_view discriminator, std::uint32_t depth) -> Expr {
    std::vector<Expr> mapping;
    AddDiscriminatorMappings(type, discriminator, mapping, depth);
    Expr disc = Object1("propertyName", Expr::Str(std::string{discriminator}));
    MergeProperty(disc, "mapping", Expr::Object(std::move(mapping)));
    Expr obj = Object1("type", Expr::Str("object"));
    MergeProperty(obj, "discriminator", std::move(disc));
    return obj;
  }

  void AddDiscriminatorMappings(NodeId type, std::string_view discriminator, std::vector<Expr>& mapping,
                                std::uint32_t depth) {
    if (depth > 64) {
      return;
    }
    for (auto member : tree_.children(type)) {
      auto inner = member;
      while (inner && tree_.kind(inner) == NodeKind::TypeParenthesized) {
        inner = tree_.child(inner, 0);
      }
      auto declaration = Unalias(inner, 0);
      if (declaration && tree_.kind(declaration) == NodeKind::TypeUnion) {
        AddDiscriminatorMappings(declaration, discriminator, mapping, depth + 1);
        continue;
      }
      if (!declaration || tree_.kind(declaration) != NodeKind::TypeObject) {
        NotSupported("this discriminated union member", member);
        continue;
      }
      std::string value;
      for (auto prop : tree_.children(declaration)) {
        if (tree_.kind(prop) == NodeKind::TypeObjectProperty && PropertyKeyText(tree_.child(prop, 1)) == discriminator) {
          auto lit = LiteralOf(Unalias(tree_.child(prop, 2), 0));
          if (lit && lit->value.kind == Expr::Kind::String) {
            value = lit->value.text;
          }
        }
      }
      mapping.push_back(Expr::Str(value));
      if (inner != declaration) {
        mapping.push_back(TypeProps(inner, {}, depth + 1));
      } else {
        mapping.push_back(ObjectTypeProps(declaration, depth + 1));
      }
    }
  }

  auto DiscriminatorOf(NodeId decorators) -> std::string {
    auto d = FindDecorator(decorators, "discriminator");
    auto arg = d ? DecoratorArg(d) : NodeId{};
    if (arg && tree_.kind(arg) == NodeKind::String && tree_.children(arg).empty()) {
      return tree_.StringSegments(arg)[0];
    }
    return {};
  }

  // TemplateWriter.ApplyTypeModifiers: @secure, @sealed, @export, @metadata, length/value bounds,
  // then @description.
  auto ApplyTypeModifiers(NodeId decorators, Expr obj, bool exported_allowed) -> Expr {
    if (FindDecorator(decorators, "secure")) {
      if (const auto* t = PropertyOf(obj, "type"); t && t->kind == Expr::Kind::String) {
        if (t->text == "string") {
          MergeProperty(obj, "type", Expr::Str("securestring"));
        } else if (t->text == "object") {
          MergeProperty(obj, "type", Expr::Str("secureObject"));
        }
      }
    }
    if (FindDecorator(decorators, "sealed")) {
      MergeProperty(obj, "additionalProperties", Expr::Bool(false));
    }
    if (exported_allowed && FindDecorator(decorators, "export")) {
      MergeProperty(obj, "metadata", Object1("__bicep_export!", Expr::Bool(true)));
    }
    static constexpr std::pair<std::string_view, std::string_view> kModifiers[] = {
        {"metadata", "metadata"},   {"minLength", "minLength"}, {"maxLength", "maxLength"},
        {"minValue", "minValue"},   {"maxValue", "maxValue"},
    };
    for (const auto& [decorator, property] : kModifiers) {
      if (auto value = DecoratorValue(decorators, decorator)) {
        MergeProperty(obj, std::string{property}, std::move(*value));
      }
    }
    if (auto description = DecoratorValue(decorators, "description")) {
      MergeProperty(obj, "metadata", Object1("description", std::move(*description)));
    }
    return obj;
  }

  auto DeclaredTypeProps(NodeId decl, NodeId type, NodeId decorators) -> Expr {
    (void)decl;
    if (type && tree_.kind(type) == NodeKind::ResourceTypeRef) {
      NotSupported("resource-typed parameters and outputs", type);
      return Expr::Object({});
    }
    return TypeProps(type, DiscriminatorOf(decorators), 0);
  }

  // ---- resources ----
  auto TypeSegmentCount(const ResourceInfo& info) const -> std::size_t {
    return static_cast<std::size_t>(std::count(info.type.begin(), info.type.end(), '/'));
  }

  auto BodyProperty(const ResourceInfo& info, std::string_view key) const -> NodeId {
    if (!info.body) {
      return {};
    }
    for (auto prop : tree_.children(info.body)) {
      if (tree_.kind(prop) != NodeKind::ObjectProperty) {
        continue;
      }
      auto k = tree_.child(prop, 0);
      if (k && tree_.kind(k) == NodeKind::Identifier && tree_.text(k) == key) {
        return tree_.child(prop, 1);
      }
    }
    return {};
  }

  // The resource's own `name:` expression, lowered. A module without one gets the official
  // generated name: format('<prefix>-{0}', uniqueString('<symbol>', deployment().name)), with the
  // copy index first in loops; the prefix is the symbolic name cut to fit 64 characters.
  auto OwnName(const ResourceInfo& info) -> Expr {
    auto name = BodyProperty(info, "name");
    if (name) {
      return Lower(name, 0);
    }
    if (model_.symbol(info.symbol).kind != SymbolKind::Module) {
      return Expr::Str("");
    }
    const auto& symbol = info.symbolic_name;
    std::vector<Expr> args;
    args.push_back(Expr::Str(""));
    if (info.loop) {
      bool in_element = !loops_.empty() && loops_.back().loop == info.loop;
      args.push_back(in_element ? loops_.back().index : Expr::Call("copyIndex", {}));
    }
    args.push_back(Call2("uniqueString", Expr::Str(symbol), Expr::Prop(Expr::Call("deployment", {}), "name")));
    constexpr std::size_t kMaxDeploymentName = 64;
    constexpr std::size_t kUniqueStringLength = 13;
    constexpr std::size_t kMaxCopyIndexLength = 3;  // "800"
    std::size_t reserved = kUniqueStringLength + (info.loop ? kMaxCopyIndexLength : 0) + (args.size() - 1);
    auto prefix = symbol.substr(0, std::min(symbol.size(), kMaxDeploymentName - reserved));
    args[0] = Expr::Str(info.loop ? prefix + "-{0}-{1}" : prefix + "-{0}");
    return Expr::Call("format", std::move(args));
  }

  // The fully-qualified name: parent names joined with '/' in one format().
  auto FullName(const ResourceInfo& info, std::uint32_t depth) -> Expr {
    if (!info.parent || depth > 64) {
      return OwnName(info);
    }
    auto segs = NameSegments(info, depth);
    std::string pattern;
    std::vector<Expr> args;
    args.push_back(Expr::Str(""));
    for (std::size_t i = 0; i < segs.size(); ++i) {
      pattern += i == 0 ? fmt::format("{{{}}}", i) : fmt::format("/{{{}}}", i);
      args.push_back(std::move(segs[i]));
    }
    args[0] = Expr::Str(pattern);
    return Expr::Call("format", std::move(args));
  }

  auto NameSegments(const ResourceInfo& info, std::uint32_t depth) -> std::vector<Expr> {
    if (info.parent && depth < 64) {
      auto segs = WithElement(ResourceRef{info.parent, info.parent_index},
                              [&] { return NameSegments(*model_.resource(info.parent), depth + 1); });
      segs.push_back(OwnName(info));
      return segs;
    }
    auto count = TypeSegmentCount(info);
    auto name = OwnName(info);
    std::vector<Expr> segs;
    if (count <= 1) {
      segs.push_back(std::move(name));
      return segs;
    }
    if (name.kind == Expr::Kind::String) {
      std::string_view text = name.text;
      for (std::size_t i = 0; i < count; ++i) {
        auto slash = i + 1 < count ? text.find('/') : std::string_view::npos;
        segs.push_back(Expr::Str(std::string{text.substr(0, slash)}));
        text = slash == std::string_view::npos ? std::string_view{} : text.substr(slash + 1);
      }
      return segs;
    }
    for (std::size_t i = 0; i < count; ++i) {
      segs.push_back(Expr::Index(Call2("split", name, Expr::Str("/")), Expr::Int(std::to_string(i))));
    }
    return segs;
  }

  // A reference to a resource or module, possibly one element of a collection.
  struct ResourceRef {
    SymbolId symbol;
    NodeId index;  // the index expression for `coll[i]`, or none
  };

  auto RefOf(NodeId expr) const -> ResourceRef {
    while (expr && tree_.kind(expr) == NodeKind::NonNullAssert) {  // res!.properties is res.properties
      expr = tree_.child(expr, 0);
    }
    if (expr && tree_.kind(expr) == NodeKind::ArrayAccess && tree_.node(expr).flags == 0) {
      auto base = tree_.child(expr, 0);
      if (base && (tree_.kind(base) == NodeKind::VariableAccess || tree_.kind(base) == NodeKind::ResourceAccess)) {
        auto sym = semantics::ResourceSymbolOf(model_, base);
        if (sym && model_.resource(sym)->loop) {
          return ResourceRef{sym, tree_.child(expr, 1)};
        }
      }
      return {};
    }
    if (expr && (tree_.kind(expr) == NodeKind::VariableAccess || tree_.kind(expr) == NodeKind::ResourceAccess)) {
      return ResourceRef{semantics::ResourceSymbolOf(model_, expr), NodeId{}};
    }
    return {};
  }

  // Runs `f` with the loop variables of the referenced collection bound to element `ref.index`.
  // Symbolic names (languageVersion 2.0): the referenced element is also available as
  // element_symbol_ ('sym' or format('sym[{0}]', index)) for reference() and list*() calls.
  template <typename F>
  auto WithElement(const ResourceRef& ref, F&& f) -> decltype(f()) {
    const auto* info = model_.resource(ref.symbol);
    auto saved_element = std::move(element_symbol_);
    auto saved_id = element_id_;
    element_id_ = ref.symbol;
    if (!ref.index || !info || !info->loop) {
      element_symbol_ = info ? std::optional<Expr>{Expr::Str(info->symbolic_name)} : std::nullopt;
      auto result = f();
      element_symbol_ = std::move(saved_element);
      element_id_ = saved_id;
      return result;
    }
    auto index = Lower(ref.index, 0);
    element_symbol_ = Call2("format", Expr::Str(info->symbolic_name + "[{0}]"), index);
    auto saved = std::move(loops_);
    loops_.clear();
    auto iterable = Lower(tree_.child(info->loop, 2), 0);
    loops_.push_back(LoopFrame{info->loop, std::move(iterable), std::move(index)});
    auto result = f();
    loops_ = std::move(saved);
    element_symbol_ = std::move(saved_element);
    element_id_ = saved_id;
    return result;
  }

  // The symbolic reference to `id` (the element selected by WithElement, if any).
  auto SymbolicReference(SymbolId id) -> Expr {
    if (element_symbol_ && element_id_ == id) {
      return *element_symbol_;
    }
    return Expr::Str(model_.resource(id)->symbolic_name);
  }

  auto ResourceId(const ResourceRef& ref) -> Expr {
    return WithElement(ref, [&] { return ResourceId(ref.symbol); });
  }

  auto ResourceId(SymbolId id) -> Expr {
    const auto& info = *model_.resource(id);
    if (model_.symbol(id).kind == SymbolKind::Module) {
      return ModuleId(info);
    }
    auto segs = NameSegments(info, 0);
    std::vector<Expr> args;
    // Scope: explicit `scope:` on this resource (or its root ancestor), else the target scope.
    const ResourceInfo* root = &info;
    for (int guard = 0; root->parent && guard < 64; ++guard) {
      root = model_.resource(root->parent);
    }
    auto scope = BodyProperty(*root, "scope");
    std::string fn;
    if (scope) {
      auto scope_ref = RefOf(scope);
      if (scope_ref.symbol && model_.symbol(scope_ref.symbol).kind == SymbolKind::Resource) {
        fn = "extensionResourceId";
        args.push_back(ResourceId(scope_ref));
      } else if (tree_.kind(scope) == NodeKind::FunctionCall || tree_.kind(scope) == NodeKind::InstanceFunctionCall) {
        auto fname = tree_.text(tree_.child(scope, tree_.kind(scope) == NodeKind::FunctionCall ? 0 : 1));
        auto kids = tree_.children(scope);
        std::vector<Expr> scope_args;
        for (std::size_t i = tree_.kind(scope) == NodeKind::FunctionCall ? 1 : 2; i < kids.size(); ++i) {
          scope_args.push_back(Lower(kids[i], 0));
        }
        if (fname == "tenant") {
          fn = "tenantResourceId";
        } else if (fname == "subscription") {
          fn = "subscriptionResourceId";
          for (auto& a : scope_args) {
            args.push_back(std::move(a));
          }
        } else if (fname == "resourceGroup") {
          if (scope_args.empty()) {
            fn = "resourceId";
          } else {
            fn = "extensionResourceId";
            args.push_back(ResourceGroupScopeId(std::move(scope_args)));
          }
        } else if (fname == "managementGroup") {
          fn = "extensionResourceId";
          if (scope_args.empty()) {
            args.push_back(Expr::Prop(Expr::Call("managementGroup", {}), "id"));
          } else {
            args.push_back(Call2("tenantResourceId", Expr::Str("Microsoft.Management/managementGroups"),
                                 std::move(scope_args.front())));
          }
        } else {
          fn = "extensionResourceId";
          args.push_back(Lower(scope, 0));
        }
      } else {
        fn = "extensionResourceId";
        args.push_back(Lower(scope, 0));
      }
    } else {
      switch (model_.target_scope()) {
        case semantics::TargetScope::Subscription: fn = "subscriptionResourceId"; break;
        case semantics::TargetScope::ManagementGroup:
          fn = "extensionResourceId";
          args.push_back(Expr::Prop(Expr::Call("managementGroup", {}), "id"));
          break;
        case semantics::TargetScope::Tenant: fn = "tenantResourceId"; break;
        default: fn = "resourceId"; break;
      }
    }
    args.push_back(Expr::Str(info.type));
    for (auto& s : segs) {
      args.push_back(std::move(s));
    }
    return Expr::Call(fn, std::move(args));
  }

  auto ReferenceCall(SymbolId id, bool full, source::SourceRange r) -> Expr {
    const auto& info = *model_.resource(id);
    std::vector<Expr> args;
    if (symbolic_) {
      // reference('sym') for properties, reference('sym', apiVersion, 'full') for the whole resource.
      bool collection = info.loop && !(element_symbol_ && element_id_ == id);
      args.push_back(SymbolicReference(id));
      if (model_.symbol(id).kind == SymbolKind::Resource && full) {
        if (!collection) {
          args.push_back(Expr::Str(info.api_version));
        }
        args.push_back(Expr::Str("full"));
      }
      return Expr::Call(collection ? "references" : "reference", std::move(args), r);
    }
    args.push_back(ResourceId(id));
    if (model_.symbol(id).kind == SymbolKind::Module) {
      args.push_back(Expr::Str("2025-04-01"));
    } else {
      args.push_back(Expr::Str(info.api_version));
    }
    if (full) {
      args.push_back(Expr::Str("full"));
    }
    return Expr::Call("reference", std::move(args), r);
  }

  // ---- modules ----
  // The module's `scope:` as a function call name and lowered arguments, or a resource reference.
  struct ModuleScope {
    std::string function;  // "", "resourceGroup", "subscription", "managementGroup", "tenant"
    std::vector<Expr> args;
    ResourceRef resource;  // scope: someResourceGroup[i]
  };

  auto ScopeOf(const ResourceInfo& info) -> ModuleScope {
    ModuleScope ms;
    auto scope = BodyProperty(info, "scope");
    if (!scope) {
      return ms;
    }
    if (IsScopeFunction(scope)) {
      bool plain = tree_.kind(scope) == NodeKind::FunctionCall;
      ms.function = tree_.text(tree_.child(scope, plain ? 0 : 1));
      auto kids = tree_.children(scope);
      for (std::size_t i = plain ? 1 : 2; i < kids.size(); ++i) {
        ms.args.push_back(Lower(kids[i], 0));
      }
      return ms;
    }
    ms.resource = RefOf(scope);
    if (!ms.resource.symbol) {
      NotSupported("this module scope", scope);
    }
    return ms;
  }

  // format('/subscriptions/{0}/resourceGroups/{1}', sub, rg) for resourceGroup([sub,] rg) scopes.
  static auto ResourceGroupScopeId(std::vector<Expr> args) -> Expr {
    std::vector<Expr> fmt_args;
    fmt_args.push_back(Expr::Str("/subscriptions/{0}/resourceGroups/{1}"));
    if (args.size() == 1) {
      fmt_args.push_back(Expr::Prop(Expr::Call("subscription", {}), "subscriptionId"));
    }
    for (auto& a : args) {
      fmt_args.push_back(std::move(a));
    }
    return Expr::Call("format", std::move(fmt_args));
  }

  auto ModuleId(const ResourceInfo& info) -> Expr {
    auto ms = ScopeOf(info);
    auto type = Expr::Str("Microsoft.Resources/deployments");
    std::vector<Expr> args;
    std::string fn;
    if (ms.function == "resourceGroup" && !ms.args.empty()) {
      fn = "extensionResourceId";
      args.push_back(ResourceGroupScopeId(std::move(ms.args)));
    } else if (ms.function == "subscription") {
      fn = "subscriptionResourceId";
      args = std::move(ms.args);
    } else if (ms.function == "managementGroup" && !ms.args.empty()) {
      fn = "extensionResourceId";
      args.push_back(Call2("tenantResourceId", Expr::Str("Microsoft.Management/managementGroups"), std::move(ms.args[0])));
    } else if (ms.function == "managementGroup") {
      fn = "extensionResourceId";
      args.push_back(Expr::Prop(Expr::Call("managementGroup", {}), "id"));
    } else if (ms.function == "tenant") {
      fn = "tenantResourceId";
    } else if (ms.resource.symbol) {
      fn = "extensionResourceId";
      std::vector<Expr> rg;
      rg.push_back(WithElement(ms.resource, [&] { return OwnName(*model_.resource(ms.resource.symbol)); }));
      args.push_back(ResourceGroupScopeId(std::move(rg)));
    } else {
      switch (model_.target_scope()) {
        case semantics::TargetScope::Subscription: fn = "subscriptionResourceId"; break;
        case semantics::TargetScope::ManagementGroup:
          fn = "extensionResourceId";
          args.push_back(Expr::Prop(Expr::Call("managementGroup", {}), "id"));
          break;
        case semantics::TargetScope::Tenant: fn = "tenantResourceId"; break;
        default: fn = "resourceId"; break;
      }
    }
    args.push_back(std::move(type));
    args.push_back(OwnName(info));
    return Expr::Call(fn, std::move(args));
  }

  // ExpressionBuilder.EmitResourceOrModuleScopeProperties: subscriptionId / resourceGroup / scope
  // for a `scope:` given by a scope function or a resource group resource. True when the
  // deployment scope is a resource group.
  auto ScopeProperties(const ResourceInfo& info, std::vector<std::pair<std::string, Expr>>& properties) -> bool {
    auto ms = ScopeOf(info);
    bool at_resource_group = model_.target_scope() == semantics::TargetScope::ResourceGroup;
    if (ms.function == "resourceGroup") {
      if (ms.args.size() == 2) {
        properties.emplace_back("subscriptionId", std::move(ms.args[0]));
        properties.emplace_back("resourceGroup", std::move(ms.args[1]));
      } else if (ms.args.size() == 1) {
        properties.emplace_back("resourceGroup", std::move(ms.args[0]));
      }
      at_resource_group = true;
    } else if (ms.function == "subscription") {
      if (!ms.args.empty()) {
        properties.emplace_back("subscriptionId", std::move(ms.args[0]));
      } else if (model_.target_scope() == semantics::TargetScope::ResourceGroup) {
        properties.emplace_back("subscriptionId", Expr::Prop(Expr::Call("subscription", {}), "subscriptionId"));
      }
      at_resource_group = false;
    } else if (ms.function == "managementGroup") {
      if (!ms.args.empty()) {
        std::vector<Expr> args;
        args.push_back(Expr::Str("Microsoft.Management/managementGroups/{0}"));
        args.push_back(std::move(ms.args[0]));
        properties.emplace_back("scope", Expr::Call("format", std::move(args)));
      }
      at_resource_group = false;
    } else if (ms.function == "tenant") {
      if (model_.target_scope() != semantics::TargetScope::Tenant) {
        properties.emplace_back("scope", Expr::Str("/"));
      }
      at_resource_group = false;
    } else if (ms.resource.symbol) {
      const auto* target = model_.resource(ms.resource.symbol);
      if (target && target->type == "Microsoft.Resources/resourceGroups") {
        properties.emplace_back("resourceGroup", WithElement(ms.resource, [&] { return OwnName(*target); }));
        at_resource_group = true;
      } else {
        NotSupported("this module scope", BodyProperty(info, "scope"));
      }
    }
    return at_resource_group;
  }

  auto LowerModule(SymbolId id, const ResourceInfo& info) -> Resource {
    Resource res;
    res.symbolic_name = info.symbolic_name;
    auto decl = model_.symbol(id).decl;
    auto decorators = tree_.child(decl, 0);
    auto path = tree_.child(decl, 2);
    if (path && tree_.kind(path) == NodeKind::String && tree_.children(path).empty()) {
      res.module_path = tree_.StringSegments(path)[0];  // registry references are resolved by the driver
      res.module_path_range = R(path);
    }
    std::size_t frames = loops_.size();
    BeginCopy(info, decorators, res);
    if (info.condition) {
      res.condition = Lower(info.condition, 0);
    }
    res.properties.emplace_back("type", Expr::Str("Microsoft.Resources/deployments"));
    res.properties.emplace_back("apiVersion", Expr::Str("2025-04-01"));
    res.properties.emplace_back("name", OwnName(info));
    bool at_resource_group = ScopeProperties(info, res.properties);
    if (!at_resource_group) {
      auto location_source =
          model_.target_scope() == semantics::TargetScope::ResourceGroup ? "resourceGroup" : "deployment";
      res.properties.emplace_back("location", Expr::Prop(Expr::Call(location_source, {}), "location"));
    }
    std::vector<Expr> props;
    props.push_back(Expr::Str("expressionEvaluationOptions"));
    props.push_back(Expr::Object({Expr::Str("scope"), Expr::Str("inner")}));
    props.push_back(Expr::Str("mode"));
    props.push_back(Expr::Str("Incremental"));
    auto params = BodyProperty(info, "params");
    if (params && tree_.kind(params) == NodeKind::Object) {
      std::vector<Expr> kv;
      for (auto prop : tree_.children(params)) {
        if (tree_.kind(prop) != NodeKind::ObjectProperty) {
          NotSupported("spread in module parameters", prop);
          continue;
        }
        auto key = tree_.child(prop, 0);
        Expr key_expr = key && tree_.kind(key) == NodeKind::Identifier ? Expr::Str(std::string{tree_.text(key)})
                                                                        : Lower(key, 0);
        kv.push_back(std::move(key_expr));
        auto value_node = tree_.child(prop, 1);
        if (value_node && tree_.kind(value_node) == NodeKind::ForExpr) {
          // p: [for ...] -> {copy: [{name: 'value', count, input}]}
          auto [count, input] = LowerLoopBody(value_node, "value", true);
          std::vector<Expr> entry;
          entry.push_back(Expr::Str("name"));
          entry.push_back(Expr::Str("value"));
          entry.push_back(Expr::Str("count"));
          entry.push_back(std::move(count));
          entry.push_back(Expr::Str("input"));
          entry.push_back(std::move(input));
          std::vector<Expr> copies;
          copies.push_back(Expr::Object(std::move(entry)));
          auto copy_key = Expr::Str("copy");
          copy_key.flag = true;
          kv.push_back(Expr::Object({std::move(copy_key), Expr::Array(std::move(copies))}));
          continue;
        }
        auto value = Lower(value_node, 0);
        kv.push_back(WrapModuleParameterValue(std::move(value), value_node, 0));
      }
      props.push_back(Expr::Str("parameters"));
      props.push_back(Expr::Object(std::move(kv)));
    } else if (params) {
      NotSupported("non-object module parameters", params);
    }
    res.properties.emplace_back("properties", Expr::Object(std::move(props)));
    res.depends_on = DependsOn(id, info);
    loops_.resize(frames);
    res.description = DecoratorValue(decorators, "description");
    return res;
  }

  // A module parameter value as {value: x}; a conditional (c ? a : b, also nested in its branches)
  // keeps the if() outside: if(c, createObject('value', a), createObject('value', b)).
  auto WrapModuleParameterValue(Expr value, NodeId syntax, std::uint32_t depth) -> Expr {
    while (syntax && tree_.kind(syntax) == NodeKind::Parenthesized) {
      syntax = tree_.child(syntax, 0);
    }
    if (syntax && tree_.kind(syntax) == NodeKind::InstanceFunctionCall &&
        tree_.text(tree_.child(syntax, 1)) == "getSecret") {
      // kv.getSecret(name[, version]) -> a Key Vault reference parameter
      auto vault = RefOf(tree_.child(syntax, 0));
      auto kids = tree_.children(syntax);
      if (vault.symbol && model_.symbol(vault.symbol).kind == SymbolKind::Resource && kids.size() >= 3) {
        Expr reference = Object1("keyVault", Object1("id", ResourceId(vault)));
        MergeProperty(reference, "secretName", Lower(kids[2], 0));
        if (kids.size() >= 4) {
          MergeProperty(reference, "secretVersion", Lower(kids[3], 0));
        }
        return Object1("reference", std::move(reference));
      }
    }
    if (depth < 64 && syntax && tree_.kind(syntax) == NodeKind::Ternary && value.kind == Expr::Kind::Call &&
        value.text == "if" && value.args.size() == 3) {
      for (std::size_t i = 1; i < 3; ++i) {
        value.args[i] = WrapModuleParameterValue(std::move(value.args[i]), tree_.child(syntax, i), depth + 1);
      }
      return value;
    }
    return Expr::Object({Expr::Str("value"), std::move(value)});
  }

  // mod.outputs.x -> reference(<module id>, '2025-04-01').outputs.x.value
  // `safe` (mod.?outputs): guarded on the module's condition and read with tryGet().
  auto LowerModuleAccess(const ResourceRef& ref, const std::string& prop, NodeId node, bool safe = false) -> Expr {
    const auto& info = *model_.resource(ref.symbol);
    if (info.loop && !ref.index) {
      NotSupported("access to a whole module collection", node);
      return Expr::Null(R(node));
    }
    return WithElement(ref, [&] {
      auto guard = [&](Expr e) {
        if (safe && info.condition) {
          std::vector<Expr> args;
          args.push_back(Lower(info.condition, 0));
          args.push_back(std::move(e));
          args.push_back(Expr::Call("null", {}));
          return Expr::Call("if", std::move(args));
        }
        return e;
      };
      if (prop == "name") {
        return guard(OwnName(info));
      }
      auto reference = symbolic_ ? Call1("reference", SymbolicReference(ref.symbol), R(node))
                                 : Call2("reference", ModuleId(info), Expr::Str("2025-04-01"), R(node));
      if (safe) {
        return Call2("tryGet", guard(std::move(reference)), Expr::Str(prop), R(node));
      }
      return Expr::Prop(std::move(reference), prop, R(node));
    });
  }

  // A resource or module loop: the `copy` block (with @batchSize) and the loop frame that binds
  // the loop variables to copyIndex() while the body is lowered (the caller pops it).
  void BeginCopy(const ResourceInfo& info, NodeId decorators, Resource& res) {
    if (!info.loop) {
      return;
    }
    auto iterable = tree_.child(info.loop, 2);
    Copy copy{info.symbolic_name, Call1("length", Lower(iterable, 0)), std::nullopt, std::nullopt};
    if (auto batch = DecoratorValue(decorators, "batchSize")) {
      copy.mode = "serial";
      copy.batch_size = std::move(batch);
    }
    res.copy = std::move(copy);
    loops_.push_back(LoopFrame{info.loop, Lower(iterable, 0), Expr::Call("copyIndex", {})});
  }

  // The conditions that guard a resource: its own and its enclosing declarations', and()-ed
  // (and(and(root, child), self)).
  auto ResourceCondition(const ResourceInfo& info) -> std::optional<Expr> {
    std::vector<const ResourceInfo*> chain;
    for (const auto* r = &info; r != nullptr && chain.size() < 64;) {
      chain.insert(chain.begin(), r);
      auto up = model_.symbol(r->symbol).parent;
      r = up ? model_.resource(up) : nullptr;
    }
    std::optional<Expr> condition;
    for (const auto* r : chain) {
      if (!r->condition) {
        continue;
      }
      auto c = Lower(r->condition, 0);
      condition = condition ? Call2("and", std::move(*condition), std::move(c)) : std::move(c);
    }
    return condition;
  }

  // ExpressionConverter.ConvertAccessExpression for a non-resource base: `.?` becomes tryGet();
  // a plain access chained onto a tryGet()/tryIndexFromEnd() call extends that call.
  auto AccessOn(NodeId base_syntax, Expr base, Expr accessor, bool safe, bool from_end, source::SourceRange range)
      -> Expr {
    if (safe) {
      return Call2(from_end ? "tryIndexFromEnd" : "tryGet", std::move(base), std::move(accessor), range);
    }
    if (IsAccessSyntax(base_syntax) && base.kind == Expr::Kind::Call &&
        (base.text == "tryGet" || base.text == "tryIndexFromEnd")) {
      if (from_end) {
        std::vector<Expr> kv;
        kv.push_back(Expr::Str("value"));
        kv.push_back(std::move(accessor));
        kv.push_back(Expr::Str("fromEnd"));
        kv.push_back(Expr::Bool(true));
        base.args.push_back(Expr::Object(std::move(kv)));
      } else {
        base.args.push_back(std::move(accessor));
      }
      base.range = range;
      return base;
    }
    if (from_end) {
      return Call2("indexFromEnd", std::move(base), std::move(accessor), range);
    }
    if (accessor.kind == Expr::Kind::String) {
      return Expr::Prop(std::move(base), accessor.text, range);
    }
    return Expr::Index(std::move(base), std::move(accessor), range);
  }

  auto IsAccessSyntax(NodeId node) const -> bool {
    for (int guard = 0; node && guard < 64; ++guard) {
      switch (tree_.kind(node)) {
        case NodeKind::PropertyAccess:
        case NodeKind::ArrayAccess:
        case NodeKind::ResourceAccess: return true;
        case NodeKind::NonNullAssert: node = tree_.child(node, 0); continue;
        case NodeKind::FunctionCall:
          if (tree_.text(tree_.child(node, 0)) == "any" && tree_.children(node).size() == 2) {
            node = tree_.child(node, 1);
            continue;
          }
          return false;
        default: return false;
      }
    }
    return false;
  }

  // ---- dependencies ----
  struct Dependency {
    SymbolId symbol;
    bool whole_collection = false;
    std::optional<Expr> id;  // indexed or single-resource id
  };

  // The node's parent (computed once).
  auto Parent(NodeId node) -> NodeId {
    if (parents_.empty()) {
      parents_.assign(tree_.node_count(), NodeId{});
      for (std::uint32_t i = 0; i < tree_.node_count(); ++i) {
        for (auto k : tree_.children(NodeId{i})) {
          if (k) {
            parents_[k.index] = NodeId{i};
          }
        }
      }
    }
    return parents_[node.index];
  }

  // True when `node` uses a loop or lambda variable not bound by `allowed` (a ForExpr, or none).
  auto UsesForeignLocals(NodeId node, NodeId allowed, std::uint32_t depth) -> bool {
    if (!node || depth > kMaxDepth) {
      return false;
    }
    if (tree_.kind(node) == NodeKind::VariableAccess) {
      const auto& b = model_.binding(node);
      if (b.kind != Binding::Kind::Local) {
        return false;
      }
      return !(allowed && (tree_.child(allowed, 0) == b.local || tree_.child(allowed, 1) == b.local));
    }
    for (auto k : tree_.children(node)) {
      if (UsesForeignLocals(k, allowed, depth + 1)) {
        return true;
      }
    }
    return false;
  }

  void CollectDependencies(SymbolId id, NodeId own_loop, std::vector<Dependency>& out, std::set<std::uint32_t>& seen,
                           std::uint32_t depth) {
    if (depth > 256) {
      return;
    }
    for (const auto& [target, node] : model_.references(id)) {
      const auto& s = model_.symbol(target);
      if (s.kind == SymbolKind::Variable) {
        if (seen.insert(target.index).second) {
          CollectDependencies(target, NodeId{}, out, seen, depth + 1);
        }
      } else if (s.kind == SymbolKind::Resource || s.kind == SymbolKind::Module) {
        NodeId index;
        auto parent = Parent(node);
        if (parent && tree_.kind(parent) == NodeKind::ArrayAccess && tree_.child(parent, 0) == node) {
          index = tree_.child(parent, 1);
        }
        bool weak = s.kind == SymbolKind::Resource && IsWeakReference(node, id);
        AddDependency(target, index, own_loop, out, seen, depth, weak);
      }
    }
  }

  // ResourceDependencyVisitor.IsWeakReference: the reference reads only the resource's identity
  // (id, name, type, apiVersion), calls a function on it, or sits in the dependent's `parent:` or
  // `scope:` property. Weak references to `existing` resources never become dependencies.
  auto IsWeakReference(NodeId node, SymbolId dependent) -> bool {
    auto up = Parent(node);
    for (int guard = 0; up && guard < 8; ++guard) {
      auto kind = tree_.kind(up);
      if (kind == NodeKind::NonNullAssert) {
        up = Parent(up);
        continue;
      }
      if (kind == NodeKind::PropertyAccess && tree_.child(up, 0)) {
        auto prop = tree_.text(tree_.child(up, 1));
        if (prop == "id" || prop == "name" || prop == "type" || prop == "apiVersion") {
          return true;
        }
        break;
      }
      if (kind == NodeKind::InstanceFunctionCall) {
        return true;
      }
      if (kind == NodeKind::ArrayAccess) {
        auto index = tree_.child(up, 1);
        if (index && tree_.kind(index) == NodeKind::String && tree_.children(index).empty()) {
          auto text = tree_.StringSegments(index)[0];
          return text == "id" || text == "name" || text == "type" || text == "apiVersion";
        }
        up = Parent(up);  // coll[i].id
        continue;
      }
      break;
    }
    const auto* info = model_.resource(dependent);
    if (!info) {
      return false;
    }
    for (auto key : {"parent", "scope"}) {
      auto value = BodyProperty(*info, key);
      for (auto n = node; value && n; n = Parent(n)) {
        if (n == value) {
          return true;
        }
        if (n == info->body) {
          break;
        }
      }
    }
    return false;
  }

  void AddDependency(SymbolId target, NodeId index, NodeId own_loop, std::vector<Dependency>& out,
                     std::set<std::uint32_t>& seen, std::uint32_t depth, bool weak) {
    const auto* info = model_.resource(target);
    // Classic templates have no existing resources to depend on: depend on what they depend on.
    if (info && info->existing && !(symbolic_ && !weak)) {
      if (seen.insert(target.index).second) {
        CollectDependencies(target, NodeId{}, out, seen, depth + 1);
        if (info->parent) {
          AddDependency(info->parent, NodeId{}, NodeId{}, out, seen, depth + 1, true);
        }
      }
      return;
    }
    Dependency d;
    d.symbol = target;
    auto id_of = [&](const ResourceRef& ref) {
      return symbolic_ ? WithElement(ref, [&] { return SymbolicReference(ref.symbol); }) : ResourceId(ref);
    };
    if (info && info->loop) {
      if (!index || UsesForeignLocals(index, own_loop, 0)) {
        d.whole_collection = true;
      } else {
        d.id = id_of(ResourceRef{target, index});
      }
    } else {
      d.id = id_of(ResourceRef{target, NodeId{}});
    }
    out.push_back(std::move(d));
  }

  auto DependsOn(SymbolId id, const ResourceInfo& info) -> std::vector<Expr> {
    std::vector<Dependency> deps;
    std::set<std::uint32_t> seen;
    CollectDependencies(id, info.loop, deps, seen, 0);
    if (model_.symbol(id).parent) {  // nested declaration (a `parent:` property is an ordinary reference)
      AddDependency(info.parent, NodeId{}, NodeId{}, deps, seen, 0, true);
    }
    std::set<std::uint32_t> whole;
    for (const auto& d : deps) {
      if (d.whole_collection) {
        whole.insert(d.symbol.index);
      }
    }
    std::stable_sort(deps.begin(), deps.end(), [&](const Dependency& a, const Dependency& b) {
      return CultureKey(model_.resource(a.symbol)->symbolic_name) < CultureKey(model_.resource(b.symbol)->symbolic_name);
    });
    std::vector<Expr> result;
    std::set<std::string> emitted;
    for (auto& d : deps) {
      if (d.symbol == id) {
        continue;
      }
      if (whole.contains(d.symbol.index)) {
        if (emitted.insert("c:" + model_.resource(d.symbol)->symbolic_name).second) {
          result.push_back(Expr::Str(model_.resource(d.symbol)->symbolic_name));
        }
        continue;
      }
      // Single resources appear once; every indexed reference to a collection element is kept.
      bool indexed = model_.resource(d.symbol)->loop.index != NodeId::kNone;
      if (indexed || emitted.insert("s:" + model_.resource(d.symbol)->symbolic_name).second) {
        result.push_back(std::move(*d.id));
      }
    }
    return result;
  }

  // A structural key for deduplication.
  static auto ExpressionKey(const Expr& e) -> std::string {
    std::string out = std::to_string(static_cast<int>(e.kind)) + (e.flag ? "t" : "f") + e.text + "(";
    for (const auto& a : e.args) {
      out += ExpressionKey(a);
      out += ',';
    }
    out += ')';
    return out;
  }

  auto LowerResource(SymbolId id, const ResourceInfo& info) -> Resource {
    Resource res;
    res.symbolic_name = info.symbolic_name;
    res.existing = info.existing;
    auto decl = model_.symbol(id).decl;
    auto decorators = tree_.child(decl, 0);
    std::size_t frames = loops_.size();
    BeginCopy(info, decorators, res);
    res.condition = ResourceCondition(info);  // enclosing declarations' conditions too
    res.properties.emplace_back("type", Expr::Str(info.type));
    res.properties.emplace_back("apiVersion", Expr::Str(info.api_version));
    const ResourceInfo* root = &info;  // child resources share their root ancestor's scope
    for (int guard = 0; root->parent && guard < 64; ++guard) {
      root = model_.resource(root->parent);
    }
    if (auto scope = BodyProperty(*root, "scope")) {
      auto ref = RefOf(scope);
      const auto* target = ref.symbol ? model_.resource(ref.symbol) : nullptr;
      if (target && model_.symbol(ref.symbol).kind == SymbolKind::Resource &&
          target->type != "Microsoft.Resources/resourceGroups") {
        res.properties.emplace_back("scope", ResourceId(ref));
      } else if (IsScopeFunction(scope) || target) {
        ScopeProperties(*root, res.properties);
      } else {
        NotSupported("this resource scope", scope);
      }
    }
    res.properties.emplace_back("name", FullName(info, 0));
    if (info.body) {
      for (auto prop : tree_.children(info.body)) {
        if (tree_.kind(prop) != NodeKind::ObjectProperty) {
          if (tree_.kind(prop) == NodeKind::Spread) {
            NotSupported("spread in resource bodies", prop);
          }
          continue;
        }
        auto key = tree_.child(prop, 0);
        if (!key) {
          continue;
        }
        std::string name;
        if (tree_.kind(key) == NodeKind::Identifier) {
          name = tree_.text(key);
        } else if (tree_.kind(key) == NodeKind::String && tree_.children(key).empty()) {
          name = tree_.StringSegments(key)[0];
        } else {
          NotSupported("interpolated resource property names", key);
          continue;
        }
        if (name == "name" || name == "parent" || name == "scope" || name == "dependsOn") {
          continue;
        }
        res.properties.emplace_back(name, Lower(tree_.child(prop, 1), 0));
      }
    }
    res.depends_on = DependsOn(id, info);
    loops_.resize(frames);
    res.description = DecoratorValue(decorators, "description");
    return res;
  }

  auto IsScopeFunction(NodeId scope) const -> bool {
    if (tree_.kind(scope) != NodeKind::FunctionCall && tree_.kind(scope) != NodeKind::InstanceFunctionCall) {
      return false;
    }
    auto name = tree_.text(tree_.child(scope, tree_.kind(scope) == NodeKind::FunctionCall ? 0 : 1));
    return name == "tenant" || name == "subscription" || name == "resourceGroup" || name == "managementGroup";
  }

  // ---- expressions ----
  struct LoopFrame {
    NodeId loop;
    Expr iterable;
    Expr index;  // copyIndex() / copyIndex('name')
  };

  auto LowerString(NodeId node) -> Expr {
    auto segments = tree_.StringSegments(node);
    auto holes = tree_.children(node);
    if (holes.empty()) {
      return Expr::Str(JoinSurrogates(segments[0]), R(node));
    }
    std::string pattern;
    std::vector<Expr> args;
    args.push_back(Expr::Str(""));
    auto escape = [&](const std::string& s) {
      for (char c : s) {
        if (c == '{' || c == '}') {
          pattern.push_back(c);
        }
        pattern.push_back(c);
      }
    };
    for (std::size_t i = 0; i < holes.size(); ++i) {
      escape(JoinSurrogates(segments[i]));
      pattern += fmt::format("{{{}}}", i);
      args.push_back(Lower(holes[i], 0));
    }
    escape(JoinSurrogates(segments[holes.size()]));
    args[0] = Expr::Str(pattern);
    return Expr::Call("format", std::move(args), R(node));
  }

  auto LowerBinary(NodeId node, std::uint32_t depth) -> Expr {
    auto op = static_cast<syntax::BinaryOp>(tree_.node(node).flags);
    auto l = Lower(tree_.child(node, 0), depth + 1);
    auto r = Lower(tree_.child(node, 1), depth + 1);
    auto range = R(node);
    using syntax::BinaryOp;
    switch (op) {
      case BinaryOp::LogicalOr: return Call2("or", std::move(l), std::move(r), range);
      case BinaryOp::LogicalAnd: return Call2("and", std::move(l), std::move(r), range);
      case BinaryOp::Equals: return Call2("equals", std::move(l), std::move(r), range);
      case BinaryOp::NotEquals: return Call1("not", Call2("equals", std::move(l), std::move(r)), range);
      case BinaryOp::EqualsInsensitive:
        return Call2("equals", Call1("toLower", std::move(l)), Call1("toLower", std::move(r)), range);
      case BinaryOp::NotEqualsInsensitive:
        return Call1("not", Call2("equals", Call1("toLower", std::move(l)), Call1("toLower", std::move(r))), range);
      case BinaryOp::LessThan: return Call2("less", std::move(l), std::move(r), range);
      case BinaryOp::LessThanOrEqual: return Call2("lessOrEquals", std::move(l), std::move(r), range);
      case BinaryOp::GreaterThan: return Call2("greater", std::move(l), std::move(r), range);
      case BinaryOp::GreaterThanOrEqual: return Call2("greaterOrEquals", std::move(l), std::move(r), range);
      case BinaryOp::Add: return Call2("add", std::move(l), std::move(r), range);
      case BinaryOp::Subtract: return Call2("sub", std::move(l), std::move(r), range);
      case BinaryOp::Multiply: return Call2("mul", std::move(l), std::move(r), range);
      case BinaryOp::Divide: return Call2("div", std::move(l), std::move(r), range);
      case BinaryOp::Modulo: return Call2("mod", std::move(l), std::move(r), range);
      case BinaryOp::Coalesce: return Call2("coalesce", std::move(l), std::move(r), range);
    }
    return Expr::Null(range);
  }

  auto LowerVariableAccess(NodeId node) -> Expr {
    const auto& b = model_.binding(node);
    auto range = R(node);
    if (b.kind == Binding::Kind::Local) {
      for (auto it = loops_.rbegin(); it != loops_.rend(); ++it) {
        if (tree_.child(it->loop, 0) == b.local) {
          return Expr::Index(it->iterable, it->index, range);
        }
        if (tree_.child(it->loop, 1) == b.local) {
          return it->index;
        }
      }
      if (std::find(function_params_.begin(), function_params_.end(), b.local) != function_params_.end()) {
        return Call1("parameters", Expr::Str(std::string{tree_.text(b.local)}), range);
      }
      return Call1("lambdaVariables", Expr::Str(std::string{tree_.text(b.local)}), range);
    }
    if (b.kind != Binding::Kind::Symbol) {
      return Expr::Null(range);
    }
    const auto& s = model_.symbol(b.symbol);
    switch (s.kind) {
      case SymbolKind::Parameter: return Call1("parameters", Expr::Str(s.name), range);
      case SymbolKind::Variable:
        if (RequiresInlining(b.symbol, 0)) {
          if (inlining_depth_ > 64) {
            return Expr::Null(range);
          }
          ++inlining_depth_;
          auto value = Lower(tree_.child(s.decl, 3), 0);
          --inlining_depth_;
          return value;
        }
        return Call1("variables", Expr::Str(EmittedName(b.symbol)), range);
      case SymbolKind::Import:
        if (auto target = closure_ ? ResolveImported(model_, b.symbol, {}) : std::nullopt;
            target && IsVariable(*target)) {
          return Call1("variables", Expr::Str(EmittedName(b.symbol)), range);
        }
        NotSupported(fmt::format("references to \"{}\"", s.name), node);
        return Expr::Null(range);
      case SymbolKind::Resource:
      case SymbolKind::Module: return ReferenceCall(b.symbol, true, range);
      default: NotSupported(fmt::format("references to \"{}\"", s.name), node); return Expr::Null(range);
    }
  }

  auto LowerPropertyAccess(NodeId node, std::uint32_t depth) -> Expr {
    auto base = tree_.child(node, 0);
    auto prop = std::string{tree_.text(tree_.child(node, 1))};
    auto range = R(node);
    bool safe = (tree_.node(node).flags & 1) != 0;
    auto ref = RefOf(base);
    if (ref.symbol && model_.symbol(ref.symbol).kind == SymbolKind::Resource) {
      const auto& info = *model_.resource(ref.symbol);
      if (info.loop && !ref.index) {
        NotSupported("access to a whole resource collection", node);
        return Expr::Null(range);
      }
      if (prop == "type") {
        return Expr::Str(info.type, range);
      }
      if (prop == "apiVersion") {
        return Expr::Str(info.api_version, range);
      }
      return WithElement(ref, [&] {
        // Safe access on a conditional resource: guarded on its condition, read with tryGet().
        std::optional<Expr> condition = safe ? ResourceCondition(info) : std::nullopt;
        auto guard = [&](Expr e) {
          if (!condition) {
            return e;
          }
          std::vector<Expr> args;
          args.push_back(*condition);
          args.push_back(std::move(e));
          args.push_back(Expr::Call("null", {}));
          return Expr::Call("if", std::move(args));
        };
        if (prop == "id") {
          return guard(ResourceId(ref.symbol));
        }
        if (prop == "name") {
          return guard(OwnName(info));
        }
        if (prop == "properties" && !safe) {
          return ReferenceCall(ref.symbol, false, range);
        }
        if (safe) {
          return Call2("tryGet", guard(ReferenceCall(ref.symbol, true, range)), Expr::Str(prop), range);
        }
        return Expr::Prop(ReferenceCall(ref.symbol, true, range), prop, range);
      });
    }
    if (ref.symbol) {
      return LowerModuleAccess(ref, prop, node, safe);
    }
    if (base && tree_.kind(base) == NodeKind::VariableAccess && model_.binding(base).kind == Binding::Kind::Symbol) {
      if (auto member = WildcardMemberName(model_.binding(base).symbol, prop)) {
        return Call1("variables", Expr::Str(*member), range);
      }
    }
    if (base && tree_.kind(base) == NodeKind::PropertyAccess && tree_.text(tree_.child(base, 1)) == "outputs") {
      auto mod = RefOf(tree_.child(base, 0));
      if (mod.symbol && model_.symbol(mod.symbol).kind == SymbolKind::Module) {
        // ExpressionConverter.ConvertModuleOutputPropertyAccessExpression
        bool outputs_safe = (tree_.node(base).flags & 1) != 0;
        const auto& secure = SecureOutputsOf(mod.symbol);
        if (std::find(secure.begin(), secure.end(), prop) != secure.end()) {
          // A secure output: listOutputsWithSecureValues(<module>, '2025-04-01').name (no `.value`).
          auto list = WithElement(mod, [&] {
            return Call2("listOutputsWithSecureValues",
                         symbolic_ ? SymbolicReference(mod.symbol) : ModuleId(*model_.resource(mod.symbol)),
                         Expr::Str("2025-04-01"), range);
          });
          return safe || outputs_safe ? Call2("tryGet", std::move(list), Expr::Str(prop), range)
                                      : Expr::Prop(std::move(list), prop, range);
        }
        auto outputs = LowerModuleAccess(mod, "outputs", base, outputs_safe);
        if (safe) {
          return Call2("tryGet", Call2("tryGet", std::move(outputs), Expr::Str(prop)), Expr::Str("value"), range);
        }
        if (outputs.kind == Expr::Kind::Call && outputs.text == "tryGet") {
          outputs.args.push_back(Expr::Str(prop));
          outputs.args.push_back(Expr::Str("value"));
          outputs.range = range;
          return outputs;
        }
        return Expr::Prop(Expr::Prop(std::move(outputs), prop, range), "value", range);
      }
    }
    auto lowered = Lower(base, depth + 1);
    return AccessOn(base, std::move(lowered), Expr::Str(prop), safe, false, range);
  }


  auto LowerCall(NodeId node, std::uint32_t depth) -> Expr {
    bool instance = tree_.kind(node) == NodeKind::InstanceFunctionCall;
    auto name_node = tree_.child(node, instance ? 1 : 0);
    std::string name{tree_.text(name_node)};
    auto kids = tree_.children(node);
    auto range = R(node);
    const auto& b = model_.binding(node);
    if (instance && b.kind != Binding::Kind::BuiltinFunction) {
      auto base = tree_.child(node, 0);
      if (base && tree_.kind(base) == NodeKind::VariableAccess && model_.binding(base).kind == Binding::Kind::Symbol) {
        if (auto member = WildcardMemberName(model_.binding(base).symbol, name)) {  // ns.fn(...)
          std::vector<Expr> args;
          for (std::size_t i = 2; i < kids.size(); ++i) {
            args.push_back(Lower(kids[i], depth + 1));
          }
          auto [ns, fn] = SplitFunctionName(*member);
          return Expr::Call(ns + "." + fn, std::move(args), range);
        }
      }
      auto res = semantics::ResourceSymbolOf(model_, tree_.child(node, 0));
      if (res && model_.symbol(res).kind == SymbolKind::Resource) {
        // resource.listKeys(apiVersion?) -> listKeys(id, apiVersion) (2.0: listKeys('sym', apiVersion))
        std::vector<Expr> args;
        auto target = RefOf(tree_.child(node, 0));
        if (symbolic_) {
          args.push_back(target.symbol ? WithElement(target, [&] { return SymbolicReference(res); })
                                       : Expr::Str(model_.resource(res)->symbolic_name));
        } else {
          args.push_back(ResourceId(res));
        }
        if (kids.size() > 2) {
          for (std::size_t i = 2; i < kids.size(); ++i) {
            args.push_back(Lower(kids[i], depth + 1));
          }
        } else {
          args.push_back(Expr::Str(model_.resource(res)->api_version));
        }
        return Expr::Call(name, std::move(args), range);
      }
      NotSupported(fmt::format("the instance function \"{}\"", name), node);
      return Expr::Null(range);
    }
    if (b.kind == Binding::Kind::UserFunction) {
      std::vector<Expr> args;
      for (std::size_t i = 1; i < kids.size(); ++i) {
        args.push_back(Lower(kids[i], depth + 1));
      }
      return Expr::Call(UserFunctionCallName(b.symbol), std::move(args), range);
    }
    std::vector<Expr> args;
    for (std::size_t i = instance ? 2 : 1; i < kids.size(); ++i) {
      args.push_back(Lower(kids[i], depth + 1));
    }
    if (!args.empty() && (name == "subscription" || name == "resourceGroup" || name == "managementGroup")) {
      return Expr::Object({}, range);  // scope values with arguments have no ARM representation
    }
    if (name == "any" && args.size() == 1) {
      return std::move(args.front());
    }
    if (name == "nameof" && kids.size() == (instance ? 3U : 2U)) {
      auto arg = kids.back();
      if (tree_.kind(arg) == NodeKind::VariableAccess) {
        return Expr::Str(std::string{tree_.text(arg)}, range);
      }
      if (tree_.kind(arg) == NodeKind::PropertyAccess || tree_.kind(arg) == NodeKind::ResourceAccess) {
        return Expr::Str(std::string{tree_.text(tree_.child(arg, 1))}, range);
      }
      auto index = tree_.kind(arg) == NodeKind::ArrayAccess ? tree_.child(arg, 1) : NodeId{};
      if (index && tree_.kind(index) == NodeKind::String && tree_.children(index).empty()) {
        return Expr::Str(tree_.StringSegments(index)[0], range);
      }
    }
    if (name.starts_with("load") && (name.ends_with("Content") || name == "loadFileAsBase64" ||
                                     name == "loadDirectoryFileInfo")) {
      if (auto fxv = function_variables_.find(node.index); fxv != function_variables_.end()) {
        return Call1("variables", Expr::Str(fxv->second), range);
      }
      if (options_.loaded_values) {
        if (auto it = options_.loaded_values->find(node.index); it != options_.loaded_values->end()) {
          return JsonToExpr(it->second.value, 0);
        }
      }
      NotSupported(fmt::format("the function \"{}\"", name), node);
    }
    return Expr::Call(name, std::move(args), range);
  }

 public:
  auto Lower(NodeId node, std::uint32_t depth) -> Expr {
    if (!node) {
      return Expr::Null();
    }
    auto range = R(node);
    if (depth > kMaxDepth) {
      return Expr::Null(range);
    }
    switch (tree_.kind(node)) {
      case NodeKind::String: return LowerString(node);
      case NodeKind::IntegerLiteral: return Expr::Int(std::string{tree_.text(node)}, range);
      case NodeKind::BooleanLiteral: return Expr::Bool(tree_.node(node).flags != 0, range);
      case NodeKind::NullLiteral: return Expr::Null(range);
      case NodeKind::Parenthesized:
      case NodeKind::NonNullAssert: return Lower(tree_.child(node, 0), depth + 1);
      case NodeKind::Array: {
        // [a, ...b, c] -> flatten(createArray(createArray(a), b, createArray(c)))
        std::vector<Expr> items;
        std::vector<Expr> chunks;
        bool spread = false;
        for (auto k : tree_.children(node)) {
          if (tree_.kind(k) == NodeKind::Spread) {
            spread = true;
            if (!items.empty()) {
              chunks.push_back(Expr::Array(std::move(items)));
              items.clear();
            }
            chunks.push_back(Lower(tree_.child(k, 0), depth + 1));
            continue;
          }
          items.push_back(Lower(k, depth + 1));
        }
        if (!spread) {
          return Expr::Array(std::move(items), range);
        }
        if (!items.empty()) {
          chunks.push_back(Expr::Array(std::move(items)));
        }
        return Call1("flatten", Expr::Array(std::move(chunks)), range);
      }
      case NodeKind::Object: {
        std::vector<Expr> kv;
        std::vector<Expr> copies;
        std::vector<Expr> spread_chunks;
        bool has_spread = false;
        for (auto k : tree_.children(node)) {
          if (tree_.kind(k) != NodeKind::ObjectProperty) {
            if (tree_.kind(k) == NodeKind::Spread) {
              // {a: 1, ...b} -> shallowMerge(createArray(createObject('a', 1), b))
              if (!kv.empty()) {
                spread_chunks.push_back(Expr::Object(std::move(kv)));
                kv.clear();
              }
              spread_chunks.push_back(Lower(tree_.child(k, 0), depth + 1));
              has_spread = true;
            }
            continue;
          }
          auto key = tree_.child(k, 0);
          auto value = tree_.child(k, 1);
          Expr key_expr = key && tree_.kind(key) == NodeKind::Identifier
                              ? Expr::Str(std::string{tree_.text(key)}, R(key))
                              : Lower(key, depth + 1);
          if (value && tree_.kind(value) == NodeKind::ForExpr && key_expr.kind == Expr::Kind::String) {
            auto [count, input] = LowerLoopBody(value, key_expr.text, true);
            std::vector<Expr> entry;
            entry.push_back(Expr::Str("name"));
            entry.push_back(key_expr);
            entry.push_back(Expr::Str("count"));
            entry.push_back(std::move(count));
            entry.push_back(Expr::Str("input"));
            entry.push_back(std::move(input));
            copies.push_back(Expr::Object(std::move(entry), R(value)));
            continue;
          }
          kv.push_back(std::move(key_expr));
          kv.push_back(Lower(value, depth + 1));
        }
        if (!copies.empty()) {
          kv.insert(kv.begin(), Expr::Array(std::move(copies)));
          auto copy_key = Expr::Str("copy");
          copy_key.flag = true;
          kv.insert(kv.begin(), std::move(copy_key));
        }
        if (has_spread) {
          if (!kv.empty()) {
            spread_chunks.push_back(Expr::Object(std::move(kv)));
          }
          return Call1("shallowMerge", Expr::Array(std::move(spread_chunks)), range);
        }
        return Expr::Object(std::move(kv), range);
      }
      case NodeKind::VariableAccess: return LowerVariableAccess(node);
      case NodeKind::Unary: {
        auto op = static_cast<syntax::UnaryOp>(tree_.node(node).flags);
        auto operand = tree_.child(node, 0);
        if (op == syntax::UnaryOp::Minus) {
          if (operand && tree_.kind(operand) == NodeKind::IntegerLiteral) {
            return Expr::Int("-" + std::string{tree_.text(operand)}, range);
          }
          return Call2("sub", Expr::Int("0"), Lower(operand, depth + 1), range);
        }
        return Call1("not", Lower(operand, depth + 1), range);
      }
      case NodeKind::Binary: return LowerBinary(node, depth);
      case NodeKind::Ternary: {
        std::vector<Expr> args;
        for (std::size_t i = 0; i < 3; ++i) {
          args.push_back(Lower(tree_.child(node, i), depth + 1));
        }
        return Expr::Call("if", std::move(args), range);
      }
      case NodeKind::PropertyAccess: return LowerPropertyAccess(node, depth);
      case NodeKind::ArrayAccess: {
        auto ref = RefOf(node);
        if (ref.symbol && ref.index) {
          if (model_.symbol(ref.symbol).kind == SymbolKind::Resource) {
            return WithElement(ref, [&] { return ReferenceCall(ref.symbol, true, range); });
          }
          NotSupported("module collections", node);
          return Expr::Null(range);
        }
        auto flags = tree_.node(node).flags;
        auto base_syntax = tree_.child(node, 0);
        auto base = Lower(base_syntax, depth + 1);
        auto index = Lower(tree_.child(node, 1), depth + 1);
        if ((flags & 3) == 0 && !(IsAccessSyntax(base_syntax) && base.kind == Expr::Kind::Call &&
                                  (base.text == "tryGet" || base.text == "tryIndexFromEnd"))) {
          return Expr::Index(std::move(base), std::move(index), range);
        }
        return AccessOn(base_syntax, std::move(base), std::move(index), (flags & 1) != 0, (flags & 2) != 0, range);
      }
      case NodeKind::ResourceAccess: {
        auto res = semantics::ResourceSymbolOf(model_, node);
        if (res) {
          return ReferenceCall(res, true, range);
        }
        return Expr::Null(range);
      }
      case NodeKind::FunctionCall:
      case NodeKind::InstanceFunctionCall: return LowerCall(node, depth);
      case NodeKind::Lambda: {
        std::vector<Expr> args;
        auto kids = tree_.children(node);
        for (std::size_t i = 0; i + 1 < kids.size(); ++i) {
          args.push_back(Expr::Str(std::string{tree_.text(kids[i])}));
        }
        if (!kids.empty()) {
          args.push_back(Lower(kids.back(), depth + 1));
        }
        return Expr::Call("lambda", std::move(args), range);
      }
      case NodeKind::ForExpr: NotSupported("property loops", node); return Expr::Null(range);
      default: NotSupported(fmt::format("the {} syntax", syntax::NodeKindName(tree_.kind(node))), node);
    }
    return Expr::Null(range);
  }

 private:
  const semantics::SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  const LowerOptions& options_;
  bool symbolic_ = false;  // languageVersion 2.0 output (symbolic names)
  ImportClosure* closure_ = nullptr;  // shared with the lowerers of imported files
  std::unordered_map<std::uint32_t, std::string> function_variables_;  // load*() call -> $fxv#N
  std::vector<NodeId> function_params_;  // the parameters of the function being lowered
  std::unordered_map<std::uint32_t, std::vector<std::string>> secure_outputs_;  // by module symbol
  std::vector<std::pair<std::string, Expr>> fxv_values_;
  std::unique_ptr<ImportClosure> owned_closure_;
  std::unordered_map<std::uint32_t, bool> inline_cache_;
  std::vector<LoopFrame> loops_;
  std::optional<Expr> element_symbol_;  // see WithElement
  SymbolId element_id_;
  std::vector<NodeId> parents_;
  std::uint32_t inlining_depth_ = 0;
};

}  // namespace

auto Lower(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink, const LowerOptions& options)
    -> Template {
  return Lowerer{model, sink, options}.Run();
}

}  // namespace bicepc::ir
