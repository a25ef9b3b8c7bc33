// functions and references only where ARM can evaluate them, literal items of the declared type
param location string = resourceGroup().location
param stamp string = utcNow()
var again = utcNow('u')
var id = newGuid()

var prefix = 'st'
param fromVariable string = prefix
resource account 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'acct'
}
param fromResource string = account.id

var provider = 'Storage'
resource interpolatedType 'Microsoft.${provider}/storageAccounts@2023-01-01' existing = {
  name: 'x'
}

@allowed([
  1
  'two'
  true
])
param count int

@allowed([
  'a'
  2
])
param letter string

resource dependent 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'dep'
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  dependsOn: [
    account
    'account'
    '${resourceGroup().name}account'
    true
  ]
}

type kindA = { kind: 'a' }
@discriminator('kind')
type selfMember = kindA | selfMember

output uses array = [stamp, again, id, fromVariable, fromResource, count, letter]
