param name string = 'world'

var bracketed = '[not an expression]'
var greeting = 'Hello, ${name}! It\'s {braces}.'
var multiline = '''
line one
line two'''

output bracketed string = bracketed
output greeting string = greeting
output multiline string = multiline
