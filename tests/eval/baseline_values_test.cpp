// Values computed by the official Bicep compiler: the bicepparam baseline "Expressions"
// (corpus/bicep-baselines/bicepparam/Expressions/parameters.bicepparam -> parameters.json).
// Each Bicep expression is written here as the ARM expression the official emitter produces
// for it (operators -> functions, lambdas -> lambda()/lambdaVariables(), interpolation ->
// format()); the evaluated value must equal the official parameters.json value.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using testing::Run;

struct Case {
  std::string_view key;
  std::string_view expression;
};

constexpr Case kMyObject[] = {
    {"any", "['foo']"},
    {"array", "[array(createArray())]"},
    {"base64ToString", "[base64ToString(base64('abc'))]"},
    {"base64ToJson", "[base64ToJson(base64('{\"hi\": \"there\"}')).hi]"},
    {"bool", "[bool(true())]"},
    {"concat", "[concat(createArray('abc'), createArray('def'))]"},
    {"contains", "[contains('foo/bar', '/')]"},
    {"dataUriToString", "[dataUriToString(dataUri('abc'))]"},
    {"dateTimeAdd", "[dateTimeAdd(dateTimeFromEpoch(1680224438), 'P1D')]"},
    {"dateTimeToEpoch", "[dateTimeToEpoch(dateTimeFromEpoch(1680224438))]"},
    {"empty", "[empty(createArray())]"},
    {"endsWith", "[endsWith('foo', 'o')]"},
    {"filter", "[filter(createArray(1, 2), lambda('i', less(lambdaVariables('i'), 2)))]"},
    {"first", "[first(createArray(124, 25))]"},
    {"flatten", "[flatten(createArray(createArray('abc'), createArray('def')))]"},
    {"format", "[format('->{0}<-', 123)]"},
    {"guid", "[guid('asdf')]"},
    {"indexOf", "[indexOf('abc', 'b')]"},
    {"int", "[int(123)]"},
    {"intersection", "[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]"},
    {"items", "[items(createObject('foo', 'abc', 'bar', 123))]"},
    {"join", "[join(createArray('abc', 'def', 'ghi'), '/')]"},
    {"last", "[last(createArray(1, 2))]"},
    {"lastIndexOf", "[lastIndexOf('abcba', 'b')]"},
    {"length", "[length(createArray(0, 1, 2))]"},
    {"map", "[map(range(0, 3), lambda('i', format('Hi {0}!', lambdaVariables('i'))))]"},
    {"max", "[max(1, 2, 3)]"},
    {"min", "[min(1, 2, 3)]"},
    {"padLeft", "[padLeft(13, 5)]"},
    {"range", "[range(0, 3)]"},
    {"reduce", "[reduce(createArray('a', 'b', 'c'), '', lambda('a', 'b', format('{0}-{1}', lambdaVariables('a'), "
               "lambdaVariables('b'))))]"},
    {"replace", "[replace('abc', 'b', '/')]"},
    {"skip", "[skip(createArray(1, 2, 3), 1)]"},
    {"sort", "[sort(createArray('c', 'd', 'a'), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"},
    {"split", "[split('a/b/c', '/')]"},
    {"startsWith", "[startsWith('abc', 'a')]"},
    {"string", "[string('asdf')]"},
    {"substring", "[substring('asdfasf', 3)]"},
    {"take", "[take(createArray(1, 2, 3), 2)]"},
    {"toLower", "[toLower('AiKInIniIN')]"},
    {"toObject", "[toObject(createArray('a', 'b', 'c'), lambda('x', lambdaVariables('x')), lambda('x', format('Hi {0}!', "
                 "lambdaVariables('x'))))]"},
    {"toUpper", "[toUpper('AiKInIniIN')]"},
    {"trim", "[trim('  adf asdf  ')]"},
    {"union", "[union(createObject('abc', 'def'), createObject('def', 'ghi'))]"},
    {"uniqueString", "[uniqueString('asd', 'asdf', 'asdf')]"},
    {"uri", "[uri('https://github.com', 'Azure/bicep')]"},
    {"uriComponent", "[uriComponent('UB*8h 0+=_)9h9n')]"},
    {"uriComponentToString", "[uriComponentToString('%20%25%20')]"},
};

