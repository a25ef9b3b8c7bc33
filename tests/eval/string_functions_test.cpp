// String functions. Examples and outputs are from Microsoft Learn, "String functions for ARM
// templates" (learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string),
// whose sample templates live in Azure/azure-docs-json-samples (functions/string/*.json).
#include <doctest/doctest.h>

#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using testing::ErrorOf;
using testing::J;
using testing::Run;

TEST_CASE("base64 / base64ToString / base64ToJson (docs: base64)") {
  CHECK(Run("[base64('one, two, three')]") == "b25lLCB0d28sIHRocmVl");
  CHECK(Run("[base64ToString('b25lLCB0d28sIHRocmVl')]") == "one, two, three");
  // Newtonsoft reads single-quoted JSON: "{'one': 'a', 'two': 'b'}".
  CHECK(Run("[base64ToJson(base64('{''one'': ''a'', ''two'': ''b''}'))]") == J(R"({"one": "a", "two": "b"})"));
  CHECK(ErrorOf("[base64ToString('not base64!')]").find("cannot decode") != std::string::npos);
  CHECK(ErrorOf("[base64ToJson(base64('{oops'))]").find("cannot parse JSON") != std::string::npos);
  CHECK(ErrorOf("[base64(1)]").find("expects a string") != std::string::npos);
}

TEST_CASE("concat (docs: concat-string / concat-array)") {
  CHECK(Run("[concat('prefix', '-', 'abc')]") == "prefix-abc");
  CHECK(Run("[concat(createArray('1-1', '1-2', '1-3'), createArray('2-1', '2-2', '2-3'))]") ==
        J(R"(["1-1", "1-2", "1-3", "2-1", "2-2", "2-3"])"));
  CHECK(Run("[concat('a', 1, true(), null())]") == "a1True");
  CHECK(ErrorOf("[concat('a', createArray('b'))]").find("all arguments to be arrays") != std::string::npos);
  CHECK(ErrorOf("[concat()]").find("expects at least 1 argument") != std::string::npos);
}

TEST_CASE("contains: strings case-sensitive / object keys case-insensitive (docs: contains)") {
  CHECK(Run("[contains('OneTwoThree', 'e')]") == true);
  CHECK(Run("[contains('OneTwoThree', 'z')]") == false);
  CHECK(Run("[contains('OneTwoThree', 'one')]") == false);
  CHECK(Run("[contains(createObject('one', 'a', 'two', 'b', 'three', 'c'), 'one')]") == true);
  CHECK(Run("[contains(createObject('one', 'a', 'two', 'b', 'three', 'c'), 'a')]") == false);
  CHECK(Run("[contains(createObject('one', 'a'), 'ONE')]") == true);
  CHECK(Run("[contains(createArray('one', 'two', 'three'), 'one')]") == true);
  CHECK(Run("[contains(createArray('one', 'two', 'three'), 'four')]") == false);
  CHECK(Run("[contains(createArray(1, 2), 2)]") == true);
  CHECK(ErrorOf("[contains(1, 1)]").find("expects an array, an object or a string") != std::string::npos);
}

TEST_CASE("dataUri / dataUriToString (docs: datauri)") {
  CHECK(Run("[dataUri('Hello')]") == "data:text/plain;charset=utf8;base64,SGVsbG8=");
  CHECK(Run("[dataUriToString('data:;base64,SGVsbG8sIFdvcmxkIQ==')]") == "Hello, World!");
  CHECK(Run("[dataUriToString(dataUri('abc'))]") == "abc");
  CHECK(Run("[dataUriToString('data:text/plain,a%20b')]") == "a b");
  CHECK(ErrorOf("[dataUriToString('Hello')]").find("invalid data URI") != std::string::npos);
  CHECK(ErrorOf("[dataUriToString('data:text/plain;charset=latin1;base64,SGk=')]").find("unsupported charset") !=
        std::string::npos);
}

