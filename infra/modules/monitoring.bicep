metadata description = 'Log Analytics workspace and a workspace-based Application Insights component that accepts Microsoft Entra authenticated telemetry only.'

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Region of both resources.')
param location string

@description('Tags for both resources.')
param tags object = {}

@description('Days to keep logs in the workspace.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    // Instrumentation-key ingestion off: the app sends telemetry with its managed identity
    // (APPLICATIONINSIGHTS_AUTHENTICATION_STRING), so a leaked connection string cannot be used to write data.
    DisableLocalAuth: true
  }
}

@description('Name of the Application Insights component, for the Monitoring Metrics Publisher role assignment.')
output applicationInsightsName string = applicationInsights.name

@description('Application Insights connection string. With local auth disabled it only locates the ingestion endpoint; it grants nothing.')
output connectionString string = applicationInsights.properties.ConnectionString

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsResourceId string = logAnalytics.id
