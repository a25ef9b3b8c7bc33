// Values that must be known when the deployment starts, read from a resource's runtime state.
param location string = resourceGroup().location

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-golden'
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

var vaultUri = vault.properties.vaultUri

resource store 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: vaultUri
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}

resource conditional 'Microsoft.Storage/storageAccounts@2023-01-01' = if (vault.properties.enableSoftDelete) {
  name: 'stconditional'
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}

resource looped 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, length(vault.properties.accessPolicies)): {
  name: 'st${i}'
  location: location
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}]

var keys = [for i in range(0, 2): store.listKeys().keys[i].value]

var blob = reference(vault.properties.vaultUri)

output keyCount int = length(keys)
output blobValue object = blob
