// Single-file example: Azure Cache for Redis with the security baseline (no
// non-TLS port, TLS 1.2, public network access disabled) and, for Premium
// caches, optional RDB persistence to a dedicated storage account. No modules
// and no loops.

@description('Deployment environment.')
@allowed([
  'dev'
  'staging'
  'production'
])
param environmentName string = 'dev'

@description('Short project name used in resource names.')
@minLength(3)
@maxLength(8)
param projectName string = 'webshop'

@description('Azure region for all resources.')
param location string = resourceGroup().location

@description('Team or person accountable for the resources.')
param owner string = 'platform-team@example.com'

@description('Cost center charged for the resources.')
param costCenter string = 'CC-1042'

@description('Redis tier; persistence needs Premium.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string = 'Basic'

@description('Size within the tier (C0-C6 for Basic/Standard, P1-P5 for Premium).')
@minValue(0)
@maxValue(6)
param capacity int = 0

@description('Storage connection string for RDB snapshots; empty = no persistence.')
@secure()
param persistenceStorageConnectionString string = ''

var isPremium = skuName == 'Premium'
var enablePersistence = isPremium && !empty(persistenceStorageConnectionString)

var tags = {
  Environment: environmentName
  Project: projectName
  Owner: owner
  CostCenter: costCenter
  ManagedBy: 'Bicep'
}

var baseConfiguration = {
  'maxmemory-policy': 'volatile-lru'
}

var persistenceConfiguration = {
  'maxmemory-policy': 'volatile-lru'
  'rdb-backup-enabled': 'true'
  'rdb-backup-frequency': '60'
  'rdb-backup-max-snapshot-count': '1'
  'rdb-storage-connection-string': persistenceStorageConnectionString
}

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-${projectName}-${environmentName}-${uniqueString(resourceGroup().id)}'
  location: location
  tags: tags
  zones: isPremium && environmentName == 'production' ? [
    '1'
    '2'
  ] : null
  properties: {
    sku: {
      name: skuName
      family: isPremium ? 'P' : 'C'
      capacity: capacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisVersion: '6'
    replicasPerPrimary: isPremium ? 1 : null
    redisConfiguration: enablePersistence ? persistenceConfiguration : baseConfiguration
  }
}

resource redisLock 'Microsoft.Authorization/locks@2020-05-01' = if (environmentName == 'production') {
  name: '${redis.name}-cannot-delete'
  scope: redis
  properties: {
    level: 'CanNotDelete'
    notes: 'Production cache with persisted data.'
  }
}

@description('Resource ID of the cache.')
output redisId string = redis.id

@description('Host name of the cache (reach it through a private endpoint).')
output hostName string = redis.properties.hostName

@description('TLS port of the cache.')
output sslPort int = redis.properties.sslPort
