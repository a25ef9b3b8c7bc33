// Single-file example: backup storage account and application Key Vault with
// the platform's security baseline (TLS 1.2, HTTPS only, no anonymous blob
// access, soft delete + purge protection, RBAC) and production delete locks.
// No modules and no loops: only params, vars, resources, child resources,
// conditions and outputs.

@description('Deployment environment.')
@allowed([
  'dev'
  'staging'
  'production'
])
param environmentName string = 'dev'

@description('Short project name used in resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(8)
param projectName string = 'webshop'

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Team or person accountable for the resources.')
param owner string = 'platform-team@example.com'

@description('Cost center charged for the resources.')
param costCenter string = 'CC-1042'

@description('Initial value of the database-url secret (postgresql://...).')
@secure()
param databaseUrl string

var isProduction = environmentName == 'production'
var suffix = take(uniqueString(resourceGroup().id), 6)
var shortNames = {
  dev: 'dev'
  staging: 'stg'
  production: 'prod'
}
var storageAccountName = 'st${projectName}${shortNames[environmentName]}${suffix}'
var keyVaultName = 'kv-${projectName}-${shortNames[environmentName]}-${suffix}'

var tags = {
  Environment: environmentName
  Project: projectName
  Owner: owner
  CostCenter: costCenter
  ManagedBy: 'Bicep'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: storageAccountName
  location: location
  tags: tags
  sku: {
    name: isProduction ? 'Standard_GZRS' : 'Standard_LRS'
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: isProduction ? 30 : 7
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: isProduction ? 30 : 7
      }
    }

    resource backupsContainer 'containers' = {
      name: 'postgres-exports'
      properties: {
        publicAccess: 'None'
      }
    }
  }
}

resource keyVault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: keyVaultName
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
    softDeleteRetentionInDays: isProduction ? 90 : 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: keyVault
  name: 'database-url'
  tags: tags
  properties: {
    contentType: 'text/plain'
    value: databaseUrl
  }
}

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = if (isProduction) {
  name: '${storageAccountName}-cannot-delete'
  scope: storageAccount
  properties: {
    level: 'CanNotDelete'
    notes: 'Production backups.'
  }
}

resource keyVaultLock 'Microsoft.Authorization/locks@2020-05-01' = if (isProduction) {
  name: '${keyVaultName}-cannot-delete'
  scope: keyVault
  properties: {
    level: 'CanNotDelete'
    notes: 'Production secrets.'
  }
}

@description('Resource ID of the backup storage account.')
output storageAccountId string = storageAccount.id

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.name

@description('URI of the database-url secret, for a Key Vault reference.')
output databaseUrlSecretUri string = databaseUrlSecret.properties.secretUri
