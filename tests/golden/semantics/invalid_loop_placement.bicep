// Where for-expressions may stand (the official ForSyntaxValidatorVisitor).
param names array = ['a']
var key = 'k'
resource vnets 'Microsoft.Network/virtualNetworks@2023-04-01' = [for n in names: {
  name: n
  location: 'westus'
  properties: {
    subnets: [for s in range(0, 2): {
      name: 's${s}'
    }]
  }
}]
resource v2 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'x'
  location: 'westus'
  properties: {
    subnets: [for s in range(0, 2): {
      name: 's${s}'
      properties: {
        addressPrefixes: [for t in range(0, 1): '10.0.${t}.0/24']
      }
    }]
  }
  tags: {
    '${key}': [for w in range(0, 1): 'w']
    b: string(concat([for q in range(0, 1): q], []))
  }
  dependsOn: [
    vnets
  ]
}
var v = {
  a: [for i in range(0, 2): i]
}
output o array = [for i in range(0, 2): [for j in range(0, 2): j]]
output ids array = [for i in range(0, 1): vnets]
output all array = vnets
resource parentLoop 'Microsoft.Network/virtualNetworks@2023-04-01' = [for i in range(0, 2): {
  name: 'p${i}'
  location: 'westus'
  resource child 'subnets' = {
    name: 'c'
  }
}]
