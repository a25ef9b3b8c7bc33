// Values that fail when evaluated: BCP338 for a parameter, BCP352 for a variable.
using 'main.bicep'

var zero = 0
var ratio = 10 / zero
param environment = 'dev'
param prefix = 'app'
param replicas = int('three')
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
param tags = {
  ratio: ratio
}
