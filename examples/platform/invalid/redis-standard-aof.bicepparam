// DELIBERATELY INVALID - do not deploy.
//
// This is the production configuration as first specified: Redis "Standard
// C1 with AOF persistence". It compiles (every value has the right type), but
// Azure rejects it at deployment time because data persistence (AOF or RDB)
// is only available on the Premium tier. bicepc's policy checker is expected
// to flag redisConfiguration 'aof-backup-enabled' on a non-Premium cache here.
// See ../env/production.bicepparam for the corrected configuration.
using '../main.bicep'

param environmentName = 'production'
param projectName = 'webshop'
param owner = 'platform-team@example.com'
param costCenter = 'CC-1042'
param dnsZoneName = 'webshop.example.com'
param containerImage = 'ghcr.io/acme/webshop-api:1.4.2'
param vnetAddressPrefix = '10.30.0.0/16'

param postgresAdminLogin = 'webshopadmin'
param postgresAdminPassword = az.getSecret('22222222-2222-2222-2222-222222222222', 'rg-webshop-prod-bootstrap', 'kv-webshop-prod-boot', 'postgres-admin-production')

param redisSkuName = 'Standard'
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