TEST_CASE("empty (docs: empty)") {
  CHECK(Run("[empty(createArray())]") == true);
  CHECK(Run("[empty(createObject())]") == true);
  CHECK(Run("[empty('')]") == true);
  CHECK(Run("[empty(null())]") == true);
  CHECK(Run("[empty('a')]") == false);
  CHECK(ErrorOf("[empty(1)]").find("expects an array, an object or a string") != std::string::npos);
}

TEST_CASE("startsWith / endsWith are case-insensitive (docs: startsendswith)") {
  CHECK(Run("[startsWith('abcdef', 'ab')]") == true);
  CHECK(Run("[startsWith('abcdef', 'A')]") == true);
  CHECK(Run("[startsWith('abcdef', 'e')]") == false);
  CHECK(Run("[endsWith('abcdef', 'ef')]") == true);
  CHECK(Run("[endsWith('abcdef', 'F')]") == true);
  CHECK(Run("[endsWith('abcdef', 'e')]") == false);
  CHECK(Run("[endsWith('a', 'abc')]") == false);
}

TEST_CASE("first / last on strings and arrays (docs: first / last)") {
  CHECK(Run("[first(createArray('one', 'two', 'three'))]") == "one");
  CHECK(Run("[first('One Two Three')]") == "O");
  CHECK(Run("[last(createArray('one', 'two', 'three'))]") == "three");
  CHECK(Run("[last('One Two Three')]") == "e");
  CHECK(Run("[first(createArray())]") == nullptr);
  CHECK(Run("[first('')]") == "");
}

TEST_CASE("format: .NET composite formatting (docs: format)") {
  CHECK(Run("[format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)]") ==
        "Hello, User. Formatted number: 8,175,133");
  CHECK(Run("[format('->{0}<-', 123)]") == "->123<-");
  CHECK(Run("[format('{{literal}} {0}', 'x')]") == "{literal} x");
  CHECK(Run("[format('{0} {0} {1}', 'a', true())]") == "a a True");
  CHECK(Run("[format('[{0,5}] [{0,-5}]', 'ab')]") == "[   ab] [ab   ]");
  CHECK(Run("[format('{0:D5} {0:X} {0:x4} {1:N2} {1:F1}', 255, 1234)]") == "00255 FF 00ff 1,234.00 1234.0");
  CHECK(Run("[format('{0:000.00}', 3)]") == "003.00");
  CHECK(Run("[format('{0:D3}', -7)]") == "-007");
  CHECK(Run("[format('{0}', createObject('a', 1))]") == "{'a':1}");
  CHECK(Run("[format('{0}', null())]") == "");
  CHECK(ErrorOf("[format('{1}', 'a')]").find("Index (zero based)") != std::string::npos);
  CHECK(ErrorOf("[format('{0', 'a')]").find("not in a correct format") != std::string::npos);
  CHECK(ErrorOf("[format('a}b')]").find("not in a correct format") != std::string::npos);
  CHECK(ErrorOf("[format(1)]").find("expects a string format") != std::string::npos);
}

TEST_CASE("indexOf / lastIndexOf are case-insensitive (docs: indexof)") {
  CHECK(Run("[indexOf('test', 't')]") == 0);
  CHECK(Run("[lastIndexOf('test', 't')]") == 3);
  CHECK(Run("[indexOf('abcdef', 'CD')]") == 2);
  CHECK(Run("[lastIndexOf('abcdef', 'AB')]") == 0);
  CHECK(Run("[indexOf('abcdef', 'z')]") == -1);
  CHECK(Run("[indexOf(createArray('a', 'b', 'a'), 'a')]") == 0);
  CHECK(Run("[lastIndexOf(createArray('a', 'b', 'a'), 'a')]") == 2);
  CHECK(Run("[indexOf(createArray(1, createArray(2)), createArray(2))]") == 1);
  CHECK(ErrorOf("[indexOf('abc', 1)]").find("expects a string") != std::string::npos);
}

