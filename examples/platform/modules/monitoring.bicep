// Observability: one Log Analytics workspace per environment and a
// workspace-based Application Insights component for the FastAPI backend.

@description('Prefix for resource names, e.g. webshop-dev.')
param namePrefix string

@description('Azure region for the workspace and the component.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('How long Log Analytics keeps data, in days.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Daily ingestion cap in GB; -1 means no cap.')
param dailyQuotaGb int = -1

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: 'log-${namePrefix}'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${namePrefix}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    RetentionInDays: retentionInDays
    DisableLocalAuth: false
  }
}

@description('Resource ID of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Resource ID of the Application Insights component.')
output appInsightsId string = appInsights.id

@description('Connection string the backend uses to send telemetry (not a secret).')
output appInsightsConnectionString string = appInsights.properties.ConnectionString
