// Resources and modules the deployment would create twice (BCP121, BCP122), as officially.
var storageName = 'stgolden'
var settings = {
  name: storageName
}

// The same type (any API version) and literal name, also through variables and top-level body values.
resource first 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stgolden'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
resource second 'Microsoft.Storage/storageAccounts@2022-09-01' = {
  name: storageName
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
resource third 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: settings.name
  location: first.location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
// Children of one parent with the same name, and a conditional duplicate (not deployed for sure).
resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: first
  name: 'default'
}
resource blobsAgain 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: first
  name: 'default'
}
param deployExtra bool = false
resource maybe 'Microsoft.Storage/storageAccounts@2023-01-01' = if (deployExtra) {
  name: 'stgolden'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
// A name only known at deployment is never a duplicate.
resource computed 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: uniqueString(resourceGroup().id)
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}

// Modules: the same deployment name at the same scope.
module deployA 'duplicate_names_modules/empty.bicep' = {
  name: 'deploy'
}
module deployB 'duplicate_names_modules/empty.bicep' = {
  name: 'deploy'
  scope: resourceGroup()
}
module otherGroup 'duplicate_names_modules/empty.bicep' = {
  name: 'deploy'
  scope: resourceGroup('other')
}
