#include "compiler/driver/load_functions.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>

#include "compiler/driver/relative_path.h"
#include "compiler/driver/yaml.h"
#include "compiler/eval/hash.h"
#include "compiler/source/utf8.h"
#include "compiler/syntax/syntax_tree.h"

namespace bicepc::driver {
namespace {

namespace fs = std::filesystem;
using diagnostics::DiagnosticKind;
using syntax::NodeId;
using syntax::NodeKind;

constexpr std::size_t kMaxLiteralCharacters = 131072;         // LanguageConstants.MaxLiteralCharacterLimit
constexpr std::size_t kMaxJsonCharacters = 1048576;           // LanguageConstants.MaxJsonFileCharacterLimit
constexpr std::size_t kMaxBase64Bytes = kMaxLiteralCharacters / 4 * 3;

auto DecodeUtf16(std::string_view bytes, bool big_endian) -> std::string {
  std::string out;
  auto unit = [&](std::size_t i) -> char32_t {
    auto a = static_cast<unsigned char>(bytes[i]);
    auto b = static_cast<unsigned char>(bytes[i + 1]);
    return big_endian ? (a << 8 | b) : (b << 8 | a);
  };
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char32_t lo = unit(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        source::AppendUtf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    source::AppendUtf8(out, (u >= 0xD800 && u <= 0xDFFF) ? 0xFFFD : u);
  }
  return out;
}

// UTF-8 with invalid sequences replaced by U+FFFD.
auto DecodeUtf8(std::string_view bytes) -> std::string {
  std::string out;
  out.reserve(bytes.size());
  std::size_t i = 0;
  while (i < bytes.size()) {
    auto lead = static_cast<unsigned char>(bytes[i]);
    std::size_t count = lead < 0x80 ? 1 : (lead >> 5) == 6 ? 2 : (lead >> 4) == 14 ? 3 : (lead >> 3) == 30 ? 4 : 0;
    bool valid = count > 0 && i + count <= bytes.size();
    for (std::size_t k = 1; valid && k < count; ++k) {
      valid = (static_cast<unsigned char>(bytes[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) {
      source::AppendUtf8(out, 0xFFFD);
      ++i;
      continue;
    }
    out.append(bytes.substr(i, count));
    i += count;
  }
  return out;
}

auto Utf16Length(std::string_view utf8) -> std::size_t {
  std::size_t n = 0;
  for (std::size_t i = 0; i < utf8.size(); ++i) {
    auto c = static_cast<unsigned char>(utf8[i]);
    if ((c & 0xC0) != 0x80) {
      n += c >= 0xF0 ? 2 : 1;
    }
  }
  return n;
}

// Glob with '*' and '?', as loadDirectoryFileInfo's searchPattern.
auto GlobMatch(std::string_view pattern, std::string_view name) -> bool {
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

class LoadEvaluator {
 public:
  LoadEvaluator(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink)
      : model_{model}, tree_{model.tree()}, sink_{sink} {
    for (const auto& d : sink.diagnostics()) {
      if (d.level == diagnostics::Level::Error && d.file == &tree_.file()) errors_.push_back(d.range);
    }
  }

  auto Run() -> std::unordered_map<std::uint32_t, ir::LoadedValue> {
    Visit(tree_.root(), 0);
    return std::move(values_);
  }

 private:
  void Visit(NodeId node, std::uint32_t depth) {
    if (!node || depth > 4000) return;
    auto kind = tree_.kind(node);
    if ((kind == NodeKind::FunctionCall || kind == NodeKind::InstanceFunctionCall) && !HasErrorWithin(node)) {
      Evaluate(node);
    }
    for (auto k : tree_.children(node)) Visit(k, depth + 1);
  }

  // A call with an error already reported inside it (a mistyped argument, an invalid reference) is
  // not evaluated, as officially: its type is an error, not a value.
  auto HasErrorWithin(NodeId call) const -> bool {
    auto r = tree_.range(call);
    return std::any_of(errors_.begin(), errors_.end(),
                       [&](const source::SourceRange& e) { return e.begin >= r.begin && e.end <= r.end && e.begin < e.end; });
  }

  void Error(DiagnosticKind kind, NodeId at, std::vector<std::string> args = {}) {
    sink_.Emit(kind, tree_.file(), tree_.range(at), std::move(args));
  }

  // A string literal argument, or an error (BCP032 / BCP092) and nullopt.
  auto ConstantString(NodeId arg, bool is_path) -> std::optional<std::string> {
    if (arg && tree_.kind(arg) == NodeKind::String) {
      if (!tree_.children(arg).empty()) {
        Error(is_path ? DiagnosticKind::FilePathInterpolationUnsupported : DiagnosticKind::CompileTimeConstantRequired,
              arg);
        return std::nullopt;
      }
      return tree_.StringSegments(arg)[0];
    }
    Error(DiagnosticKind::CompileTimeConstantRequired, arg);
    return std::nullopt;
  }

  // The file a path argument names, relative to the calling file; diagnostics for bad paths.
  auto ResolvePath(NodeId arg, const std::string& relative) -> std::optional<fs::path> {
    if (auto problem = CheckRelativePath(relative)) {
      Error(problem->kind, arg, std::move(problem->args));
      return std::nullopt;
    }
    return (fs::absolute(fs::path{tree_.file().path()}).parent_path() / relative).lexically_normal();
  }

  auto ReadBytes(NodeId arg, const fs::path& path) -> std::optional<std::string> {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      Error(DiagnosticKind::FoundDirectoryInsteadOfFile, arg, {path.string()});
      return std::nullopt;
    }
    std::ifstream in{path, std::ios::binary};
    if (!in) {
      Error(DiagnosticKind::ErrorOccurredReadingFile, arg, {fmt::format("Could not find file '{}'.", path.string())});
      return std::nullopt;
    }
    return std::string{std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
  }

  void Evaluate(NodeId call) {
    bool instance = tree_.kind(call) == NodeKind::InstanceFunctionCall;
    const auto& b = model_.binding(call);
    if (b.kind != semantics::Binding::Kind::BuiltinFunction) return;
    std::string name{tree_.text(tree_.child(call, instance ? 1 : 0))};
    if (name != "loadTextContent" && name != "loadFileAsBase64" && name != "loadJsonContent" &&
        name != "loadYamlContent" && name != "loadDirectoryFileInfo") {
      return;
    }
    auto kids = tree_.children(call);
    std::vector<NodeId> args(kids.begin() + (instance ? 2 : 1), kids.end());
    if (args.empty()) return;  // arity is the binder's business
    auto relative = ConstantString(args[0], true);
    if (!relative) return;
    auto path = ResolvePath(args[0], *relative);
    if (!path) return;
    if (name == "loadDirectoryFileInfo") {
      LoadDirectory(call, args, *path);
      return;
    }
    auto bytes = ReadBytes(args[0], *path);
    if (!bytes) return;
    if (name == "loadFileAsBase64") {
      if (bytes->size() > kMaxBase64Bytes) {
        Error(DiagnosticKind::FileExceedsMaximumSize, args[0], {path->string(), std::to_string(kMaxBase64Bytes), "bytes"});
        return;
      }
      values_[call.index] = ir::LoadedValue{eval::Base64Encode(*bytes), false};
      return;
    }
    std::size_t encoding_arg = name == "loadTextContent" ? 1 : 2;
    std::string encoding = "utf-8";
    if (args.size() > encoding_arg) {
      auto e = ConstantString(args[encoding_arg], false);
      if (!e) return;
      encoding = *e;
    }
    auto text = DecodeText(*bytes, encoding);
    auto limit = name == "loadTextContent" ? kMaxLiteralCharacters : kMaxJsonCharacters;
    if (Utf16Length(text) > limit) {
      Error(DiagnosticKind::FileExceedsMaximumSize, args[0], {path->string(), std::to_string(limit), "characters"});
      return;
    }
    if (name == "loadTextContent") {
      values_[call.index] = ir::LoadedValue{std::move(text), false};
      return;
    }
    nlohmann::ordered_json json;
    if (name == "loadYamlContent") {
      std::string error;
      auto parsed = ParseYaml(text, error);
      if (!parsed) {
        Error(DiagnosticKind::ErrorOccurredReadingFile, args[0], {fmt::format("The file is not valid YAML: {}.", error)});
        return;
      }
      json = std::move(*parsed);
    } else {
      try {
        json = nlohmann::ordered_json::parse(text, nullptr, true, /*ignore_comments=*/true);
      } catch (const nlohmann::json::exception&) {
        Error(DiagnosticKind::JsonPathNotFound, args[0]);
        return;
      }
    }
    if (args.size() > 1) {
      auto selector = ConstantString(args[1], false);
      if (!selector) return;
      auto selected = SelectJsonPath(json, *selector);
      if (!selected || selected->empty()) {
        Error(DiagnosticKind::JsonPathNotFound, args[1]);
        return;
      }
      if (selected->size() == 1) {
        json = std::move(selected->front());
      } else {
        json = nlohmann::ordered_json::array();
        for (auto& token : *selected) json.push_back(std::move(token));
      }
    }
    values_[call.index] = ir::LoadedValue{std::move(json), true};
  }

  void LoadDirectory(NodeId call, const std::vector<NodeId>& args, const fs::path& dir) {
    std::string pattern = "*";
    if (args.size() > 1) {
      auto p = ConstantString(args[1], false);
      if (!p) return;
      pattern = *p;
    }
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      Error(DiagnosticKind::ErrorOccurredReadingFile, args[0],
            {fmt::format("Could not find a part of the path '{}'.", dir.string())});
      return;
    }
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator{dir, ec}) {
      if (entry.is_regular_file(ec) && GlobMatch(pattern, entry.path().filename().string())) {
        names.push_back(entry.path().filename().string());
      }
    }
    // Case-insensitive ordinal order, as the official output lists them.
    auto upper = [](std::string v) {
      for (auto& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return v;
    };
    std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
      auto ua = upper(a);
      auto ub = upper(b);
      return ua != ub ? ua < ub : a < b;
    });
    auto base = fs::absolute(fs::path{tree_.file().path()}).parent_path().lexically_normal();
    auto files = nlohmann::ordered_json::array();
    for (const auto& n : names) {
      nlohmann::ordered_json f = nlohmann::ordered_json::object();
      f["relativePath"] = (dir / n).lexically_relative(base).generic_string();
      f["baseName"] = n;
      f["extension"] = fs::path{n}.extension().string();
      files.push_back(std::move(f));
    }
    values_[call.index] = ir::LoadedValue{std::move(files), true};
  }

  const semantics::SemanticModel& model_;
  const syntax::SyntaxTree& tree_;
  diagnostics::DiagnosticSink& sink_;
  std::vector<source::SourceRange> errors_;  // errors reported before the load functions run
  std::unordered_map<std::uint32_t, ir::LoadedValue> values_;
};

}  // namespace

auto DecodeText(std::string_view bytes, std::string_view encoding) -> std::string {
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") return DecodeUtf8(bytes.substr(3));
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE") return DecodeUtf16(bytes.substr(2), false);
  if (bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF") return DecodeUtf16(bytes.substr(2), true);
  if (encoding == "utf-16") return DecodeUtf16(bytes, false);
  if (encoding == "utf-16BE") return DecodeUtf16(bytes, true);
  std::string out;
  if (encoding == "us-ascii") {
    for (char c : bytes) out.push_back(static_cast<unsigned char>(c) < 0x80 ? c : '?');
    return out;
  }
  if (encoding == "iso-8859-1") {
    for (char c : bytes) source::AppendUtf8(out, static_cast<unsigned char>(c));
    return out;
  }
  return DecodeUtf8(bytes);
}

namespace {

// One filter comparison of a JSONPath `[?(@.a.b OP literal)]`.
auto FilterMatches(const nlohmann::ordered_json& item, std::string_view expr) -> bool {
  static constexpr std::string_view kOps[] = {">=", "<=", "==", "!=", ">", "<"};
  std::size_t op_pos = std::string_view::npos;
  std::string_view op;
  for (auto candidate : kOps) {
    auto pos = expr.find(candidate);
    if (pos != std::string_view::npos && (op_pos == std::string_view::npos || pos < op_pos)) {
      op_pos = pos;
      op = candidate;
    }
  }
  auto trim = [](std::string_view v) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
  };
  auto lhs = trim(op_pos == std::string_view::npos ? expr : expr.substr(0, op_pos));
  if (!lhs.starts_with("@")) return false;
  std::string sub_path = "$";
  sub_path.append(lhs.substr(1));
  auto selected = SelectJsonPath(item, sub_path);
  if (!selected || selected->size() != 1) return false;
  const auto& value = selected->front();
  if (op_pos == std::string_view::npos) return !value.is_null() && !(value.is_boolean() && !value.get<bool>());
  auto rhs_text = trim(expr.substr(op_pos + op.size()));
  nlohmann::ordered_json rhs;
  if (rhs_text.size() >= 2 && (rhs_text.front() == '\'' || rhs_text.front() == '"')) {
    rhs = std::string{rhs_text.substr(1, rhs_text.size() - 2)};
  } else {
    rhs = nlohmann::ordered_json::parse(rhs_text, nullptr, false);
    if (rhs.is_discarded()) return false;
  }
  if (value.is_number() && rhs.is_number()) {
    double l = value.get<double>();
    double r = rhs.get<double>();
    if (op == ">") return l > r;
    if (op == "<") return l < r;
    if (op == ">=") return l >= r;
    if (op == "<=") return l <= r;
    if (op == "==") return l == r;
    return l != r;
  }
  if (op == "==") return value == rhs;
  if (op == "!=") return value != rhs;
  if (value.is_string() && rhs.is_string()) {
    auto l = value.get<std::string>();
    auto r = rhs.get<std::string>();
    if (op == ">") return l > r;
    if (op == "<") return l < r;
    if (op == ">=") return l >= r;
    return l <= r;
  }
  return false;
}

}  // namespace

auto SelectJsonPath(const nlohmann::ordered_json& root, std::string_view path)
    -> std::optional<std::vector<nlohmann::ordered_json>> {
  std::vector<nlohmann::ordered_json> current{root};
  std::size_t i = 0;
  if (i < path.size() && path[i] == '$') ++i;
  while (i < path.size()) {
    std::vector<nlohmann::ordered_json> next;
    if (path[i] == '.') {
      ++i;
      std::size_t end = i;
      while (end < path.size() && path[end] != '.' && path[end] != '[') ++end;
      auto key = std::string{path.substr(i, end - i)};
      if (key.empty()) return std::nullopt;
      for (const auto& token : current) {
        if (key == "*") {
          if (token.is_object() || token.is_array()) {
            for (const auto& v : token) next.push_back(v);
          }
        } else if (token.is_object() && token.contains(key)) {
          next.push_back(token[key]);
        }
      }
      i = end;
    } else if (path[i] == '[') {
      std::size_t close;
      if (path.substr(i).starts_with("[?(")) {
        auto end = path.find(")]", i);
        if (end == std::string_view::npos) return std::nullopt;
        auto filter = path.substr(i + 3, end - i - 3);
        for (const auto& token : current) {
          if (!token.is_array() && !token.is_object()) continue;
          for (const auto& item : token) {
            if (FilterMatches(item, filter)) next.push_back(item);
          }
        }
        close = end + 1;
      } else {
        close = path.find(']', i);
        if (close == std::string_view::npos) return std::nullopt;
        auto inner = path.substr(i + 1, close - i - 1);
        for (const auto& token : current) {
          if (inner == "*") {
            if (token.is_object() || token.is_array()) {
              for (const auto& v : token) next.push_back(v);
            }
          } else if (inner.size() >= 2 && (inner.front() == '\'' || inner.front() == '"') && inner.back() == inner.front()) {
            auto key = std::string{inner.substr(1, inner.size() - 2)};
            if (token.is_object() && token.contains(key)) next.push_back(token[key]);
          } else {
            if (inner.empty() || !std::all_of(inner.begin(), inner.end(), [](char c) { return c >= '0' && c <= '9'; })) {
              return std::nullopt;
            }
            auto index = std::stoul(std::string{inner});
            if (token.is_array() && index < token.size()) next.push_back(token[index]);
          }
        }
      }
      i = close + 1;
    } else {
      return std::nullopt;
    }
    current = std::move(next);
  }
  return current;
}

auto EvaluateLoadFunctions(const semantics::SemanticModel& model, diagnostics::DiagnosticSink& sink)
    -> std::unordered_map<std::uint32_t, ir::LoadedValue> {
  return LoadEvaluator{model, sink}.Run();
}

}  // namespace bicepc::driver
