// externalInput() arguments must be compile-time constants.
using none

var kind = 'sys.cli'
param a = externalInput(kind, 'name')
param b = externalInput('sys.cli', {
  name: toLower('NAME')
})
