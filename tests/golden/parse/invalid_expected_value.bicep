var x = *
output y string = x