constexpr std::string_view kMyArray[] = {
    "[if(true(), 'a', 'b')]", "[not(true())]",      "[add(123, 456)]",         "[sub(456, 123)]",
    "[mul(2, 3)]",            "[div(10, 2)]",       "[less(1, 2)]",            "[greater(1, 2)]",
    "[greaterOrEquals(1, 2)]", "[lessOrEquals(1, 2)]",
};

auto LoadExpected() -> std::optional<Json> {
  auto path = std::filesystem::path{BICEPC_SHARED_DIR} / "corpus/bicep-baselines/bicepparam/Expressions/parameters.json";
  std::ifstream in{path};
  if (!in) return std::nullopt;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return Json::parse(buffer.str());
}

TEST_CASE("official bicepparam baseline 'Expressions': evaluated values match parameters.json") {
  auto expected = LoadExpected();
  if (!expected) {
    MESSAGE("skipped: corpus/bicep-baselines/bicepparam/Expressions is absent");
    return;
  }
  const auto& my_object = (*expected)["parameters"]["myObject"]["value"];
  int checked = 0;
  for (const auto& c : kMyObject) {
    CAPTURE(c.key);
    CAPTURE(c.expression);
    REQUIRE(my_object.contains(std::string{c.key}));
    CHECK(Run(c.expression) == my_object[std::string{c.key}]);
    ++checked;
  }
  const auto& my_array = (*expected)["parameters"]["myArray"]["value"];
  REQUIRE(my_array.size() == std::size(kMyArray));
  for (std::size_t i = 0; i < std::size(kMyArray); ++i) {
    CAPTURE(kMyArray[i]);
    CHECK(Run(kMyArray[i]) == my_array[i]);
    ++checked;
  }
  // param myInt = sys.int(myBool ? 123 : 456), with myBool = true.
  auto context = EvalContext::WithDefaults();
  context.parameters["myBool"] = (*expected)["parameters"]["myBool"]["value"];
  CHECK(Run("[int(if(parameters('myBool'), 123, 456))]", context) == (*expected)["parameters"]["myInt"]["value"]);
  MESSAGE("compared ", checked + 1, " values with the official parameters.json");
}

TEST_CASE("official bicepparam baseline 'Variables': variables / lambdas and index arithmetic") {
  auto path = std::filesystem::path{BICEPC_SHARED_DIR} / "corpus/bicep-baselines/bicepparam/Variables/parameters.json";
  std::ifstream in{path};
  if (!in) {
    MESSAGE("skipped: corpus/bicep-baselines/bicepparam/Variables is absent");
    return;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto expected = Json::parse(buffer.str());
  // var abc = 'abc'; var def = { abc: toUpper(abc) }; var list = 'FOO,BAR,BAZ'
  auto context = EvalContext::WithDefaults();
  context.variables["abc"] = "abc";
  context.variables["def"] = Run("[createObject('abc', toUpper(variables('abc')))]", context);
  context.variables["list"] = "FOO,BAR,BAZ";
  // param fooObj = { def: def, ghi: 'ghi' }
  CHECK(Run("[createObject('def', variables('def'), 'ghi', 'ghi')]", context) == expected["parameters"]["fooObj"]["value"]);
  // param bar = join(map(range(0, 3), i => split(list, ',')[2 - i]), ',')
  CHECK(Run("[join(map(range(0, 3), lambda('i', split(variables('list'), ',')[sub(2, lambdaVariables('i'))])), ',')]",
            context) == expected["parameters"]["bar"]["value"]);
}

}  // namespace
}  // namespace bicepc::eval
