// Variables that reference each other: BCP080 at each reference of the cycle.
using 'main.bicep'

var first = '${second}-a'
var second = third
var third = first
param environment = 'dev'
param prefix = first
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
