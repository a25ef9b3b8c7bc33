// A module without a name (languageVersion 2.0) gets the official generated deployment name.
param regions string[] = [
  'westeurope'
]

module single 'v2_modules/empty.bicep' = {
  params: {}
}

module perRegion 'v2_modules/empty.bicep' = [for region in regions: {
  params: {}
}]

output singleName string = single.name
