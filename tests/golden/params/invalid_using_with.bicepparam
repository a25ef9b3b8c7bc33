// `using ... with` needs the experimental feature deployCommands.
using 'main.bicep' with {
  mode: 'stack'
}

param environment = 'dev'
param prefix = 'app'
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
