// Array and object functions. Examples and outputs are from Microsoft Learn, "Array functions
// for ARM templates" (template-functions-array) and "Object functions for ARM templates"
// (template-functions-object).
#include <doctest/doctest.h>

#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using testing::ErrorOf;
using testing::J;
using testing::Run;

TEST_CASE("array / createArray / createObject (docs: array / createArray / createObject)") {
  CHECK(Run("[array(1)]") == J("[1]"));
  CHECK(Run("[array('efgh')]") == J(R"(["efgh"])"));
  CHECK(Run("[array(createObject('a', 'b', 'c', 'd'))]") == J(R"([{"a": "b", "c": "d"}])"));
  CHECK(Run("[array(createArray(1))]") == J("[1]"));
  CHECK(Run("[createArray('a', 'b', 'c')]") == J(R"(["a", "b", "c"])"));
  CHECK(Run("[createArray()]") == J("[]"));
  CHECK(Run("[createObject('intProp', 1, 'stringProp', 'abc', 'boolProp', true(), 'arrayProp', createArray('a', 'b', "
            "'c'), 'objectProp', createObject('key1', 'value1'))]") ==
        J(R"({"intProp": 1, "stringProp": "abc", "boolProp": true, "arrayProp": ["a", "b", "c"],
              "objectProp": {"key1": "value1"}})"));
  CHECK(Run("[createObject()]") == J("{}"));
  CHECK(ErrorOf("[createObject('a')]").find("even number") != std::string::npos);
  CHECK(ErrorOf("[createObject(1, 'a')]").find("string property name") != std::string::npos);
  CHECK(ErrorOf("[createObject('a', 1, 'A', 2)]").find("more than once") != std::string::npos);
}

TEST_CASE("coalesce (docs: comparison functions / coalesce)") {
  auto context = EvalContext::WithDefaults();
  context.parameters["objectToTest"] = J(R"({"null1": null, "null2": null, "string": "default", "int": 1,
                                             "object": {"first": "default"}, "array": [1]})");
  CHECK(Run("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, "
            "parameters('objectToTest').string)]",
            context) == "default");
  CHECK(Run("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2, parameters('objectToTest').int)]",
            context) == 1);
  CHECK(Run("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').array)]", context) == J("[1]"));
  CHECK(Run("[coalesce(parameters('objectToTest').null1, parameters('objectToTest').null2)]", context) == nullptr);
}

TEST_CASE("flatten / indexFromEnd / tryIndexFromEnd / tryGet / shallowMerge / objectKeys") {
  CHECK(Run("[flatten(createArray(createArray('one', 'two'), createArray('three'), createArray('four', 'five')))]") ==
        J(R"(["one", "two", "three", "four", "five"])"));
  CHECK(ErrorOf("[flatten(createArray(1))]").find("array of arrays") != std::string::npos);
  CHECK(Run("[indexFromEnd(createArray(1, 2, 3), 1)]") == 3);
  CHECK(Run("[indexFromEnd(createArray(1, 2, 3), 3)]") == 1);
  CHECK(ErrorOf("[indexFromEnd(createArray(1, 2, 3), 4)]").find("out of bounds") != std::string::npos);
  CHECK(Run("[tryIndexFromEnd(createArray(1, 2, 3), 4)]") == nullptr);
  CHECK(Run("[tryGet(createObject('key', 'value'), 'key')]") == "value");
  CHECK(Run("[tryGet(createArray('element'), 0)]") == "element");
  CHECK(Run("[tryGet(createObject(), 'property')]") == nullptr);
  CHECK(Run("[tryGet(null(), 'property')]") == nullptr);
  CHECK(Run("[tryGet('string', 'property')]") == nullptr);
  CHECK(Run("[tryGet(createArray(), 0)]") == nullptr);
  CHECK(Run("[tryGet(createObject('key', createObject('nestedKey', 'value')), 'key', 'nestedKey')]") == "value");
  CHECK(Run("[tryGet(createObject('key', createObject('nestedKey', 'value')), 'unknownKey', 'nestedKey')]") == nullptr);
  CHECK(Run("[tryGet(createObject('Key', 1), 'kEY')]") == 1);
  CHECK(Run("[shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b'), createObject('two', 'c')))]") ==
        J(R"({"one": "a", "two": "c"})"));
  // Docs (object functions, shallowMerge): nested objects are replaced, not merged.
  CHECK(Run("[shallowMerge(createArray(createObject('one', 'a', 'nested', createObject('a', 1, 'nested', createObject('c', "
            "3))), createObject('two', 'b', 'nested', createObject('b', 2))))]") ==
        J(R"({"one": "a", "nested": {"b": 2}, "two": "b"})"));
  CHECK(Run("[objectKeys(createObject('b', 1, 'a', 2))]") == J(R"(["b", "a"])"));
}

