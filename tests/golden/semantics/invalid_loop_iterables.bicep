// loops go over arrays
var notAnArray = true
var count = 3
var name = 'abc'
var items = [1, 2]

var overBool = [for x in notAnArray: x]
var overInt = [for x in count: x]
var overString = [for (x, i) in name: i]
var overLiteral = [for x in null: x]
var fine = [for x in items: x]

module loopedModule 'decorators_modules/dec_module.bicep' = [for x in notAnArray: {
  name: 'm${x}'
}]

output all array = [overBool, overInt, overString, overLiteral, fine]
