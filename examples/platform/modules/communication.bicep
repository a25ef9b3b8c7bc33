// Azure Communication Services for transactional e-mail (order confirmations,
// password resets) sent from the environment's own domain. The domain is
// customer managed: dns.bicep publishes the verification, SPF, DKIM and DMARC
// records that this module reads back from the service.

@description('Prefix for resource names, e.g. webshop-dev.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Mail domain, normally the environment\'s DNS zone, e.g. webshop.example.com.')
param mailDomainName string

@description('Link the domain to Communication Services. Azure only accepts a verified domain, so the first deployment publishes the DNS records and a later one (after verification) links it.')
param linkDomain bool = false

@description('Where the service stores data at rest.')
@allowed([
  'Europe'
  'United States'
  'UK'
])
param dataLocation string = 'Europe'

resource emailService 'Microsoft.Communication/emailServices@2025-05-01' = {
  name: 'ecs-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource emailDomain 'Microsoft.Communication/emailServices/domains@2025-05-01' = {
  parent: emailService
  name: mailDomainName
  location: 'global'
  tags: tags
  properties: {
    domainManagement: 'CustomerManaged'
    userEngagementTracking: 'Disabled'
  }
}

resource communicationService 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: 'acs-${namePrefix}'
  location: 'global'
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    dataLocation: dataLocation
    linkedDomains: linkDomain ? [
      emailDomain.id
    ] : []
  }
}

@description('Resource ID of the Communication Services resource.')
output communicationServiceId string = communicationService.id

@description('Endpoint the backend uses (with its managed identity) to send mail.')
output endpoint string = 'https://${communicationService.properties.hostName}'

@description('DNS records Azure expects for the custom domain (Domain, SPF, DKIM, DKIM2, DMARC).')
output verificationRecords object = emailDomain.properties.verificationRecords
