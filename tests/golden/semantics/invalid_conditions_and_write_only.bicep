// conditions are booleans; write-only properties cannot be read (BCP418 for extension references needs an
// extension namespace: the InvalidExtensions ratchet checks it)
param flag bool
module m 'decorators_modules/dec_module.bicep' = {
  name: 'm'
}
resource st 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st'
}
resource unknownType 'Microsoft.Foo/foos@2020-02-02-alpha' existing = {
  name: 'foo'
}
resource conditional 'Microsoft.Storage/storageAccounts@2023-01-01' existing = if (1) {
  name: 'st2'
}
resource filtered 'Microsoft.Storage/storageAccounts@2023-01-01' existing = [for i in range(0, 2): if ('yes') {
  name: 'st${i}'
}]
var ternary = null ? 1 : 2
var nested = flag ? (3 ? 'a' : 'b') : 'c'
var outer = (null ? 1 : 2) ? 'x' : 'y'
var fine = flag ? 1 : 2
output params object = m.params
output moduleScope object = m.scope
output moduleDependsOn array = m.dependsOn
output dependsOn array = st.dependsOn
output scope string = unknownType.scope

