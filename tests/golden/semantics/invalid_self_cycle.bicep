var x = x
