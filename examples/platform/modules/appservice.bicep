// Linux App Service plan and the containerised FastAPI backend, with an
// optional "staging" deployment slot, VNet integration, Key Vault references
// resolved through the app's system-assigned identity. Autoscale lives in
// autoscale.bicep (production only).

@description('Prefix for resource names, e.g. webshop-prod.')
param namePrefix string

@description('Suffix that makes the web app host name globally unique.')
param uniqueSuffix string

@description('Azure region for the plan and the app.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Plan SKU, e.g. { name: \'P1v3\', tier: \'PremiumV3\', capacity: 2 }.')
param planSku object

@description('Spread plan instances across availability zones.')
param zoneRedundant bool = false

@description('Create the "staging" slot (needs Standard tier or higher).')
param deployStagingSlot bool = false

@description('Container image of the FastAPI backend, e.g. ghcr.io/acme/webshop-api:1.4.2.')
param containerImage string

@description('Subnet for regional VNet integration.')
param appSubnetId string

@description('Vault whose secrets the app reads through Key Vault references.')
param keyVaultName string

@description('Application settings (values may be Key Vault references).')
param appSettings object

@description('Origins allowed to call the API from a browser (the React frontend).')
param allowedCorsOrigins array

// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// Settings every environment needs; the caller's settings win on conflicts.
var defaultAppSettings = {
  WEBSITES_PORT: '8000'
  WEBSITES_ENABLE_APP_SERVICE_STORAGE: 'false'
}

var allAppSettings = union(defaultAppSettings, appSettings)

var appSettingsList = [for setting in items(allAppSettings): {
  name: setting.key
  value: setting.value
}]

var siteConfig = {
  linuxFxVersion: 'DOCKER|${containerImage}'
  alwaysOn: planSku.tier != 'Free'
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  remoteDebuggingEnabled: false
  healthCheckPath: '/healthz'
  vnetRouteAllEnabled: true
  appSettings: appSettingsList
  cors: {
    allowedOrigins: allowedCorsOrigins
    supportCredentials: false
  }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'asp-${namePrefix}'
  location: location
  tags: tags
  kind: 'linux'
  sku: planSku
  properties: {
    reserved: true
    zoneRedundant: zoneRedundant
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: 'app-${namePrefix}-${uniqueSuffix}'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    virtualNetworkSubnetId: appSubnetId
    siteConfig: siteConfig
  }

  resource logs 'config' = {
    name: 'logs'
    properties: {
      applicationLogs: {
        fileSystem: {
          level: 'Warning'
        }
      }
      httpLogs: {
        fileSystem: {
          enabled: true
          retentionInDays: 7
          retentionInMb: 35
        }
      }
    }
  }
}

resource stagingSlot 'Microsoft.Web/sites/slots@2025-03-01' = if (deployStagingSlot) {
  parent: site
  name: 'staging'
  location: location
  tags: tags
  kind: 'app,linux,container'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    virtualNetworkSubnetId: appSubnetId
    siteConfig: siteConfig
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource siteSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, site.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: site.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource slotSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (deployStagingSlot) {
  name: guid(vault.id, stagingSlot.id, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: stagingSlot.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Resource ID of the App Service plan.')
output planId string = plan.id

@description('Name of the App Service plan.')
output planName string = plan.name

@description('Resource ID of the web app.')
output siteId string = site.id

@description('Default host name of the web app.')
output defaultHostName string = site.properties.defaultHostName

@description('Principal ID of the web app\'s managed identity.')
output principalId string = site.identity.principalId
