// resourceInput<> / resourceOutput<> arguments, and where a resource-derived type may stand
type bare = resourceInput
type none = resourceOutput<>
type two = resourceInput<'a', 'b'>
type noComma = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01' 'x'>
type number = resourceInput<42>
type noVersion = resourceInput<'Microsoft.Storage/storageAccounts'>
type badVersion = resourceOutput<'Microsoft.Storage/storageAccounts@latest'>
type scheme = resourceInput<'nope:Microsoft.Storage/storageAccounts@2023-01-01'>
type emptyScheme = resourceInput<':Microsoft.Storage/storageAccounts@2023-01-01'>
type interpolated = resourceInput<'Microsoft.${'Storage'}/storageAccounts@2023-01-01'>
type call = resourceInput<resourceGroup()>
type wholeBody = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>
type nullableBody = resourceOutput<'Microsoft.Storage/storageAccounts@2023-01-01'>?
type dereferenced = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties
type parenthesized = (resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>)

param body resourceInput<'Microsoft.KeyVault/vaults@2022-07-01'>

resource badScheme 'other:Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'x'
}

@sealed()
type sealedDerived = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>

type holder = {
  @discriminator('kind')
  prop: resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>
}

// parenthesized types hold exactly one type
type emptyParens = ()
type pair = (string, int)

// decorators on references to declared types
type name = string
type names = string[]
type wrapper = { inner: { value: int } }

@minLength(1)
param aliasLength name
@maxLength(3)
param aliasArray names?
@allowed(['a'])
param aliasAllowed name
@secure()
param aliasSecure name
@minValue(0)
param aliasValue wrapper.inner.value

@sealed()
type openObject = {
  a: string
  *: int
}
@sealed()
type closedObject = {
  a: string
}
