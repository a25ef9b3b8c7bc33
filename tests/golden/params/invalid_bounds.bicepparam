// Lengths and values outside the declared bounds (BCP332, BCP328), as the official compiler reports them.
using 'main.bicep'

param environment = 'dev'
param prefix = 'abcdefghijklmnop'
param replicas = 0
param databasePassword = az.getSecret('s', 'rg', 'kv', 'pw')
