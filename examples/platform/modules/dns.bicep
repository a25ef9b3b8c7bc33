// Public DNS zone of an environment: the records that let Azure Communication
// Services send mail for the domain (ownership TXT, SPF, DKIM, DMARC) and the
// www record of the React frontend, which is then bound to the Static Web App.

@description('DNS zone, e.g. webshop.example.com or dev.webshop.example.com.')
param zoneName string

@description('Tags applied to every resource.')
param tags object

@description('verificationRecords of the e-mail domain (see communication.bicep).')
param mailVerificationRecords object

@description('Mailbox that receives aggregate DMARC reports.')
param dmarcReportAddress string

@description('DMARC policy for mail that fails SPF/DKIM alignment.')
@allowed([
  'none'
  'quarantine'
  'reject'
])
param dmarcPolicy string = 'quarantine'

@description('Name of the Static Web App serving the frontend.')
param staticSiteName string

@description('Default host name of the Static Web App.')
param staticSiteHostname string

var ttl = 3600

var txtRecords = [
  {
    name: '@'
    records: [
      {
        value: [
          mailVerificationRecords.Domain.value
        ]
      }
      {
        value: [
          mailVerificationRecords.SPF.value
        ]
      }
    ]
  }
  {
    name: '_dmarc'
    records: [
      {
        value: [
          'v=DMARC1; p=${dmarcPolicy}; rua=mailto:${dmarcReportAddress}; adkim=s; aspf=s'
        ]
      }
    ]
  }
]

// Selector names are fixed by Azure Communication Services; the targets come
// from the e-mail domain.
var dkimRecords = [
  {
    name: 'selector1-azurecomm-prod-net._domainkey'
    target: mailVerificationRecords.DKIM.value
  }
  {
    name: 'selector2-azurecomm-prod-net._domainkey'
    target: mailVerificationRecords.DKIM2.value
  }
]

resource zone 'Microsoft.Network/dnsZones@2018-05-01' = {
  name: zoneName
  location: 'global'
  tags: tags
  properties: {
    zoneType: 'Public'
  }
}

resource txt 'Microsoft.Network/dnsZones/TXT@2018-05-01' = [for record in txtRecords: {
  parent: zone
  name: record.name
  properties: {
    TTL: ttl
    TXTRecords: record.records
  }
}]

resource dkim 'Microsoft.Network/dnsZones/CNAME@2018-05-01' = [for record in dkimRecords: {
  parent: zone
  name: record.name
  properties: {
    TTL: ttl
    CNAMERecord: {
      cname: record.target
    }
  }
}]

resource www 'Microsoft.Network/dnsZones/CNAME@2018-05-01' = {
  parent: zone
  name: 'www'
  properties: {
    TTL: ttl
    CNAMERecord: {
      cname: staticSiteHostname
    }
  }
}

resource staticSite 'Microsoft.Web/staticSites@2025-03-01' existing = {
  name: staticSiteName
}

// Validation looks the CNAME up, so the record must exist first.
resource frontendDomain 'Microsoft.Web/staticSites/customDomains@2025-03-01' = {
  parent: staticSite
  name: 'www.${zoneName}'
  properties: {
    validationMethod: 'cname-delegation'
  }
  dependsOn: [
    www
  ]
}

@description('Name servers to delegate the zone to.')
output nameServers array = zone.properties.nameServers

@description('Host name the frontend is served on.')
output frontendHostName string = frontendDomain.name
