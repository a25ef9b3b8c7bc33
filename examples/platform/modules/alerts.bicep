// Operational guard rails: an action group, metric alerts on the backend,
// database and cache, and a monthly consumption budget for the resource group.

@description('Prefix for resource names, e.g. webshop-dev.')
param namePrefix string

@description('Tags applied to every resource.')
param tags object

@description('Addresses notified by alerts and budget thresholds.')
@minLength(1)
param alertEmailAddresses array

@description('Resource ID of the web app.')
param siteId string

@description('Resource ID of the App Service plan.')
param planId string

@description('Resource ID of the PostgreSQL server.')
param postgresServerId string

@description('Resource ID of the Redis cache.')
param redisId string

@description('Monthly budget for the resource group, in the billing currency.')
@minValue(1)
param monthlyBudget int

@description('First day of the budget period (yyyy-MM-01); cannot be in the past.')
param budgetStartDate string

var metricAlertDefinitions = [
  {
    name: 'backend-http-5xx'
    description: 'The FastAPI backend returns server errors.'
    severity: 1
    scope: siteId
    metricNamespace: 'Microsoft.Web/sites'
    metricName: 'Http5xx'
    aggregation: 'Total'
    threshold: 10
  }
  {
    name: 'backend-response-time'
    description: 'Average response time above 2 seconds.'
    severity: 2
    scope: siteId
    metricNamespace: 'Microsoft.Web/sites'
    metricName: 'HttpResponseTime'
    aggregation: 'Average'
    threshold: 2
  }
  {
    name: 'plan-cpu'
    description: 'App Service plan CPU above 85 percent.'
    severity: 2
    scope: planId
    metricNamespace: 'Microsoft.Web/serverfarms'
    metricName: 'CpuPercentage'
    aggregation: 'Average'
    threshold: 85
  }
  {
    name: 'postgres-cpu'
    description: 'PostgreSQL CPU above 80 percent.'
    severity: 2
    scope: postgresServerId
    metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metricName: 'cpu_percent'
    aggregation: 'Average'
    threshold: 80
  }
  {
    name: 'postgres-storage'
    description: 'PostgreSQL storage above 85 percent.'
    severity: 1
    scope: postgresServerId
    metricNamespace: 'Microsoft.DBforPostgreSQL/flexibleServers'
    metricName: 'storage_percent'
    aggregation: 'Maximum'
    threshold: 85
  }
  {
    name: 'redis-memory'
    description: 'Redis used memory above 85 percent.'
    severity: 2
    scope: redisId
    metricNamespace: 'Microsoft.Cache/redis'
    metricName: 'usedmemorypercentage'
    aggregation: 'Maximum'
    threshold: 85
  }
]

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: 'ag-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(replace(namePrefix, '-', ''), 12)
    enabled: true
    emailReceivers: [for (address, i) in alertEmailAddresses: {
      name: 'email-${i}'
      emailAddress: address
      useCommonAlertSchema: true
    }]
  }
}

resource metricAlerts 'Microsoft.Insights/metricAlerts@2026-01-01' = [for alert in metricAlertDefinitions: {
  name: '${alert.name}-${namePrefix}'
  location: 'global'
  tags: tags
  properties: {
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [
      alert.scope
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: alert.metricName
          metricNamespace: alert.metricNamespace
          metricName: alert.metricName
          timeAggregation: alert.aggregation
          operator: 'GreaterThan'
          threshold: alert.threshold
        }
      ]
    }
    autoMitigate: true
    actions: [
      {
        actionGroupId: actionGroup.id
      }
    ]
  }
}]

resource budget 'Microsoft.Consumption/budgets@2026-06-01' = {
  name: 'budget-${namePrefix}'
  properties: {
    category: 'Cost'
    amount: monthlyBudget
    timeGrain: 'Monthly'
    timePeriod: {
      startDate: budgetStartDate
    }
    notifications: {
      actual80: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 80
        thresholdType: 'Actual'
        contactEmails: alertEmailAddresses
        contactGroups: [
          actionGroup.id
        ]
      }
      forecast100: {
        enabled: true
        operator: 'GreaterThanOrEqualTo'
        threshold: 100
        thresholdType: 'Forecasted'
        contactEmails: alertEmailAddresses
        contactGroups: [
          actionGroup.id
        ]
      }
    }
  }
}

@description('Resource ID of the action group.')
output actionGroupId string = actionGroup.id
