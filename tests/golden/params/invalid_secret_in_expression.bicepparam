// getSecret() is only allowed as a whole value: it cannot be part of a string.
using 'main.bicep'

param environment = 'dev'
param prefix = 'app'
param databasePassword = 'prefix-${az.getSecret('s', 'rg', 'kv', 'pw')}'
