param p string = 'x'
