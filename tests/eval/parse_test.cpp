// ARM expression parser: round trips, literal escaping, errors with offsets, depth bounds,
// ParseArmValue, and a corpus run over every expression string in the expected JSON files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "compiler/eval/arm_expression.h"
#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using ir::Expr;

auto RoundTrip(std::string_view text) -> std::string {
  auto e = ParseArmExpression(text);
  if (!e) return "ERROR: " + e.error().message;
  return FormatArmExpression(*e);
}

TEST_CASE("parse: calls / strings / integers / access chains round-trip") {
  CHECK(RoundTrip("concat('a', parameters('x'))") == "concat('a', parameters('x'))");
  CHECK(RoundTrip("concat( 'a' ,parameters( 'x' ) )") == "concat('a', parameters('x'))");
  CHECK(RoundTrip("resourceGroup().location") == "resourceGroup().location");
  CHECK(RoundTrip("reference('x', '2020-01-01').outputs.a.value") == "reference('x', '2020-01-01').outputs.a.value");
  CHECK(RoundTrip("variables('v')[0]['k'].p[add(1, 2)]") == "variables('v')[0]['k'].p[add(1, 2)]");
  CHECK(RoundTrip("add(-1, 42)") == "add(-1, 42)");
  CHECK(RoundTrip("createArray()") == "createArray()");
  CHECK(RoundTrip("'it''s'") == "'it''s'");
  CHECK(RoundTrip("__bicep.double(3)") == "__bicep.double(3)");
  CHECK(RoundTrip("if(true(), null(), false())") == "if(true(), null(), false())");
  CHECK(RoundTrip("9223372036854775807") == "9223372036854775807");
  CHECK(RoundTrip("-9223372036854775808") == "-9223372036854775808");
}

TEST_CASE("parse: tree shape and source ranges") {
  auto e = ParseArmString("[concat('a''b', parameters('x').y)]");
  REQUIRE(e.ok());
  CHECK(e->kind == Expr::Kind::Call);
  CHECK(e->text == "concat");
  REQUIRE(e->args.size() == 2);
  CHECK(e->args[0].kind == Expr::Kind::String);
  CHECK(e->args[0].text == "a'b");
  // Offsets count the leading '[' of the JSON string.
  CHECK(e->range.begin == 1);
  CHECK(e->range.end == 34);
  CHECK(e->args[0].range.begin == 8);
  CHECK(e->args[0].range.end == 14);
  const auto& prop = e->args[1];
  CHECK(prop.kind == Expr::Kind::Property);
  CHECK(prop.text == "y");
  CHECK(prop.args[0].kind == Expr::Kind::Call);
  CHECK(prop.args[0].text == "parameters");

  auto t = ParseArmExpression("true()");
  REQUIRE(t.ok());
  CHECK(t->kind == Expr::Kind::Bool);
  CHECK(t->flag);
  auto n = ParseArmExpression("NULL()");
  REQUIRE(n.ok());
  CHECK(n->kind == Expr::Kind::Null);
  auto i = ParseArmExpression("-17");
  REQUIRE(i.ok());
  CHECK(i->kind == Expr::Kind::Int);
  CHECK(i->text == "-17");
}

TEST_CASE("parse: string values / double-bracket escapes and literals") {
  CHECK(IsArmExpressionString("[foo()]"));
  CHECK_FALSE(IsArmExpressionString("[[foo()]"));
  CHECK_FALSE(IsArmExpressionString("[foo()"));
  CHECK_FALSE(IsArmExpressionString("plain"));
  auto lit = ParseArmString("[[not an expression]");
  REQUIRE(lit.ok());
  CHECK(lit->kind == Expr::Kind::String);
  CHECK(lit->text == "[not an expression]");
  auto open = ParseArmString("[test");
  REQUIRE(open.ok());
  CHECK(open->text == "[test");
  auto plain = ParseArmString("hello");
  REQUIRE(plain.ok());
  CHECK(plain->kind == Expr::Kind::String);
  CHECK(plain->text == "hello");
}

TEST_CASE("parse: errors carry an offset and never crash") {
  struct Case {
    std::string_view text;
    std::uint32_t offset;
  };
  for (auto c : {Case{"concat('a'", 10}, Case{"concat('a' 'b')", 11}, Case{"'unterminated", 0}, Case{"foo", 3},
                 Case{"a.b", 1}, Case{"1.5", 1}, Case{"x()[0", 5}, Case{"x().", 4}, Case{"", 0}, Case{"f(,)", 2},
                 Case{"f(1,)", 4}, Case{"f() g()", 4}, Case{"99999999999999999999", 0}, Case{")", 0}}) {
    CAPTURE(c.text);
    auto e = ParseArmExpression(c.text);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().offset == c.offset);
    CHECK_FALSE(e.error().message.empty());
  }
  auto in_string = ParseArmString("[concat(]");
  REQUIRE_FALSE(in_string.ok());
  CHECK(in_string.error().offset == 8);  // offsets count the leading '['
}

