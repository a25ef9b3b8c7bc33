// The environment variable is not set and has no default.
using 'main.bicep'

param environment = readEnvironmentVariable('GOLDEN_NOT_SET')
param prefix = 'app'
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
