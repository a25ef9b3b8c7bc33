// Storage account for backups: Redis AOF persistence files (written by the
// cache itself), PostgreSQL logical exports and application backups. TLS 1.2, HTTPS only, no anonymous blob access, soft delete
// and a lifecycle policy that moves old backups to the cool tier.

@description('Globally unique storage account name (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region for the account.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
])
param skuName string = 'Standard_LRS'

@description('Days after which backup blobs are deleted.')
@minValue(7)
param backupRetentionDays int = 30

@description('Put a CanNotDelete lock on the account (production).')
param enableDeleteLock bool = false

var containerNames = [
  'postgres-exports'
  'app-backups'
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
  }
  kind: 'StorageV2'
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // Redis AOF persistence authenticates to the account with a key-based
    // connection string, so shared key access stays enabled.
    allowSharedKeyAccess: true
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      services: {
        blob: {
          enabled: true
        }
      }
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: 14
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: 14
      }
    }

    resource containers 'containers' = [for containerName in containerNames: {
      name: containerName
      properties: {
        publicAccess: 'None'
      }
    }]
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'age-out-backups'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [for containerName in containerNames: '${containerName}/']
            }
            actions: {
              baseBlob: {
                tierToCool: {
                  daysAfterModificationGreaterThan: 7
                }
                delete: {
                  daysAfterModificationGreaterThan: backupRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

resource accountLock 'Microsoft.Authorization/locks@2020-05-01' = if (enableDeleteLock) {
  name: '${account.name}-cannot-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'Production backups: remove this lock deliberately before deleting the account.'
  }
}

@description('Name of the storage account.')
output name string = account.name

@description('Resource ID of the storage account.')
output id string = account.id
