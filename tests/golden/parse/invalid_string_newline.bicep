var greeting = 'hello
output value string = greeting
