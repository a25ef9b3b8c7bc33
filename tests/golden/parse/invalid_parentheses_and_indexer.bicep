var items = [
  1
]
var empty = items[]
var none = ()
var pair = (1, 2)
output all array = [empty, none, pair]
