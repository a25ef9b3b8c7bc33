// Production: zone-redundant PostgreSQL with 30-day backups, Premium Redis
// with AOF persistence, autoscale 2-10, CanNotDelete locks on data resources.
//
// The original design asked for "Standard C1 with AOF"; Azure only supports
// persistence on Premium, so production uses Premium P1. The rejected
// combination is kept in ../invalid/redis-standard-aof.bicepparam.
using '../main.bicep'

param environmentName = 'production'
param projectName = 'webshop'
param owner = 'platform-team@example.com'
param costCenter = 'CC-1042'
param dnsZoneName = 'webshop.example.com'
param containerImage = 'ghcr.io/acme/webshop-api:1.4.2'
param location = 'westeurope'
param staticWebAppLocation = 'westeurope'
param vnetAddressPrefix = '10.30.0.0/16'

param postgresAdminLogin = 'webshopadmin'
param postgresAdminPassword = az.getSecret('22222222-2222-2222-2222-222222222222', 'rg-webshop-prod-bootstrap', 'kv-webshop-prod-boot', 'postgres-admin-production')

param redisSkuName = 'Premium'
param redisCapacity = 1
param redisAofEnabled = true

// The mail domain has passed verification; link it to Communication Services.
param emailDomainVerified = true

param alertEmailAddresses = [
  'platform-team@example.com'
  'oncall@example.com'
]
param monthlyBudget = 2500
param budgetStartDate = '2027-01-01'
