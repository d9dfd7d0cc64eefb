metadata description = 'The LiveRelay Azure Functions app on a Flex Consumption plan (.NET 10 isolated worker), running as a user-assigned managed identity.'

@description('Name of the Flex Consumption plan.')
param planName string

@description('Name of the function app (globally unique; part of its *.azurewebsites.net host name).')
param name string

@description('Region of the plan and the app.')
param location string

@description('Tags for the plan and the app.')
param tags object = {}

@description('azd service name from azure.yaml; azd finds the app to deploy to by this tag.')
param serviceName string

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityResourceId string

@description('Client id of that identity.')
param identityClientId string

@description('Blob service endpoint of the storage account (ends with a slash).')
param storageBlobEndpoint string

@description('Queue service endpoint of the storage account (ends with a slash).')
param storageQueueEndpoint string

@description('Table service endpoint of the storage account (ends with a slash): fleet pacing keeps its shares there.')
param storageTableEndpoint string

@description('The fleet pacing table in that account.')
param pacingTableName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Key Vault URI holding the Alibaba Cloud key pair.')
param keyVaultUri string

@description('Name of the secret holding the AccessKey ID.')
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeyIdSecretName string

@description('Name of the secret holding the AccessKey secret.')
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeySecretSecretName string

@description('Most instances the app scales out to; also the instance count the app divides the API rate limits by.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Concurrent HTTP requests one instance takes before the platform adds another.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int

@description('Live API endpoint.')
param alibabaCloudEndpoint string

@description('Signature version for Live API calls.')
@allowed([
  'V3'
  'V1'
])
param alibabaCloudSignatureVersion string

@description('Account-wide SendMessageToGroup limit, calls per second.')
@minValue(1)
param sendMessageToGroupPerSecond int

@description('Account-wide SendLiveMessageUser limit, calls per second.')
@minValue(1)
param sendLiveMessageUserPerSecond int

@description('More app settings by name, e.g. the webhook sources (LiveRelay__Sources__<name>__...). Names use __ as the section separator. No secret values: those belong in Key Vault.')
param additionalAppSettings object = {}

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityResourceId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        triggers: {
          http: {
            perInstanceConcurrency: httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Flex Consumption takes the worker runtime and version from functionAppConfig.runtime, so
      // FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not (and must not be) set here.
      // Setting names use __ for the configuration section separator (':' is not allowed on Linux).
      // tests/LiveRelay.Tests/Deployment checks these names against the options classes and local.settings.sample.json.
      // This list replaces the app's settings on every deployment, so settings made in the portal do not survive
      // `azd provision`; user-defined ones (webhook sources) come in through additionalAppSettings instead.
      appSettings: concat([
        // Host storage, queue triggers and bindings: identity-based, no connection string, no keys.
        {
          name: 'AzureWebJobsStorage__blobServiceUri'
          value: storageBlobEndpoint
        }
        {
          name: 'AzureWebJobsStorage__queueServiceUri'
          value: storageQueueEndpoint
        }
        {
          name: 'AzureWebJobsStorage__tableServiceUri'
          value: storageTableEndpoint
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identityClientId
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsightsConnectionString
        }
        {
          name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
          value: 'ClientId=${identityClientId};Authorization=AAD'
        }
        // Live API. The key pair is deliberately absent: the app reads it from Key Vault.
        {
          name: 'LiveRelay__AlibabaCloud__Endpoint'
          value: alibabaCloudEndpoint
        }
        {
          name: 'LiveRelay__AlibabaCloud__SignatureVersion'
          value: alibabaCloudSignatureVersion
        }
        // Credentials from Key Vault, read with the app identity.
        {
          name: 'LiveRelay__KeyVault__Uri'
          value: keyVaultUri
        }
        {
          name: 'LiveRelay__KeyVault__ManagedIdentityClientId'
          value: identityClientId
        }
        {
          name: 'LiveRelay__KeyVault__AccessKeyIdSecretName'
          value: accessKeyIdSecretName
        }
        {
          name: 'LiveRelay__KeyVault__AccessKeySecretSecretName'
          value: accessKeySecretSecretName
        }
        // Pacing: every instance of every function group takes a leased share of the account limits from the
        // table, by demand. Only while the table cannot be reached does an instance fall back to
        // limit / FallbackSenderCount: three function groups (HTTP, LiveEvents, LiveMessages) of at most
        // maximumInstanceCount instances each.
        {
          name: 'LiveRelay__Delivery__Fleet__TableName'
          value: pacingTableName
        }
        {
          name: 'LiveRelay__Delivery__Fleet__FallbackSenderCount'
          value: string(3 * maximumInstanceCount)
        }
        {
          name: 'LiveRelay__Delivery__SendMessageToGroup'
          value: string(sendMessageToGroupPerSecond)
        }
        {
          name: 'LiveRelay__Delivery__SendLiveMessageUser'
          value: string(sendLiveMessageUserPerSecond)
        }
      ], map(items(additionalAppSettings), setting => {
        name: setting.key
        value: string(setting.value)
      }))
    }
  }
}

// Deployments (azd, Core Tools) authenticate with Microsoft Entra ID; no publishing user name and password.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-11-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Resource id of the function app.')
output resourceId string = functionApp.id

@description('Default host name of the function app.')
output defaultHostName string = functionApp.properties.defaultHostName
