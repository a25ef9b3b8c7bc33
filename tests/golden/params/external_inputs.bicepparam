// Values known only at deployment: externalInput() definitions, numbered parameters first, then variables.
using 'main.bicep'

var fromCli = externalInput('sys.cli', 'environment')
param environment = fromCli
param prefix = 'app-${externalInput('sys.envVar', 'SUFFIX')}'
param replicas = 3
param databasePassword = az.getSecret('sub', 'rg', 'kv', externalInput('sys.cli', 'secret-name'))
