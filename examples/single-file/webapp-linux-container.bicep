// Single-file example: the FastAPI backend as a Linux container on App
// Service, with Log Analytics + Application Insights, an optional "staging"
// slot, and secrets read through Key Vault references by the app's managed
// identity. No modules and no loops.

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

@description('Container image of the backend.')
param containerImage string = 'ghcr.io/acme/webshop-api:1.4.2'

@description('Name of the Key Vault that holds database-url and redis-url.')
param keyVaultName string

@description('Origin of the React frontend, allowed by CORS.')
param frontendOrigin string = 'https://www.webshop.example.com'

var isProduction = environmentName == 'production'
var namePrefix = '${projectName}-${environmentName}'
var deployStagingSlot = environmentName != 'dev'

var planSku = isProduction ? {
  name: 'P1v3'
  tier: 'PremiumV3'
  capacity: 2
} : {
  name: environmentName == 'staging' ? 'P0v3' : 'B1'
  tier: environmentName == 'staging' ? 'Premium0V3' : 'Basic'
  capacity: 1
}

var tags = {
  Environment: environmentName
  Project: projectName
  Owner: owner
  CostCenter: costCenter
  ManagedBy: 'Bicep'
}

var siteConfig = {
  linuxFxVersion: 'DOCKER|${containerImage}'
  alwaysOn: true
  http20Enabled: true
  minTlsVersion: '1.2'
  scmMinTlsVersion: '1.2'
  ftpsState: 'Disabled'
  remoteDebuggingEnabled: false
  healthCheckPath: '/healthz'
  cors: {
    allowedOrigins: [
      frontendOrigin
    ]
  }
  appSettings: [
    {
      name: 'WEBSITES_PORT'
      value: '8000'
    }
    {
      name: 'ENVIRONMENT'
      value: environmentName
    }
    {
      name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
      value: appInsights.properties.ConnectionString
    }
    {
      name: 'DATABASE_URL'
      value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=database-url)'
    }
    {
      name: 'REDIS_URL'
      value: '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=redis-url)'
    }
  ]
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${namePrefix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: isProduction ? 90 : 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
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
    zoneRedundant: isProduction
  }
}

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: 'app-${namePrefix}-${uniqueString(resourceGroup().id)}'
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
    siteConfig: siteConfig
  }
}

@description('URL of the backend.')
output url string = 'https://${site.properties.defaultHostName}'

@description('Principal ID to grant "Key Vault Secrets User" on the vault.')
output principalId string = site.identity.principalId
