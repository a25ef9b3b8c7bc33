// CPU-based autoscale for the App Service plan: scale out fast on sustained
// high CPU, scale in slowly. Deployed for production only (see main.bicep).

@description('Name of the existing App Service plan to scale.')
param planName string

@description('Azure region of the plan.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Lower bound of the instance count.')
@minValue(1)
param minInstances int = 2

@description('Upper bound of the instance count.')
@maxValue(30)
param maxInstances int = 10

var scaleRules = [
  {
    operator: 'GreaterThan'
    threshold: 70
    direction: 'Increase'
    timeWindow: 'PT10M'
    cooldown: 'PT5M'
  }
  {
    operator: 'LessThan'
    threshold: 30
    direction: 'Decrease'
    timeWindow: 'PT20M'
    cooldown: 'PT10M'
  }
]

resource plan 'Microsoft.Web/serverfarms@2025-03-01' existing = {
  name: planName
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = {
  name: 'autoscale-${plan.name}'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(minInstances)
          maximum: string(maxInstances)
          default: string(minInstances)
        }
        rules: [for rule in scaleRules: {
          metricTrigger: {
            metricName: 'CpuPercentage'
            metricResourceUri: plan.id
            timeGrain: 'PT1M'
            statistic: 'Average'
            timeWindow: rule.timeWindow
            timeAggregation: 'Average'
            operator: rule.operator
            threshold: rule.threshold
          }
          scaleAction: {
            direction: rule.direction
            type: 'ChangeCount'
            value: '1'
            cooldown: rule.cooldown
          }
        }]
      }
    ]
  }
}

@description('Resource ID of the autoscale setting.')
output id string = autoscale.id
