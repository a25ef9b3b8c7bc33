// Built-in function arguments whose type follows from the syntax (BCP070), as officially.
var lower = toLower(123)
var upper = toUpper([123])
var ends = endsWith('foo', [])
var fromEpoch = dateTimeFromEpoch('adfasdf')
var keys = items('not an object')
// The wrong number of arguments is only BCP071; overloaded functions are not checked here.
var twoArgs = toLower(123, 4)
var overloaded = contains('foo/bar', 'bar')