TEST_CASE("parse: nesting is bounded") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "f(";
  deep += "1";
  for (int i = 0; i < 100000; ++i) deep += ")";
  auto e = ParseArmExpression(deep);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message.find("nested too deeply") != std::string::npos);

  std::string index_chain = "x()";
  for (int i = 0; i < 5000; ++i) index_chain += "[0]";  // long chains are iterative, not deep
  CHECK(ParseArmExpression(index_chain).ok());

  std::string ok;
  for (int i = 0; i < 100; ++i) ok += "f(";
  ok += "1";
  for (int i = 0; i < 100; ++i) ok += ")";
  CHECK(ParseArmExpression(ok).ok());
}

TEST_CASE("parse: ParseArmValue turns a whole JSON value into one tree") {
  auto json = testing::J(R"({"a": "[parameters('p')]", "b": [1, true, null, "[[x]"], "[concat('k')]": 2.5,
                             "big": 18446744073709551615})");
  auto e = ParseArmValue(json);
  REQUIRE(e.ok());
  CHECK(FormatArmExpression(*e) ==
        "createObject('a', parameters('p'), 'b', createArray(1, true(), null(), '[x]'), concat('k'), json('2.5'), 'big', "
        "json('18446744073709551615'))");
  auto bad = ParseArmValue(testing::J(R"({"a": ["[concat(]"]})"));
  CHECK_FALSE(bad.ok());
}

// Every string in the official expected JSON that is an ARM expression must parse.
void CollectExpressions(const Json& v, std::vector<std::string>& out, int depth) {
  if (depth > 500) return;
  if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    if (IsArmExpressionString(s)) out.push_back(s);
  } else if (v.is_array()) {
    for (const auto& item : v) CollectExpressions(item, out, depth + 1);
  } else if (v.is_object()) {
    for (const auto& [key, item] : v.items()) {
      if (IsArmExpressionString(key)) out.push_back(key);
      CollectExpressions(item, out, depth + 1);
    }
  }
}

// The expected outputs: realworld MANIFEST.tsv rows (sample_path, expected_json), and the
// baselines' main.json / main.symbolicnames.json / bicepparam parameters.json of valid datasets
// (a dataset is invalid when its folder name contains "Invalid"; see MANIFEST.md).
auto ExpectedJsonFiles(const std::filesystem::path& root) -> std::vector<std::filesystem::path> {
  namespace fs = std::filesystem;
  std::vector<fs::path> out;
  fs::path manifest = root / "realworld" / "MANIFEST.tsv";
  if (std::ifstream in{manifest}; in) {
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> cols;
      std::stringstream ss{line};
      std::string col;
      while (std::getline(ss, col, '\t')) cols.push_back(col);
      if (cols.size() >= 3) out.push_back(root / "realworld" / cols[0] / cols[2]);
    }
  }
  fs::path baselines = root / "bicep-baselines";
  if (fs::exists(baselines)) {
    for (const auto& entry : fs::recursive_directory_iterator(baselines)) {
      if (!entry.is_regular_file()) continue;
      auto name = entry.path().filename().string();
      if (name != "main.json" && name != "main.symbolicnames.json" && name != "parameters.json") continue;
      auto folder = entry.path().parent_path().filename().string();
      if (folder.find("Invalid") != std::string::npos) continue;
      out.push_back(entry.path());
    }
  }
  return out;
}

TEST_CASE("corpus: every expression string in the expected JSON parses") {
  namespace fs = std::filesystem;
  fs::path root = fs::path{BICEPC_SHARED_DIR} / "corpus";
  if (!fs::exists(root)) {
    MESSAGE("skipped: ", root.string(), " is absent");
    return;
  }
  std::size_t files = 0;
  std::size_t expressions = 0;
  std::size_t failures = 0;
  std::size_t evaluated = 0;  // expressions that evaluate with only the default context
  auto context = EvalContext::WithDefaults();
  std::vector<std::string> samples;
  for (const auto& path : ExpectedJsonFiles(root)) {
    std::ifstream in{path};
    if (!in) continue;
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto json = Json::parse(buffer.str(), nullptr, false, true);
    if (json.is_discarded()) continue;
    ++files;
    std::vector<std::string> found;
    CollectExpressions(json, found, 0);
    for (const auto& s : found) {
      ++expressions;
      auto e = ParseArmString(s);
      if (!e) {
        ++failures;
        if (samples.size() < 10) {
          samples.push_back(path.string() + ": " + e.error().message + " @" + std::to_string(e.error().offset) +
                            ": " + s.substr(0, 200));
        }
      } else {
        auto value = Evaluate(*e, context);
        if (value) ++evaluated;
        // Round trip: printing and re-parsing gives the same text.
        auto printed = FormatArmExpression(*e);
        auto again = ParseArmExpression(printed);
        if (!again || FormatArmExpression(*again) != printed) {
          ++failures;
          if (samples.size() < 10) samples.push_back("round trip: " + s.substr(0, 200));
        }
      }
    }
  }
  MESSAGE("corpus: ", files, " JSON files, ", expressions, " expression strings, ", failures, " parse failures; ", evaluated,
          " evaluate to a value with the default context (the rest need parameters, variables or deployment state)");
  for (const auto& s : samples) MESSAGE(s);
  CHECK(files > 0);
  CHECK(failures == 0);
}

}  // namespace
}  // namespace bicepc::eval
