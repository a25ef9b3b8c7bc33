using 'main.bicep'

param environment = 'dev'
param prefix = 'app'
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
param location = 'westeurope'