TEST_CASE("intersection (docs: intersection)") {
  CHECK(Run("[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', "
            "'three', 'c'))]") == J(R"({"one": "a", "three": "c"})"));
  CHECK(Run("[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]") ==
        J(R"(["two", "three"])"));
  CHECK(Run("[intersection(createArray(1, 2, 3), createArray(2, 3, 4))]") == J("[2, 3]"));
  CHECK(Run("[intersection(createArray(1, 1, 2), createArray(1, 2), createArray(2, 1))]") == J("[1, 2]"));
  CHECK(ErrorOf("[intersection(createArray(1), createObject())]").find("all arguments must be arrays or all objects") !=
        std::string::npos);
}

TEST_CASE("union / including the deep merge of nested objects (docs: union)") {
  CHECK(Run("[union(createObject('one', 'a', 'two', 'b', 'three', 'c1'), createObject('three', 'c2', 'four', 'd', 'five', "
            "'e'))]") == J(R"({"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"})"));
  CHECK(Run("[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]") ==
        J(R"(["one", "two", "three", "four"])"));
  auto context = EvalContext::WithDefaults();
  context.variables["firstObject"] = J(R"({"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]})");
  context.variables["secondObject"] = J(R"({"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})");
  context.variables["firstArray"] = J(R"([["one", "two"], ["three"]])");
  context.variables["secondArray"] = J(R"([["three"], ["four", "two"]])");
  CHECK(Run("[union(variables('firstObject'), variables('secondObject'))]", context) ==
        J(R"({"property":{"one":"a","two":"b","three":"c2","four":"d","five":"e"},"nestedArray":[3,4]})"));
  CHECK(Run("[union(variables('firstArray'), variables('secondArray'))]", context) ==
        J(R"([["one","two"],["three"],["four","two"]])"));
  // The lambda docs' reduce example.
  CHECK(Run("[reduce(createArray(createObject('foo', 123), createObject('bar', 456), createObject('baz', 789)), "
            "createObject(), lambda('cur', 'next', union(lambdaVariables('cur'), lambdaVariables('next'))))]") ==
        J(R"({"foo":123,"bar":456,"baz":789})"));
  CHECK(ErrorOf("[union(createArray(1), 'a')]").find("all arguments must be arrays or all objects") != std::string::npos);
}

TEST_CASE("items sorts by key (docs: items)") {
  auto context = EvalContext::WithDefaults();
  context.variables["entities"] = J(R"({"item002": {"enabled": false, "displayName": "Example item 2", "number": 200},
                                        "item001": {"enabled": true, "displayName": "Example item 1", "number": 300}})");
  CHECK(Run("[items(variables('entities'))]", context) ==
        J(R"([{"key": "item001", "value": {"enabled": true, "displayName": "Example item 1", "number": 300}},
              {"key": "item002", "value": {"enabled": false, "displayName": "Example item 2", "number": 200}}])"));
  CHECK(ErrorOf("[items(createArray())]").find("expects an object") != std::string::npos);
}

TEST_CASE("min / max / range (docs: numeric functions / array functions)") {
  CHECK(Run("[min(createArray(0, 3, 2, 5, 4))]") == 0);
  CHECK(Run("[min(0, 3, 2, 5, 4)]") == 0);
  CHECK(Run("[max(createArray(0, 3, 2, 5, 4))]") == 5);
  CHECK(Run("[max(0, 3, 2, 5, 4)]") == 5);
  CHECK(ErrorOf("[max(createArray())]").find("at least one value") != std::string::npos);
  CHECK(ErrorOf("[min('a', 1)]").find("expects integers") != std::string::npos);
  CHECK(Run("[range(1, 5)]") == J("[1, 2, 3, 4, 5]"));
  CHECK(Run("[range(0, 0)]") == J("[]"));
  CHECK(Run("[range(-2, 3)]") == J("[-2, -1, 0]"));
  CHECK(ErrorOf("[range(0, 10001)]").find("between 0 and 10000") != std::string::npos);
  CHECK(ErrorOf("[range(0, -1)]").find("between 0 and 10000") != std::string::npos);
  CHECK(ErrorOf("[range(2147483647, 2)]").find("must not exceed 2147483647") != std::string::npos);
  CHECK(Run("[length(range(2147483647, 1))]") == 1);
}

}  // namespace
}  // namespace bicepc::eval