TEST_CASE("join / split (docs: split)") {
  CHECK(Run("[split('one,two,three', ',')]") == J(R"(["one", "two", "three"])"));
  CHECK(Run("[split('one;two,three', createArray(',', ';'))]") == J(R"(["one", "two", "three"])"));
  CHECK(Run("[split('a,,b', ',')]") == J(R"(["a", "", "b"])"));
  CHECK(Run("[split('abc', '')]") == J(R"(["abc"])"));
  CHECK(Run("[join(createArray('abc', 'def', 'ghi'), '/')]") == "abc/def/ghi");
  CHECK(Run("[join(createArray(), '/')]") == "");
  CHECK(ErrorOf("[join('abc', '/')]").find("expects an array") != std::string::npos);
  CHECK(ErrorOf("[join(createArray(createArray()), '/')]").find("item 0") != std::string::npos);
}

TEST_CASE("length of strings counts UTF-16 code units (docs: length)") {
  CHECK(Run("[length('One Two Three')]") == 13);
  CHECK(Run("[length(createArray('one', 'two', 'three'))]") == 3);
  CHECK(Run("[length(createObject('propA', 'one', 'propB', 'two', 'propC', 'three', 'propD', createObject()))]") == 4);
  CHECK(Run("[length('h\xc3\xa9llo')]") == 5);        // é is one UTF-16 unit
  CHECK(Run("[length('\xf0\x9f\x98\x80')]") == 2);    // an emoji is a surrogate pair
  CHECK(Run("[length(null())]") == 0);
}

TEST_CASE("padLeft (docs: padleft)") {
  CHECK(Run("[padLeft('123', 10, '0')]") == "0000000123");
  CHECK(Run("[padLeft(13, 5)]") == "   13");
  CHECK(Run("[padLeft('abcdef', 3, '0')]") == "abcdef");
  CHECK(ErrorOf("[padLeft('1', 3, 'ab')]").find("single padding character") != std::string::npos);
  CHECK(ErrorOf("[padLeft('1', -1)]").find("out of range") != std::string::npos);
}

TEST_CASE("replace (docs: replace)") {
  CHECK(Run("[replace('123-123-1234', '-', '')]") == "1231231234");
  CHECK(Run("[replace('123-123-1234', '1234', 'xxxx')]") == "123-123-xxxx");
  CHECK(Run("[replace('aaa', 'a', 'aa')]") == "aaaaaa");
  CHECK(ErrorOf("[replace('abc', '', 'x')]").find("non-empty") != std::string::npos);
}

TEST_CASE("skip / take on strings and arrays (docs: skip / take)") {
  CHECK(Run("[skip(createArray('one', 'two', 'three'), 2)]") == J(R"(["three"])"));
  CHECK(Run("[skip('one two three', 4)]") == "two three");
  CHECK(Run("[take(createArray('one', 'two', 'three'), 2)]") == J(R"(["one", "two"])"));
  CHECK(Run("[take('one two three', 2)]") == "on");
  CHECK(Run("[take('abc', -1)]") == "");
  CHECK(Run("[skip('abc', -1)]") == "abc");
  CHECK(Run("[skip(createArray(1), 5)]") == J("[]"));
  CHECK(Run("[take(createArray(1, 2), 5)]") == J("[1, 2]"));
  CHECK(ErrorOf("[take('abc', '1')]").find("expects an integer") != std::string::npos);
}

TEST_CASE("string() (docs: string)") {
  CHECK(Run("[string(createObject('valueA', 10, 'valueB', 'Example Text'))]") == R"({"valueA":10,"valueB":"Example Text"})");
  CHECK(Run("[string(createArray('a', 'b', 'c'))]") == R"(["a","b","c"])");
  CHECK(Run("[string(5)]") == "5");
  CHECK(Run("[string(true())]") == "True");
  CHECK(Run("[string(null())]") == "");
  CHECK(Run("[string('asdf')]") == "asdf");
}

