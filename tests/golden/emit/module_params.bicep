// Module parameters: loops become a `copy` named value, getSecret() a Key Vault reference, and ARM
// JSON modules are embedded as they are.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'shared-kv'
}

module child 'module_params_modules/child.bicep' = {
  name: 'child'
  params: {
    items: [for i in range(0, 3): 'item-${i}']
    secret: vault.getSecret('admin-password')
  }
}

module arm 'module_params_modules/arm.json' = {
  name: 'arm'
  params: {
    greeting: 'hello'
  }
}

var childName = nameof(child)

output echo string = arm.outputs.echo
