// PostgreSQL Flexible Server with private access (VNet integration), TLS 1.2
// enforced through server parameters, the application database, and the
// connection URL stored in Key Vault for the web app.

@description('Globally unique server name.')
@minLength(3)
@maxLength(63)
param serverName string

@description('Azure region for the server.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Administrator login name.')
param administratorLogin string

@description('Administrator password; comes from Key Vault through the parameters file.')
@secure()
param administratorLoginPassword string

@description('Compute SKU, e.g. { name: \'Standard_B1ms\', tier: \'Burstable\' }.')
param sku object

@description('PostgreSQL major version.')
@allowed([
  '15'
  '16'
  '17'
])
param version string = '16'

@description('Allocated storage in GB.')
param storageSizeGB int = 32

@description('High availability mode; ZoneRedundant needs a GeneralPurpose or MemoryOptimized SKU.')
@allowed([
  'Disabled'
  'ZoneRedundant'
])
param highAvailabilityMode string = 'Disabled'

@description('Point-in-time restore window in days.')
@minValue(7)
@maxValue(35)
param backupRetentionDays int = 7

@description('Keep geo-redundant copies of the backups.')
param geoRedundantBackup bool = false

@description('Delegated subnet for VNet integration.')
param delegatedSubnetId string

@description('Private DNS zone linked to the virtual network.')
param privateDnsZoneId string

@description('Name of the application database.')
param databaseName string = 'app'

@description('Vault that receives the database-url secret.')
param keyVaultName string

@description('Put a CanNotDelete lock on the server (production).')
param enableDeleteLock bool = false

var serverParameters = {
  require_secure_transport: 'on'
  ssl_min_protocol_version: 'TLSv1.2'
  log_min_duration_statement: '1000'
}

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2025-08-01' = {
  name: serverName
  location: location
  tags: tags
  sku: sku
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorLoginPassword
    authConfig: {
      activeDirectoryAuth: 'Enabled'
      passwordAuth: 'Enabled'
      tenantId: subscription().tenantId
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: backupRetentionDays
      geoRedundantBackup: geoRedundantBackup ? 'Enabled' : 'Disabled'
    }
    highAvailability: {
      mode: highAvailabilityMode
    }
    network: {
      delegatedSubnetResourceId: delegatedSubnetId
      privateDnsZoneArmResourceId: privateDnsZoneId
      publicNetworkAccess: 'Disabled'
    }
    maintenanceWindow: {
      customWindow: 'Enabled'
      dayOfWeek: 0
      startHour: 2
      startMinute: 0
    }
  }
}

// Server parameters cannot be changed concurrently: apply them one at a time.
@batchSize(1)
resource configurations 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2025-08-01' = [for setting in items(serverParameters): {
  parent: server
  name: setting.key
  properties: {
    value: setting.value
    source: 'user-override'
  }
}]

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2025-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource databaseUrl 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'database-url'
  tags: tags
  properties: {
    contentType: 'text/plain'
    value: 'postgresql://${administratorLogin}:${uriComponent(administratorLoginPassword)}@${server.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=require'
  }
}

resource serverLock 'Microsoft.Authorization/locks@2020-05-01' = if (enableDeleteLock) {
  name: '${server.name}-cannot-delete'
  scope: server
  properties: {
    level: 'CanNotDelete'
    notes: 'Production database: remove this lock deliberately before deleting the server.'
  }
}

@description('Resource ID of the server.')
output id string = server.id

@description('Fully qualified domain name of the server.')
output fqdn string = server.properties.fullyQualifiedDomainName

@description('Key Vault reference for the DATABASE_URL app setting.')
output databaseUrlReference string = '@Microsoft.KeyVault(SecretUri=${databaseUrl.properties.secretUri})'
