// Built-in function arguments whose type follows from the syntax (BCP070), as officially.
var lower = toLower(123)
var upper = toUpper([123])
var ends = endsWith('foo', [])
var fromEpoch = dateTimeFromEpoch('adfasdf')
var keys = items('not an object')
// The wrong number of arguments is only BCP071.
var twoArgs = toLower(123, 4)
// Overloads: the first one every argument fits wins; else the mismatch at the largest argument
// index is reported, or BCP048 when every overload fails at the same argument.
var overloaded = contains('foo/bar', 'bar')
var containsObject = contains('foo/bar', {})
var concatMixed = concat(['abc'], {foo: 'bar'})
var concatObject = concat({}, {})
var indexOfInt = indexOf(1, 'a')
var maxString = max(1, 2, '3')
var splitFolded = split('a/b/c', 1 + 2)
var flattenObject = flatten({foo: 'bar'})
var encoding = loadTextContent('file.txt', 'windows-1250')
var nestedCall = toLower(range(0, 2))
var lambdaExpected = filter([1, 2], 'not a lambda')
var lambdaGiven = toLower(x => x)
var unknownTypes = contains(lower, upper)
var interpolated = loadTextContent('file.txt', '${lower}')
