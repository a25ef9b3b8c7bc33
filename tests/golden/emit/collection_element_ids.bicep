// A variable that reads only the identity (id, name, type, apiVersion) of collection elements is emitted,
// not inlined: it needs no runtime value.
resource ips 'Microsoft.Network/publicIPAddresses@2023-09-01' = [for i in range(0, 2): {
  name: 'ip-${i}'
  location: resourceGroup().location
}]

var ipConfigurations = [for i in range(0, 2): {
  name: 'ipconfig${i}'
  properties: {
    publicIPAddress: {
      id: ips[i].id
    }
  }
}]

output configs array = ipConfigurations
