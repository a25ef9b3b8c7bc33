// A Key Vault secret reference (getSecret) only as the direct value of a @secure() module parameter (BCP180).
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-golden'
}
param useFirst bool = true

module allowed 'secret_placement_modules/secrets.bicep' = {
  name: 'allowed'
  params: {
    password: useFirst ? vault.getSecret('first') : vault.getSecret('second')
  }
}
module notSecure 'secret_placement_modules/secrets.bicep' = {
  name: 'notSecure'
  params: {
    password: '${vault.getSecret('first')}'
    plain: vault.getSecret('first')
  }
}
var inVariable = vault.getSecret('first')
output inOutput string = vault.getSecret('first')
