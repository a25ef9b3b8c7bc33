using 'broken.bicep'

param name = 'x'
