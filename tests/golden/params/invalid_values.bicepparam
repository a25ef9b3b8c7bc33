// Type, @allowed, length and range violations, each at its value.
using 'main.bicep'

param environment = 'test'
param prefix = 'ab'
param replicas = 11
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
param tags = 'not an object'
param enableHttpsOnly = 'yes'
