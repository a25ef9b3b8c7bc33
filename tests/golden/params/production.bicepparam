// Every kind of value a parameters file computes at build time.
using 'main.bicep'

var project = 'platform'
param environment = readEnvironmentVariable('GOLDEN_ENVIRONMENT', 'dev')
param prefix = take('${project}-${substring(environment, 0, 4)}', 10)
param replicas = int(readEnvironmentVariable('GOLDEN_REPLICAS'))
param databasePassword = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg-platform', 'kv-platform', 'db-password')
param tags = {
  Environment: environment
  Project: project
  Owners: join(map(['api', 'web'], team => toUpper(team)), ',')
}
