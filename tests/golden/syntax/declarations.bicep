metadata description = 'One of each top-level declaration.'

targetScope = 'resourceGroup'

@minValue(1)
param count int = 2

var names = [for i in range(0, count): 'item-${i}']

resource account 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'stexample'
}

output first string = names[0]
output id string = account.id
