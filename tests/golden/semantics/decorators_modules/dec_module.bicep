output o string = 'x'
