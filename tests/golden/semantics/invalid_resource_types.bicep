// Resource type strings: <namespace>/<type>[/<child>]@<api version>.
resource r1 'ddd' = {
  name: 'a'
}
resource r2 'Microsoft.Storage/storageAccounts' = {
  name: 'b'
}
resource r3 'Microsoft.Storage/storageAccounts@' = {
  name: 'c'
}
resource r4 'Microsoft.Resources/templateSpecs@20' = {
  name: 'd'
}
resource r5 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: 'e'
  location: 'westus'
  resource child 'subnets' = {
    name: 'f'
  }
}
