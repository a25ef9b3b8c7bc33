@secure()
param password string
param plain string = ''
output ok bool = !empty(password) || !empty(plain)
