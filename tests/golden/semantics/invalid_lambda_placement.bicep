// lambdas only as function arguments (parentheses allowed), and lambda variables that ARM cannot resolve late
param ids array

var asArgument = map([1, 2], i => i + 1)
var parenthesized = map([1, 2], (i => i * 2))
var ternary = map([1], true ? i => i : j => j)
var alone = i => i
var several = (a, b) => '${a}${b}'
var inObject = {
  f: x => x
}
var inArray = [
  x => x
]
var missingBody = x =>

resource accounts 'Microsoft.Storage/storageAccounts@2023-01-01' = [for i in range(0, 2): {
  name: 'acct${i}'
  location: 'westus'
  sku: {
    name: 'Standard_LRS'
  }
  kind: 'StorageV2'
}]

output names array = map(range(0, 2), i => accounts[i].name)
output offsets array = map(range(0, 2), j => accounts[(j + 1) % 2].properties.accessTier)
output nested array = map(range(0, 2), x => map(range(0, 2), y => accounts[x * y].id))
output constantIndex array = map(range(0, 2), x => accounts[0].name)
output keys array = map(ids, id => listKeys(id, '2023-01-01').keys[0].value)
output refs array = map(ids, r => reference(r).accessTier)
output plain array = map(ids, r => toUpper(r))
