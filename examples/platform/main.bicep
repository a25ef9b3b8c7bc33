// Web shop platform: FastAPI backend on App Service (Linux container), React
// frontend on Static Web Apps, PostgreSQL Flexible Server, Azure Cache for
// Redis, Key Vault, monitoring, e-mail through Azure Communication Services
// and the environment's DNS zone. One resource group per environment:
//
//   az deployment group create -g rg-webshop-dev -p env/dev.bicepparam
//
// Environment differences live in `environmentSettings` below and in the
// parameters files under env/.

targetScope = 'resourceGroup'

@description('Deployment environment.')
@allowed([
  'dev'
  'staging'
  'production'
])
param environmentName string

@description('Short project name used in resource names (lowercase letters and digits).')
@minLength(3)
@maxLength(8)
param projectName string

@description('Azure region for regional resources.')
param location string = resourceGroup().location

@description('Region of the Static Web App (the service is offered in a few regions only).')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param staticWebAppLocation string = 'westeurope'

@description('Team or person accountable for the resources (tag Owner).')
param owner string

@description('Cost center charged for the resources (tag CostCenter).')
param costCenter string

@description('Public DNS zone of the environment; also the e-mail sender domain.')
param dnsZoneName string

@description('Container image of the FastAPI backend.')
param containerImage string

@description('Address space of the environment\'s virtual network.')
param vnetAddressPrefix string = '10.20.0.0/16'

@description('PostgreSQL administrator login.')
@minLength(1)
param postgresAdminLogin string

@description('PostgreSQL administrator password, read from the bootstrap Key Vault by the parameters file.')
@secure()
@minLength(16)
param postgresAdminPassword string

@description('Redis tier. Persistence (AOF) is only available on Premium.')
@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param redisSkuName string = 'Basic'

@description('Redis size within the tier (C0-C6 or P1-P5).')
@minValue(0)
@maxValue(6)
param redisCapacity int = 0

@description('Turn on append-only-file persistence for Redis.')
param redisAofEnabled bool = false

@description('Set once the e-mail domain shows as verified in Azure Communication Services.')
param emailDomainVerified bool = false

@description('Addresses notified by alerts and budget thresholds.')
param alertEmailAddresses array

@description('Monthly budget for the resource group.')
param monthlyBudget int

@description('First day of the first budget month, yyyy-MM-01.')
param budgetStartDate string

var isProduction = environmentName == 'production'

var environmentSettings = {
  dev: {
    shortName: 'dev'
    appServicePlanSku: {
      name: 'B1'
      tier: 'Basic'
      capacity: 1
    }
    deployStagingSlot: false
    postgresSku: {
      name: 'Standard_B1ms'
      tier: 'Burstable'
    }
    postgresStorageSizeGB: 32
    postgresHighAvailability: 'Disabled'
    postgresBackupRetentionDays: 7
    storageSku: 'Standard_LRS'
    staticWebAppSku: 'Free'
    logRetentionInDays: 30
    keyVaultSoftDeleteDays: 7
  }
  staging: {
    shortName: 'stg'
    appServicePlanSku: {
      name: 'P0v3'
      tier: 'Premium0V3'
      capacity: 1
    }
    deployStagingSlot: true
    postgresSku: {
      name: 'Standard_B2s'
      tier: 'Burstable'
    }
    postgresStorageSizeGB: 64
    postgresHighAvailability: 'Disabled'
    postgresBackupRetentionDays: 14
    storageSku: 'Standard_ZRS'
    staticWebAppSku: 'Standard'
    logRetentionInDays: 30
    keyVaultSoftDeleteDays: 30
  }
  production: {
    shortName: 'prod'
    appServicePlanSku: {
      name: 'P1v3'
      tier: 'PremiumV3'
      capacity: 2
    }
    deployStagingSlot: true
    postgresSku: {
      name: 'Standard_D2ds_v5'
      tier: 'GeneralPurpose'
    }
    postgresStorageSizeGB: 128
    postgresHighAvailability: 'ZoneRedundant'
    postgresBackupRetentionDays: 30
    storageSku: 'Standard_GZRS'
    staticWebAppSku: 'Standard'
    logRetentionInDays: 90
    keyVaultSoftDeleteDays: 90
  }
}

var settings = environmentSettings[environmentName]
var namePrefix = '${projectName}-${settings.shortName}'
var resourceToken = take(uniqueString(resourceGroup().id), 6)

var tags = {
  Environment: environmentName
  Project: projectName
  Owner: owner
  CostCenter: costCenter
  ManagedBy: 'Bicep'
}

module monitoring 'modules/monitoring.bicep' = {
  name: '${deployment().name}-monitoring'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    retentionInDays: settings.logRetentionInDays
  }
}

