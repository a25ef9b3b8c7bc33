#madeup-directive
output value string = 'ok'
