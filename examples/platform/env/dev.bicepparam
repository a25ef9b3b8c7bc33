// Development: smallest SKUs, no deployment slot, no autoscale, no locks.
using '../main.bicep'

param environmentName = 'dev'
param projectName = 'webshop'
param owner = 'platform-team@example.com'
param costCenter = 'CC-1042'
param dnsZoneName = 'dev.webshop.example.com'
param containerImage = 'ghcr.io/acme/webshop-api:main'
param vnetAddressPrefix = '10.10.0.0/16'

param postgresAdminLogin = 'webshopadmin'
// The password lives in a bootstrap vault that exists before this deployment.
param postgresAdminPassword = az.getSecret('11111111-1111-1111-1111-111111111111', 'rg-webshop-bootstrap', 'kv-webshop-bootstrap', 'postgres-admin-dev')

param redisSkuName = 'Basic'
param redisCapacity = 0
param redisAofEnabled = false

// Fresh environment: publish the DNS records first, link after verification.
param emailDomainVerified = false

param alertEmailAddresses = [
  'platform-team@example.com'
]
param monthlyBudget = 150
param budgetStartDate = '2027-01-01'