TEST_CASE("substring (docs: substring)") {
  CHECK(Run("[substring('one two three', 4, 3)]") == "two");
  CHECK(Run("[substring('asdfasf', 3)]") == "fasf");
  CHECK(Run("[substring('abc', 3)]") == "");
  // The documented failure: index 0, length 11 on a 10-character string.
  CHECK(ErrorOf("[substring('1234567890', 0, 11)]").find("must refer to a location within the string") != std::string::npos);
  CHECK(ErrorOf("[substring('abc', -1)]").find("greater than or equal to zero") != std::string::npos);
  CHECK(ErrorOf("[substring('abc', 4)]").find("exceeds the length") != std::string::npos);
  CHECK(ErrorOf("[substring('abc', 0, -1)]").find("greater than or equal to zero") != std::string::npos);
}

TEST_CASE("toLower / toUpper / trim (docs: tolower / trim)") {
  CHECK(Run("[toLower('One Two Three')]") == "one two three");
  CHECK(Run("[toUpper('One Two Three')]") == "ONE TWO THREE");
  CHECK(Run("[toUpper('stra\xc3\x9f" "e \xc3\xa9')]") == "STRA\xc3\x9f" "E \xc3\x89");  // ß has no 1:1 upper case
  CHECK(Run("[trim('    one two three   ')]") == "one two three");
  CHECK(Run("[trim('\t\n x \r')]") == "x");
}

TEST_CASE("uri / uriComponent / uriComponentToString (docs: uri)") {
  CHECK(Run("[uri('http://contoso.com/resources/', 'nested/azuredeploy.json')]") ==
        "http://contoso.com/resources/nested/azuredeploy.json");
  CHECK(Run("[uriComponent('http://contoso.com/resources/nested/azuredeploy.json')]") ==
        "http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json");
  CHECK(Run("[uriComponentToString('http%3A%2F%2Fcontoso.com%2Fresources%2Fnested%2Fazuredeploy.json')]") ==
        "http://contoso.com/resources/nested/azuredeploy.json");
  // The documented trailing-slash rules.
  CHECK(Run("[uri('http://contoso.org/firstpath', 'myscript.sh')]") == "http://contoso.org/myscript.sh");
  CHECK(Run("[uri('http://contoso.org/firstpath/', 'myscript.sh')]") == "http://contoso.org/firstpath/myscript.sh");
  CHECK(Run("[uri('http://contoso.org/firstpath/azuredeploy.json', 'myscript.sh')]") ==
        "http://contoso.org/firstpath/myscript.sh");
  CHECK(Run("[uri('http://contoso.org/firstpath/azuredeploy.json/', 'myscript.sh')]") ==
        "http://contoso.org/firstpath/azuredeploy.json/myscript.sh");
  CHECK(Run("[uri('https://github.com', 'Azure/bicep')]") == "https://github.com/Azure/bicep");
  CHECK(Run("[uri('https://a.com/x/y', '../z')]") == "https://a.com/z");
  CHECK(Run("[uri('https://a.com/x/y', '/abs')]") == "https://a.com/abs");
  CHECK(ErrorOf("[uri('not a uri', 'x')]").find("invalid absolute URI") != std::string::npos);
}

TEST_CASE("json (docs: object functions / json)") {
  CHECK(Run("[json('{\"a\": \"b\"}')]") == J(R"({"a": "b"})"));
  CHECK(Run("[json('\"test\"')]") == "test");
  CHECK(Run("[json('true')]") == true);
  CHECK(Run("[json('3')]") == 3);
  CHECK(Run("[json('[1,2,3]')]") == J("[1, 2, 3]"));
  CHECK(Run("[json(concat('{\"a\": \"', 'demo value', '\"}'))]") == J(R"({"a": "demo value"})"));
  CHECK(Run("[empty(json(null()))]") == true);
  CHECK(Run("[json('2.5')]") == 2.5);
  CHECK(ErrorOf("[json('{')]").find("not valid JSON") != std::string::npos);
}

}  // namespace
}  // namespace bicepc::eval