module network 'modules/network.bicep' = {
  name: '${deployment().name}-network'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    addressPrefix: vnetAddressPrefix
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: '${deployment().name}-keyvault'
  params: {
    name: 'kv-${projectName}-${settings.shortName}-${resourceToken}'
    location: location
    tags: tags
    softDeleteRetentionInDays: settings.keyVaultSoftDeleteDays
    allowedSubnetIds: [
      network.outputs.appSubnetId
    ]
    enableDeleteLock: isProduction
  }
}

module storage 'modules/storage.bicep' = {
  name: '${deployment().name}-storage'
  params: {
    name: 'st${projectName}${settings.shortName}${resourceToken}'
    location: location
    tags: tags
    skuName: settings.storageSku
    backupRetentionDays: isProduction ? 90 : 30
    enableDeleteLock: isProduction
  }
}

module postgres 'modules/postgres.bicep' = {
  name: '${deployment().name}-postgres'
  params: {
    serverName: 'psql-${namePrefix}-${resourceToken}'
    location: location
    tags: tags
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    sku: settings.postgresSku
    storageSizeGB: settings.postgresStorageSizeGB
    highAvailabilityMode: settings.postgresHighAvailability
    backupRetentionDays: settings.postgresBackupRetentionDays
    geoRedundantBackup: isProduction
    delegatedSubnetId: network.outputs.postgresSubnetId
    privateDnsZoneId: network.outputs.postgresPrivateDnsZoneId
    keyVaultName: keyVault.outputs.name
    enableDeleteLock: isProduction
  }
}

module redis 'modules/redis.bicep' = {
  name: '${deployment().name}-redis'
  params: {
    name: 'redis-${namePrefix}-${resourceToken}'
    location: location
    tags: tags
    skuName: redisSkuName
    capacity: redisCapacity
    aofEnabled: redisAofEnabled
    backupStorageAccountName: storage.outputs.name
    privateEndpointSubnetId: network.outputs.privateEndpointSubnetId
    privateDnsZoneId: network.outputs.redisPrivateDnsZoneId
    keyVaultName: keyVault.outputs.name
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: '${deployment().name}-frontend'
  params: {
    namePrefix: namePrefix
    location: staticWebAppLocation
    tags: tags
    skuName: settings.staticWebAppSku
  }
}

module communication 'modules/communication.bicep' = {
  name: '${deployment().name}-communication'
  params: {
    namePrefix: namePrefix
    tags: tags
    mailDomainName: dnsZoneName
    linkDomain: emailDomainVerified
  }
}

module appService 'modules/appservice.bicep' = {
  name: '${deployment().name}-backend'
  params: {
    namePrefix: namePrefix
    uniqueSuffix: resourceToken
    location: location
    tags: tags
    planSku: settings.appServicePlanSku
    zoneRedundant: isProduction
    deployStagingSlot: settings.deployStagingSlot
    containerImage: containerImage
    appSubnetId: network.outputs.appSubnetId
    keyVaultName: keyVault.outputs.name
    allowedCorsOrigins: [
      'https://${staticWebApp.outputs.defaultHostname}'
      'https://www.${dnsZoneName}'
    ]
    appSettings: {
      ENVIRONMENT: environmentName
      DATABASE_URL: postgres.outputs.databaseUrlReference
      REDIS_URL: redis.outputs.redisUrlReference
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      ACS_ENDPOINT: communication.outputs.endpoint
      MAIL_SENDER: 'DoNotReply@${dnsZoneName}'
    }
  }
}

module autoscale 'modules/autoscale.bicep' = if (isProduction) {
  name: '${deployment().name}-autoscale'
  params: {
    planName: appService.outputs.planName
    location: location
    tags: tags
    minInstances: 2
    maxInstances: 10
  }
}

module dns 'modules/dns.bicep' = {
  name: '${deployment().name}-dns'
  params: {
    zoneName: dnsZoneName
    tags: tags
    mailVerificationRecords: communication.outputs.verificationRecords
    dmarcReportAddress: 'dmarc-reports@${dnsZoneName}'
    dmarcPolicy: isProduction ? 'reject' : 'quarantine'
    staticSiteName: staticWebApp.outputs.name
    staticSiteHostname: staticWebApp.outputs.defaultHostname
  }
}

module alerts 'modules/alerts.bicep' = {
  name: '${deployment().name}-alerts'
  params: {
    namePrefix: namePrefix
    tags: tags
    alertEmailAddresses: alertEmailAddresses
    siteId: appService.outputs.siteId
    planId: appService.outputs.planId
    postgresServerId: postgres.outputs.id
    redisId: redis.outputs.id
    monthlyBudget: monthlyBudget
    budgetStartDate: budgetStartDate
  }
}

@description('URL of the backend API.')
output backendUrl string = 'https://${appService.outputs.defaultHostName}'

@description('URL of the React frontend on its custom domain.')
output frontendUrl string = 'https://${dns.outputs.frontendHostName}'

@description('Name servers to configure at the registrar for the DNS zone.')
output nameServers array = dns.outputs.nameServers

@description('Name of the Key Vault that holds the application secrets.')
output keyVaultName string = keyVault.outputs.name
