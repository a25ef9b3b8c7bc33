var a = 'what\'s ${
var b = 'what\'s ${up
var c = 'what\'s ${up}
var d = 'what\'s ${'up
var e = 'done' 'x
var f = 'x${a}y${b}z
