// Key Vault holding the application's secrets (database URL, Redis URL).
// Access is granted with Azure RBAC: the web app module assigns
// "Key Vault Secrets User" to the app's managed identity. The firewall only
// admits the App Service integration subnet (service endpoint) and trusted
// Azure services (ARM writes the secrets through that path).

@description('Globally unique vault name (3-24 characters).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region for the vault.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Days a deleted vault or secret stays recoverable.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Subnets (with the Microsoft.KeyVault service endpoint) allowed through the vault firewall.')
param allowedSubnetIds array = []

@description('Put a CanNotDelete lock on the vault (production).')
param enableDeleteLock bool = false

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
      virtualNetworkRules: [for subnetId in allowedSubnetIds: {
        id: subnetId
        ignoreMissingVnetServiceEndpoint: false
      }]
    }
  }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = if (enableDeleteLock) {
  name: '${vault.name}-cannot-delete'
  scope: vault
  properties: {
    level: 'CanNotDelete'
    notes: 'Production secrets: remove this lock deliberately before deleting the vault.'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Resource ID of the vault.')
output id string = vault.id

@description('Vault URI used to build Key Vault references.')
output uri string = vault.properties.vaultUri
