// Private networking: one virtual network per environment with a subnet for
// App Service VNet integration, a delegated subnet for PostgreSQL Flexible
// Server, and a subnet for private endpoints (Redis). Private DNS zones make
// the private endpoints resolvable from the web app.

@description('Prefix for resource names, e.g. webshop-dev.')
param namePrefix string

@description('Azure region for the virtual network.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Address space of the virtual network; three /24 subnets are carved out of it.')
param addressPrefix string = '10.20.0.0/16'

var subnetDefinitions = [
  {
    name: 'snet-app'
    delegation: 'Microsoft.Web/serverFarms'
    serviceEndpoints: [
      {
        service: 'Microsoft.KeyVault'
      }
    ]
  }
  {
    name: 'snet-postgres'
    delegation: 'Microsoft.DBforPostgreSQL/flexibleServers'
    serviceEndpoints: []
  }
  {
    name: 'snet-private-endpoints'
    delegation: ''
    serviceEndpoints: []
  }
]

// Index 0 = Redis private endpoints (name fixed by the service); index 1 =
// PostgreSQL VNet integration (must end in .private.postgres.database.azure.com).
var privateDnsZoneNames = [
  'privatelink.redis.cache.windows.net'
  '${namePrefix}.private.postgres.database.azure.com'
]

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: 'vnet-${namePrefix}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [for (subnet, i) in subnetDefinitions: {
      name: subnet.name
      properties: {
        addressPrefix: cidrSubnet(addressPrefix, 24, i)
        privateEndpointNetworkPolicies: 'Disabled'
        serviceEndpoints: subnet.serviceEndpoints
        delegations: empty(subnet.delegation) ? [] : [
          {
            name: 'delegation'
            properties: {
              serviceName: subnet.delegation
            }
          }
        ]
      }
    }]
  }

  resource appSubnet 'subnets' existing = {
    name: 'snet-app'
  }

  resource postgresSubnet 'subnets' existing = {
    name: 'snet-postgres'
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: 'snet-private-endpoints'
  }
}

resource privateDnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zoneName in privateDnsZoneNames: {
  name: zoneName
  location: 'global'
  tags: tags
}]

resource vnetLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for i in range(0, length(privateDnsZoneNames)): {
  parent: privateDnsZones[i]
  name: 'link-${vnet.name}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]

@description('Resource ID of the virtual network.')
output vnetId string = vnet.id

@description('Subnet used for App Service regional VNet integration.')
output appSubnetId string = vnet::appSubnet.id

@description('Delegated subnet for PostgreSQL Flexible Server.')
output postgresSubnetId string = vnet::postgresSubnet.id

@description('Subnet for private endpoints.')
output privateEndpointSubnetId string = vnet::privateEndpointSubnet.id

@description('Private DNS zone for Redis private endpoints.')
output redisPrivateDnsZoneId string = privateDnsZones[0].id

@description('Private DNS zone for PostgreSQL VNet integration.')
output postgresPrivateDnsZoneId string = privateDnsZones[1].id
