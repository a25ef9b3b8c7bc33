// prefix and databasePassword have no default: BCP258 on the using declaration.
using 'main.bicep'

param environment = 'dev'
