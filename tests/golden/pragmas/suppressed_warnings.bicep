resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sa'
  location: 'westus'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
#disable-next-line BCP037
    notAProperty: true
#disable-diagnostics BCP037
    alsoNotAProperty: 1
#restore-diagnostics BCP037
    reportedAgain: 2
  }
}
