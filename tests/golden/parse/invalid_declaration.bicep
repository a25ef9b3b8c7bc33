foo bar
output value string = 'ok'
