// Argument counts of declared functions, decorators and az list*(); names that shadow functions.
func pair(a string, b string) string => '${a}${b}'
var v1 = pair('x')
@minLength()
@maxLength(1, 2)
param p1 string
@description()
@secure(1)
param p2 string
var v2 = az.listKeys('id')
var resourceGroup = 'rg'
var v3 = resourceGroup()
var v4 = v1()
output o array = [v1, v2, v3, v4, p1, p2]
