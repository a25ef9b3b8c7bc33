// module bodies against the parameters, outputs and target scope of the module's template
module missingParams 'module_bodies_modules/storage.bicep' = {
  name: 'missingParams'
}

module someParams 'module_bodies_modules/storage.bicep' = {
  name: 'someParams'
  params: {
    name: 'st'
    tier: 'Warm'
    replicas: '3'
    enabled: 1
    zones: []
    location: 42
    sku: 'Standard_GRS'
    unknown: true
    nmae: 'x'
  }
}

module allParams 'module_bodies_modules/storage.bicep' = {
  name: 'allParams'
  params: {
    name: 'st'
    location: 'eastus'
    sku: 'Premium_LRS'
    tier: 'Cool'
    replicas: 2
    enabled: false
    tags: {}
    zones: []
    optional: 'o'
    extra: 'e'
  }
  kind: 'V1'
  outputs: {}
}

module json 'module_bodies_modules/arm.json' = {
  name: 'json'
  params: {
    foo: 123
    baz: 'C'
  }
}

module otherScope 'module_bodies_modules/sub.bicep' = {
  name: 'otherScope'
}

module moduleScope 'module_bodies_modules/storage.bicep' = {
  name: 'moduleScope'
  scope: json
  params: {
    name: 'st'
    tier: 'Hot'
    replicas: 1
    enabled: true
    zones: []
  }
}

module stringScope 'module_bodies_modules/sub.bicep' = {
  name: 'stringScope'
  scope: 'sub'
}

module groupScope 'module_bodies_modules/sub.bicep' = {
  name: 'groupScope'
  scope: resourceGroup('rg')
}

output unknownProperty string = json.id
output unknownOutput string = json.outputs.missing
output knownOutput string = allParams.outputs.endpoint
output typo string = allParams.outputs.endpont
