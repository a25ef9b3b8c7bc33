// Logical, comparison and numeric functions (Microsoft Learn: template-functions-logical,
// -comparison, -numeric), lambdas (template-functions-lambda), deployment context and
// resource ids (template-functions-deployment, -resource), and error behaviour.
#include <doctest/doctest.h>

#include "tests/eval/eval_test_support.h"

namespace bicepc::eval {
namespace {

using testing::ErrorOf;
using testing::J;
using testing::Run;

TEST_CASE("and / or / not / if / bool (docs: logical functions)") {
  CHECK(Run("[and(bool('true'), bool('false'))]") == false);
  CHECK(Run("[or(bool('true'), bool('false'))]") == true);
  CHECK(Run("[not(bool('true'))]") == false);
  CHECK(Run("[and(true(), true(), true())]") == true);
  CHECK(Run("[bool('true')]") == true);
  CHECK(Run("[bool('False')]") == false);
  CHECK(Run("[bool(1)]") == true);
  CHECK(Run("[bool(0)]") == false);
  CHECK(Run("[if(equals('a', 'a'), 'yes', 'no')]") == "yes");
  CHECK(Run("[if(equals('a', 'b'), 'yes', 'no')]") == "no");
  // Only the chosen branch is evaluated.
  CHECK(Run("[if(true(), 1, div(1, 0))]") == 1);
  CHECK(Run("[or(true(), div(1, 0))]") == true);
  CHECK(Run("[and(false(), div(1, 0))]") == false);
  CHECK(ErrorOf("[if('true', 1, 2)]").find("boolean condition") != std::string::npos);
  CHECK(ErrorOf("[and(true(), 1)]").find("boolean arguments") != std::string::npos);
  CHECK(ErrorOf("[not(1)]").find("expects a boolean") != std::string::npos);
  CHECK(ErrorOf("[bool('yes')]").find("cannot convert") != std::string::npos);
  CHECK(ErrorOf("[and(true())]").find("expects at least 2 argument(s)") != std::string::npos);
}

TEST_CASE("equals and ordering comparisons (docs: comparison functions)") {
  CHECK(Run("[equals(1, 1)]") == true);
  CHECK(Run("[equals('a', 'a')]") == true);
  CHECK(Run("[equals('a', 'A')]") == false);
  CHECK(Run("[equals(createArray('a', 'b'), createArray('a', 'b'))]") == true);
  CHECK(Run("[equals(createObject('a', 'b'), createObject('a', 'b'))]") == true);
  CHECK(Run("[equals(createObject('a', 1, 'b', 2), createObject('b', 2, 'a', 1))]") == true);
  CHECK(Run("[equals(1, '1')]") == false);
  CHECK(Run("[not(equals(1, 2))]") == true);
  CHECK(Run("[less(10, 20)]") == true);
  CHECK(Run("[less('A', 'a')]") == false);  // docs: "A" is not less than "a"
  CHECK(Run("[lessOrEquals(10, 10)]") == true);
  CHECK(Run("[greater(10, 5)]") == true);
  CHECK(Run("[greater('A', 'a')]") == true);  // docs: greater('A', 'a') is True
  CHECK(Run("[greaterOrEquals(10, 5)]") == true);
  CHECK(Run("[greaterOrEquals('A', 'a')]") == true);
  CHECK(Run("[less('apple', 'Banana')]") == true);  // culture order, not ordinal
  CHECK(ErrorOf("[less(1, 'a')]").find("both arguments must be strings or both numbers") != std::string::npos);
  CHECK(ErrorOf("[greater(createArray(), 1)]").find("expects an integer or a string") != std::string::npos);
}

TEST_CASE("add / sub / mul / div / mod / int / float (docs: numeric functions)") {
  CHECK(Run("[add(5, 3)]") == 8);
  CHECK(Run("[sub(7, 3)]") == 4);
  CHECK(Run("[mul(5, 3)]") == 15);
  CHECK(Run("[div(8, 3)]") == 2);
  CHECK(Run("[mod(7, 3)]") == 1);
  CHECK(Run("[div(-7, 2)]") == -3);   // truncates toward zero
  CHECK(Run("[mod(-7, 2)]") == -1);   // sign of the dividend
  CHECK(Run("[int('4')]") == 4);
  CHECK(Run("[int(' -12 ')]") == -12);
  CHECK(Run("[float('2.5')]") == 2.5);
  CHECK(Run("[float(3)]") == 3.0);
  CHECK(Run("[add(9223372036854775806, 1)]") == INT64_MAX);
  CHECK(ErrorOf("[add(9223372036854775807, 1)]").find("overflowed") != std::string::npos);
  CHECK(ErrorOf("[sub(-9223372036854775808, 1)]").find("overflowed") != std::string::npos);
  CHECK(ErrorOf("[mul(4611686018427387904, 2)]").find("overflowed") != std::string::npos);
  CHECK(ErrorOf("[div(-9223372036854775808, -1)]").find("overflowed") != std::string::npos);
  CHECK(ErrorOf("[div(1, 0)]").find("divide by zero") != std::string::npos);
  CHECK(ErrorOf("[mod(1, 0)]").find("divide by zero") != std::string::npos);
  CHECK(ErrorOf("[add('1', 2)]").find("expects an integer") != std::string::npos);
  CHECK(ErrorOf("[int('1.5')]").find("cannot convert") != std::string::npos);
  CHECK(ErrorOf("[int('99999999999999999999')]").find("cannot convert") != std::string::npos);
  CHECK(ErrorOf("[add(1)]").find("expects 2 argument(s), but received 1") != std::string::npos);
}

TEST_CASE("lambdas: filter / map / reduce / sort / toObject / groupBy / mapValues (docs: lambda functions)") {
  auto context = EvalContext::WithDefaults();
  context.variables["dogs"] = J(R"([
    {"name": "Evie", "age": 5, "interests": ["Ball", "Frisbee"]},
    {"name": "Casper", "age": 3, "interests": ["Other dogs"]},
    {"name": "Indy", "age": 2, "interests": ["Butter"]},
    {"name": "Kira", "age": 8, "interests": ["Rubs"]}])");
  CHECK(Run("[filter(variables('dogs'), lambda('dog', greaterOrEquals(lambdaVariables('dog').age, 5)))]", context) ==
        J(R"([{"name":"Evie","age":5,"interests":["Ball","Frisbee"]},{"name":"Kira","age":8,"interests":["Rubs"]}])"));
  CHECK(Run("[filter(range(0, 10), lambda('i', equals(0, mod(lambdaVariables('i'), 2))))]") == J("[0, 2, 4, 6, 8]"));
  CHECK(Run("[filter(range(0, 10), lambda('i', greater(lambdaVariables('i'), 5)))]") == J("[6, 7, 8, 9]"));
  CHECK(Run("[map(variables('dogs'), lambda('dog', lambdaVariables('dog').name))]", context) ==
        J(R"(["Evie","Casper","Indy","Kira"])"));
  CHECK(Run("[map(variables('dogs'), lambda('dog', format('Hello {0}!', lambdaVariables('dog').name)))]", context) ==
        J(R"(["Hello Evie!","Hello Casper!","Hello Indy!","Hello Kira!"])"));
  CHECK(Run("[map(range(0, length(variables('dogs'))), lambda('i', createObject('i', lambdaVariables('i'), 'dog', "
            "variables('dogs')[lambdaVariables('i')].name, 'greeting', format('Ahoy, {0}!', "
            "variables('dogs')[lambdaVariables('i')].name))))]",
            context) == J(R"([{"i":0,"dog":"Evie","greeting":"Ahoy, Evie!"},{"i":1,"dog":"Casper","greeting":"Ahoy, Casper!"},
                             {"i":2,"dog":"Indy","greeting":"Ahoy, Indy!"},{"i":3,"dog":"Kira","greeting":"Ahoy, Kira!"}])"));
  CHECK(Run("[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 0, lambda('cur', 'next', "
            "add(lambdaVariables('cur'), lambdaVariables('next'))))]",
            context) == 18);
  CHECK(Run("[reduce(map(variables('dogs'), lambda('dog', lambdaVariables('dog').age)), 1, lambda('cur', 'next', "
            "add(lambdaVariables('cur'), lambdaVariables('next'))))]",
            context) == 19);
  CHECK(Run("[sort(variables('dogs'), lambda('a', 'b', less(lambdaVariables('a').age, lambdaVariables('b').age)))]",
            context) == J(R"([{"name":"Indy","age":2,"interests":["Butter"]},{"name":"Casper","age":3,"interests":["Other dogs"]},
                             {"name":"Evie","age":5,"interests":["Ball","Frisbee"]},{"name":"Kira","age":8,"interests":["Rubs"]}])"));
  CHECK(Run("[toObject(variables('dogs'), lambda('entry', lambdaVariables('entry').name), lambda('entry', "
            "lambdaVariables('entry').age))]",
            context) == J(R"({"Evie": 5, "Casper": 3, "Indy": 2, "Kira": 8})"));
  CHECK(Run("[toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')))]") == J(R"({"a": "a", "b": "b"})"));
  CHECK(Run("[groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))]") ==
        J(R"({"f": ["foo"], "b": ["bar", "baz"]})"));
  CHECK(Run("[mapValues(createObject('foo', 'foo'), lambda('val', toUpper(lambdaVariables('val'))))]") ==
        J(R"({"foo": "FOO"})"));
  // Index variables of filter/map/reduce.
  CHECK(Run("[map(createArray('a', 'b'), lambda('x', 'i', format('{0}{1}', lambdaVariables('x'), lambdaVariables('i'))))]") ==
        J(R"(["a0", "b1"])"));
  CHECK(Run("[reduce(createArray(5, 5), 0, lambda('acc', 'x', 'i', add(lambdaVariables('acc'), lambdaVariables('i'))))]") ==
        1);
  // Nested lambdas see the outer variables.
  CHECK(Run("[map(createArray(1, 2), lambda('x', map(createArray(10), lambda('y', add(lambdaVariables('x'), "
            "lambdaVariables('y'))))))]") == J("[[11], [12]]"));
  // sort is stable.
  CHECK(Run("[map(sort(createArray(createObject('k', 1, 'v', 'a'), createObject('k', 0, 'v', 'b'), createObject('k', 1, "
            "'v', 'c')), lambda('a', 'b', less(lambdaVariables('a').k, lambdaVariables('b').k))), lambda('x', "
            "lambdaVariables('x').v))]") == J(R"(["b", "a", "c"])"));
  CHECK(ErrorOf("[lambda('x', 1)]").find("can only be used") != std::string::npos);
  CHECK(ErrorOf("[filter(createArray(1), lambda('x', 1))]").find("must return a boolean") != std::string::npos);
  CHECK(ErrorOf("[filter(createArray(1), 'x')]").find("expects a lambda") != std::string::npos);
  CHECK(ErrorOf("[sort(createArray(1, 2), lambda('a', true()))]").find("must declare 2 variable(s)") != std::string::npos);
  CHECK(ErrorOf("[map(createArray(1), lambda('x', lambdaVariables('y')))]").find("'y' is not defined") != std::string::npos);
  CHECK(ErrorOf("[map('abc', lambda('x', 1))]").find("expects an array") != std::string::npos);
  CHECK(ErrorOf("[toObject(createArray(1), lambda('x', lambdaVariables('x')))]").find("must return a string") !=
        std::string::npos);
}

TEST_CASE("parameters / variables / user-defined functions and copyIndex") {
  auto context = EvalContext::WithDefaults();
  context.parameters["Location"] = "westeurope";
  context.variables["names"] = J(R"(["a", "b"])");
  context.functions["__bicep.double"] = UserFunction{{"x"}, ir::Expr::Call("mul", {ir::Expr::Call("parameters", {ir::Expr::Str("x")}), ir::Expr::Int("2")})};
  CHECK(Run("[parameters('location')]", context) == "westeurope");  // names are case-insensitive
  CHECK(Run("[variables('names')[1]]", context) == "b");
  CHECK(Run("[__bicep.double(21)]", context) == 42);
  CHECK(ErrorOf("[__bicep.double(1, 2)]", context).find("expects 1 argument(s)") != std::string::npos);
  CHECK(ErrorOf("[__bicep.nope()]", context).find("not defined") != std::string::npos);
  CHECK(ErrorOf("[parameters('missing')]", context).find("parameter 'missing' is not defined") != std::string::npos);
  CHECK(ErrorOf("[variables('missing')]", context).find("variable 'missing' is not defined") != std::string::npos);
  CHECK(ErrorOf("[copyIndex()]", context).find("inside a copy loop") != std::string::npos);
  context.copy_index = 3;
  context.named_copy_indices["loop"] = 7;
  CHECK(Run("[copyIndex()]", context) == 3);
  CHECK(Run("[copyIndex(1)]", context) == 4);
  CHECK(Run("[copyIndex('loop')]", context) == 7);
  CHECK(Run("[copyIndex('loop', 10)]", context) == 17);
}

TEST_CASE("deployment context functions with caller-set values") {
  auto context = EvalContext::WithDefaults();
  CHECK(Run("[subscription().subscriptionId]", context) == "00000000-0000-0000-0000-000000000000");
  CHECK(Run("[resourceGroup().location]", context) == "westus");
  CHECK(Run("[deployment().name]", context) == "deployment");
  CHECK(Run("[environment().name]", context) == "AzureCloud");
  CHECK(Run("[environment().suffixes.storage]", context) == "core.windows.net");
  CHECK(Run("[tenant().tenantId]", context) == "00000000-0000-0000-0000-000000000000");
  context.resource_group["name"] = "myRG";
  context.resource_group["location"] = "northeurope";
  CHECK(Run("[resourceGroup().name]", context) == "myRG");
  CHECK(Run("[resourceGroup().LOCATION]", context) == "northeurope");  // property names are case-insensitive
  CHECK(ErrorOf("[managementGroup()]", context).find("not available at the scope") != std::string::npos);
  CHECK(ErrorOf("[resourceGroup().nope]", context).find("available properties are") != std::string::npos);
}

TEST_CASE("resourceId family (docs: resource functions)") {
  auto context = EvalContext::WithDefaults();
  context.subscription["subscriptionId"] = "11111111-1111-1111-1111-111111111111";
  context.resource_group["name"] = "rg1";
  CHECK(Run("[resourceId('Microsoft.Storage/storageAccounts', 'st1')]", context) ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/st1");
  CHECK(Run("[resourceId('otherRG', 'Microsoft.Storage/storageAccounts', 'st1')]", context) ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/st1");
  CHECK(Run("[resourceId('sub2', 'rg2', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sn')]", context) ==
        "/subscriptions/sub2/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn");
  CHECK(Run("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet/sn')]", context) ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sn");
  CHECK(Run("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]", context) ==
        "/subscriptions/11111111-1111-1111-1111-111111111111/providers/Microsoft.Authorization/roleDefinitions/abc");
  CHECK(Run("[subscriptionResourceId('sub9', 'Microsoft.Resources/resourceGroups', 'rg')]", context) ==
        "/subscriptions/sub9/providers/Microsoft.Resources/resourceGroups/rg");
  CHECK(Run("[tenantResourceId('Microsoft.Management/managementGroups', 'mg1')]", context) ==
        "/providers/Microsoft.Management/managementGroups/mg1");
  CHECK(Run("[extensionResourceId('/subscriptions/s/resourceGroups/r', 'Microsoft.Authorization/locks', 'lock1')]",
            context) == "/subscriptions/s/resourceGroups/r/providers/Microsoft.Authorization/locks/lock1");
  CHECK(Run("[managementGroupResourceId('mg1', 'Microsoft.Authorization/policyDefinitions', 'p')]", context) ==
        "/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p");
  CHECK(ErrorOf("[resourceId('Microsoft.Storage/storageAccounts')]", context).find("requires 1 resource name") !=
        std::string::npos);
  CHECK(ErrorOf("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]", context)
            .find("requires 2 resource name") != std::string::npos);
  CHECK(ErrorOf("[resourceId('a', 'b', 'c', 'Microsoft.Storage/storageAccounts', 'x')]", context).find("at most 2") !=
        std::string::npos);
  CHECK(ErrorOf("[resourceId('noslash', 'x')]", context).find("fully qualified resource type") != std::string::npos);
}

TEST_CASE("deployment-time and non-deterministic functions are errors") {
  CHECK(ErrorOf("[newGuid()]").find("does not have a compile-time value") != std::string::npos);
  CHECK(ErrorOf("[utcNow()]").find("does not have a compile-time value") != std::string::npos);
  CHECK(ErrorOf("[reference('x')]").find("not available at compile time") != std::string::npos);
  CHECK(ErrorOf("[listKeys('x', '2020-01-01')]").find("not available at compile time") != std::string::npos);
  CHECK(ErrorOf("[listSecrets('x', '2020-01-01')]").find("not available at compile time") != std::string::npos);
  CHECK(ErrorOf("[notAFunction()]").find("not supported") != std::string::npos);
}

TEST_CASE("dateTimeAdd / dateTimeFromEpoch / dateTimeToEpoch (docs: date functions)") {
  CHECK(Run("[dateTimeAdd('2020-04-07 14:53:14Z', 'P3Y')]") == "2023-04-07T14:53:14Z");
  CHECK(Run("[dateTimeAdd('2020-04-07 14:53:14Z', '-P9D')]") == "2020-03-29T14:53:14Z");
  CHECK(Run("[dateTimeAdd('2020-04-07 14:53:14Z', 'PT1H')]") == "2020-04-07T15:53:14Z");
  CHECK(Run("[dateTimeAdd('2020-01-31T00:00:00Z', 'P1M')]") == "2020-02-29T00:00:00Z");
  CHECK(Run("[dateTimeAdd('2020-04-07T14:53:14Z', 'PT1H', 'yyyy-MM-dd HH:mm')]") == "2020-04-07 15:53");
  CHECK(Run("[dateTimeFromEpoch(1683040573)]") == "2023-05-02T15:16:13Z");
  CHECK(Run("[dateTimeToEpoch('2023-05-02T15:16:13Z')]") == 1683040573);
  CHECK(Run("[dateTimeToEpoch(dateTimeAdd('2023-05-02T15:16:13Z', 'P1Y'))]") == 1714662973);
  CHECK(ErrorOf("[dateTimeAdd('yesterday', 'P1D')]").find("cannot parse the date-time") != std::string::npos);
  CHECK(ErrorOf("[dateTimeAdd('2020-01-01', 'P')]").find("cannot parse the duration") != std::string::npos);
}

TEST_CASE("errors: indexing / property access / types / arity / ranges point at the node") {
  CHECK(ErrorOf("[createArray(1, 2)[2]]").find("out of bounds") != std::string::npos);
  CHECK(ErrorOf("[createArray(1, 2)[-1]]").find("out of bounds") != std::string::npos);
  CHECK(ErrorOf("[createArray(1, 2)['a']]").find("must be an integer") != std::string::npos);
  CHECK(ErrorOf("[createObject('a', 1)[0]]").find("must be a string") != std::string::npos);
  CHECK(ErrorOf("['abc'.length]").find("cannot be read from a value of type 'String'") != std::string::npos);
  CHECK(ErrorOf("[null().x]").find("type 'Null'") != std::string::npos);
  CHECK(ErrorOf("[toLower()]").find("expects 1 argument(s), but received 0") != std::string::npos);
  CHECK(ErrorOf("[substring('abc', 1, 2, 3)]").find("expects 2 to 3 argument(s)") != std::string::npos);

  // The error range is the offending node: here the second argument of add().
  auto parsed = ParseArmString("[add(1, 'two')]");
  REQUIRE(parsed.ok());
  auto result = Evaluate(*parsed, EvalContext::WithDefaults());
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().range.begin == 8);
  CHECK(result.error().range.end == 13);
  auto parsed2 = ParseArmString("[concat('a', parameters('p'))]");
  REQUIRE(parsed2.ok());
  auto result2 = Evaluate(*parsed2, EvalContext::WithDefaults());
  REQUIRE_FALSE(result2.ok());
  CHECK(result2.error().range.begin == 13);
  CHECK(result2.error().range.end == 28);
}

TEST_CASE("errors: evaluation depth is bounded") {
  // A deep IR tree built directly (the parser would reject it first).
  auto e = ir::Expr::Int("1");
  for (int i = 0; i < 5000; ++i) e = ir::Expr::Call("array", {std::move(e)});
  auto result = Evaluate(e, EvalContext::WithDefaults());
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("nested too deeply") != std::string::npos);
  // Self-recursive user functions stop at the bound too.
  auto context = EvalContext::WithDefaults();
  context.functions["ns.loop"] = UserFunction{{"x"}, ir::Expr::Call("ns.loop", {ir::Expr::Int("1")})};
  CHECK(ErrorOf("[ns.loop(1)]", context).find("nested too deeply") != std::string::npos);
}

TEST_CASE("errors: runaway growth and work are bounded") {
  CHECK(ErrorOf("[reduce(range(0, 100), 'ab', lambda('acc', 'x', concat(lambdaVariables('acc'), lambdaVariables('acc'))))]")
            .find("too large") != std::string::npos);
  CHECK(ErrorOf("[reduce(range(0, 100), createArray(1), lambda('acc', 'x', concat(lambdaVariables('acc'), "
                "lambdaVariables('acc'))))]")
            .find("too large") != std::string::npos);
  CHECK(ErrorOf("[map(range(0, 10000), lambda('x', map(range(0, 10000), lambda('y', 1))))]").find("too many evaluation steps") !=
        std::string::npos);
}

TEST_CASE("IR literals: Array and Object nodes evaluate / keys must be strings") {
  using ir::Expr;
  auto obj = Expr::Object({Expr::Str("a"), Expr::Int("1"), Expr::Call("concat", {Expr::Str("b"), Expr::Str("c")}),
                           Expr::Array({Expr::Bool(true), Expr::Null()})});
  auto v = Evaluate(obj, EvalContext::WithDefaults());
  REQUIRE(v.ok());
  CHECK(*v == J(R"({"a": 1, "bc": [true, null]})"));
  auto bad = Evaluate(Expr::Object({Expr::Int("1"), Expr::Int("2")}), EvalContext::WithDefaults());
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("must be a string") != std::string::npos);
  auto dup = Evaluate(Expr::Object({Expr::Str("a"), Expr::Int("1"), Expr::Str("A"), Expr::Int("2")}), EvalContext::WithDefaults());
  CHECK_FALSE(dup.ok());
  auto big = Evaluate(Expr::Int("99999999999999999999"), EvalContext::WithDefaults());
  CHECK_FALSE(big.ok());
}

}  // namespace
}  // namespace bicepc::eval
