param name string
param location string = 'westus'
@allowed(['Standard_LRS', 'Premium_LRS'])
param sku string = 'Standard_LRS'
param tier 'Hot' | 'Cool'
param replicas int
param enabled bool
param tags object = {}
param zones array
param optional string?

output id string = name
output endpoint string = location
output settings object = { sku: sku, tier: tier, replicas: replicas, enabled: enabled, tags: tags, zones: zones, optional: optional }
