// Azure Cache for Redis reachable only through a private endpoint: no non-TLS
// port, TLS 1.2, public network access disabled. AOF persistence is switched
// on by the caller (production); Azure only accepts it on the Premium tier.

@description('Globally unique cache name.')
param name string

@description('Azure region for the cache.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Pricing tier.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Basic'

@description('Cache size: 0-6 for Basic/Standard (C0-C6), 1-5 for Premium (P1-P5).')
@minValue(0)
@maxValue(6)
param capacity int = 0

@description('Enable append-only-file persistence to the backup storage account.')
param aofEnabled bool = false

@description('Storage account that receives AOF files when persistence is on.')
param backupStorageAccountName string

@description('Subnet for the private endpoint.')
param privateEndpointSubnetId string

@description('Private DNS zone privatelink.redis.cache.windows.net.')
param privateDnsZoneId string

@description('Vault that receives the redis-url secret.')
param keyVaultName string

var baseConfiguration = {
  'maxmemory-policy': 'volatile-lru'
}

resource backupStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: backupStorageAccountName
}

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    sku: {
      name: skuName
      family: skuName == 'Premium' ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisVersion: '6'
    redisConfiguration: aofEnabled ? union(baseConfiguration, {
      'aof-backup-enabled': 'true'
      'aof-storage-connection-string-0': 'DefaultEndpointsProtocol=https;AccountName=${backupStorage.name};AccountKey=${backupStorage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
    }) : baseConfiguration
  }
}

resource privateEndpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: 'pe-${name}'
  location: location
  tags: tags
  properties: {
    subnet: {
      id: privateEndpointSubnetId
    }
    privateLinkServiceConnections: [
      {
        name: 'redisCache'
        properties: {
          privateLinkServiceId: redis.id
          groupIds: [
            'redisCache'
          ]
        }
      }
    ]
  }

  resource dnsZoneGroup 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'redis'
          properties: {
            privateDnsZoneId: privateDnsZoneId
          }
        }
      ]
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource redisUrl 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'redis-url'
  tags: tags
  properties: {
    contentType: 'text/plain'
    value: 'rediss://:${redis.listKeys().primaryKey}@${redis.properties.hostName}:${redis.properties.sslPort}/0'
  }
}

@description('Resource ID of the cache.')
output id string = redis.id

@description('Host name of the cache (resolves to the private endpoint inside the VNet).')
output hostName string = redis.properties.hostName

@description('Key Vault reference for the REDIS_URL app setting.')
output redisUrlReference string = '@Microsoft.KeyVault(SecretUri=${redisUrl.properties.secretUri})'
