// Operators and property accesses whose operand types are known from the syntax.
param replicas int = 2
param environment string = 'dev'

var settings = {
  tier: 'Standard'
  capacity: 1
}

var negated = !replicas
var sum = environment + replicas
var mixed = replicas && true
var typo = settings.tir
var missing = settings.region
var empty = {}.anything
var notObject = replicas.value

output summary string = '${negated}${sum}${mixed}${typo}${missing}${empty}${notObject}'
