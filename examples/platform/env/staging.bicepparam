// Staging: production-like topology (slot, private networking) at lower SKUs.
using '../main.bicep'

param environmentName = 'staging'
param projectName = 'webshop'
param owner = 'platform-team@example.com'
param costCenter = 'CC-1042'
param dnsZoneName = 'staging.webshop.example.com'
param containerImage = 'ghcr.io/acme/webshop-api:1.4.2'
param vnetAddressPrefix = '10.20.0.0/16'

param postgresAdminLogin = 'webshopadmin'
param postgresAdminPassword = az.getSecret('11111111-1111-1111-1111-111111111111', 'rg-webshop-bootstrap', 'kv-webshop-bootstrap', 'postgres-admin-staging')

// Standard gives a replica (SLA) but no persistence.
param redisSkuName = 'Standard'
param redisCapacity = 1
param redisAofEnabled = false

// The mail domain has passed verification; link it to Communication Services.
param emailDomainVerified = true

param alertEmailAddresses = [
  'platform-team@example.com'
]
param monthlyBudget = 400
param budgetStartDate = '2027-01-01'
