// languageVersion 2.0 (forced here by a typed variable): symbolic resource names, existing
// resources, reference() by symbolic name, symbolic dependsOn, safe access on conditional resources.
param deployVault bool = true
param names string[] = [
  'one'
  'two'
]

var prefix string = 'app'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: '${prefix}-identity'
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (deployVault) {
  name: '${prefix}-kv'
  location: resourceGroup().location
  properties: {
    tenantId: identity.properties.tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}

resource accounts 'Microsoft.Storage/storageAccounts@2023-05-01' = [for (name, i) in names: {
  name: '${prefix}${name}'
  location: resourceGroup().location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  tags: {
    identityId: identity.id
  }
}]

resource secondContainer 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: accounts[1]
  name: 'default'
}

output vaultUri string? = vault.?properties.vaultUri
output firstEndpoint string = accounts[0].properties.primaryEndpoints.blob
output secondKey string = accounts[1].listKeys().keys[0].value
