// decorators: names, where they may stand, and their arguments
var notAFunction = 'x'

@secure
@sys
@notAFunction
param uncalled string

@concat('a', 'b')
@sys.concat('a')
param notDecorators string

@allowed(['a'])
var allowedOnVariable = 'a'

@batchSize(1)
output batchOnOutput string = 'x'

@secure()
resource secureResource 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st'
}

@minLength(1)
@minLength(2)
param duplicates string

@maxLength(-1)
@minLength(-100)
param negativeLength string

@allowed([])
param emptyAllowed string

@description(concat('a', 'b'))
@allowed([
  'a${notAFunction}'
  toUpper('b')
])
@metadata({
  flag: !true
  count: -1
  list: [1, 2 + 3]
})
param notConstant string

@minValue(-5)
@maxValue(5)
param negativeIsConstant int

@
param missingName string

resource parent 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st2'

  @description('no resource follows')
}

resource parent2 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st3'

  @batchSize(2)
}

@batchSize(1)
param batchOnParam string

@minValue(1)
module minOnModule 'decorators_modules/dec_module.bicep' = {
  name: 'm'
}

@secure()
metadata secureMetadata = 'x'

@allowed(['a'])
type allowedOnType = string
