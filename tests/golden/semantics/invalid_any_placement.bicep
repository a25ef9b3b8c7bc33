// `any` values where ARM needs a resource.
resource zone 'Microsoft.Network/dnsZones@2018-05-01' = {
  name: 'zone'
  location: 'global'
  dependsOn: [
    any('s')
  ]
}
resource record 'Microsoft.Network/dnsZones/CNAME@2018-05-01' = {
  parent: any(zone)
  name: 'r'
}
resource lock 'Microsoft.Authorization/locks@2016-09-01' = {
  scope: sys.any(zone)
  name: 'l'
  properties: {
    level: 'CanNotDelete'
  }
}
