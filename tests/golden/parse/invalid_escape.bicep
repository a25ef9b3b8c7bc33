var text = 'a\qb'
output value string = text
