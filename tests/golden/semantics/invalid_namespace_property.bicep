// Namespaces have no value properties.
var x = sys.az
var y = az.foo
output o array = [x, y]
