output y string = 'a' 'b'
