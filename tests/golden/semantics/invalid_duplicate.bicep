var dup = 'a'
var dup = 'b'
