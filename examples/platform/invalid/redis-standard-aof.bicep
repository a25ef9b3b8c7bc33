// DELIBERATELY INVALID - do not deploy.
//
// The Redis cache exactly as the original production design described it:
// "Standard C1 with AOF persistence". The template compiles, but Azure rejects
// the deployment: data persistence (AOF or RDB) is a Premium-only feature.
// A policy checker should report 'aof-backup-enabled' on a non-Premium cache.
// Same case, through the full platform: redis-standard-aof.bicepparam.

@description('Azure region of the cache.')
param location string = resourceGroup().location

@description('Storage connection string that would receive the AOF files.')
@secure()
param aofStorageConnectionString string

resource redis 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-webshop-prod-${uniqueString(resourceGroup().id)}'
  location: location
  tags: {
    Environment: 'production'
    Project: 'webshop'
    Owner: 'platform-team@example.com'
    CostCenter: 'CC-1042'
    ManagedBy: 'Bicep'
  }
  properties: {
    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
    redisConfiguration: {
      'aof-backup-enabled': 'true'
      'aof-storage-connection-string-0': aofStorageConnectionString
    }
  }
}

output redisId string = redis.id
