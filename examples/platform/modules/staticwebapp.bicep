// Static Web App hosting the React frontend. The custom domain is attached in
// dns.bicep once its CNAME record exists.

@description('Prefix for resource names, e.g. webshop-dev.')
param namePrefix string

@description('Static Web Apps is only offered in a few regions.')
@allowed([
  'centralus'
  'eastus2'
  'eastasia'
  'westeurope'
  'westus2'
])
param location string

@description('Tags applied to every resource.')
param tags object

@description('Free for development, Standard for staging and production (SLA, private endpoints).')
@allowed([
  'Free'
  'Standard'
])
param skuName string = 'Free'

resource staticSite 'Microsoft.Web/staticSites@2025-03-01' = {
  name: 'stapp-${namePrefix}'
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  identity: {
    type: skuName == 'Standard' ? 'SystemAssigned' : 'None'
  }
  properties: {
    // Content is deployed by the CI pipeline with a deployment token, not
    // pulled from a repository, so no repositoryUrl / repositoryToken here.
    provider: 'None'
    stagingEnvironmentPolicy: 'Enabled'
    allowConfigFileUpdates: true
    enterpriseGradeCdnStatus: 'Disabled'
  }
}

@description('Name of the Static Web App.')
output name string = staticSite.name

@description('Resource ID of the Static Web App.')
output id string = staticSite.id

@description('Default host name, e.g. <random>.azurestaticapps.net.')
output defaultHostname string = staticSite.properties.defaultHostname
