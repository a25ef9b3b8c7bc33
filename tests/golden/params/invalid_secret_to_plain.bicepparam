// A Key Vault secret must never flow into a parameter that is not @secure().
using 'main.bicep'

param environment = 'dev'
param prefix = az.getSecret('s', 'rg', 'kv', 'not-a-secret-parameter')
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
