var a = b
var b = a
