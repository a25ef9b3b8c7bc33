@description('The name prefix.')
@minLength(3)
param prefix string = 'app'

@allowed([
  1
  2
])
param count int = 1

var fullName = '${prefix}-${count}'

output name string = fullName
output doubled int = count * 2
