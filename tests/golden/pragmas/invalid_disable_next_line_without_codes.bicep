#disable-next-line
param unused string = 'x'

#disable-next-line BCP037
resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sa'
  location: 'westus'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
}
