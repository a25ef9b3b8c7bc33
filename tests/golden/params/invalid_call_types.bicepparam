// A call that fails to evaluate (BCP338) is also typed by its declared return type (BCP033 when it
// does not fit the parameter); an argument of the wrong type (BCP070) stops both.
using 'main.bicep'

param environment = 'dev'
param prefix = 'app'
param replicas = toLower(base64ToString('@@'))
param databasePassword = contains('foo/bar', {})
param tags = any('not an object')
param enableHttpsOnly = int('not a number')
