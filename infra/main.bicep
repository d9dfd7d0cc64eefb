targetScope = 'subscription'

metadata description = 'LiveRelay on Azure: a Flex Consumption function app (.NET 10 isolated) with its queues, Key Vault, managed identity and monitoring. Deploy with azd up.'

// ---------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------

@description('azd environment name; names the resource group and seeds the unique resource names.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region for every resource. It must offer Flex Consumption: az functionapp list-flexconsumption-locations -o table.')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the user or service principal running the deployment (azd sets AZURE_PRINCIPAL_ID). It gets Key Vault Secrets Officer on the vault so it can put the Alibaba Cloud key pair in. Empty: no assignment.')
param principalId string = ''

@description('Kind of principalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

// ---------------------------------------------------------------------------------------------
// Scale and pacing (docs/deployment.md: sharing the account limits, maximumInstanceCount)
// ---------------------------------------------------------------------------------------------

@description('Most instances each function group scales out to (Flex Consumption refuses fewer than 40 in most regions). Pacing does not depend on it: the instances share the account limits by demand through a table in the storage account. It only sets the fallback share an instance uses while that table cannot be reached: limit / (3 × maximumInstanceCount), three function groups sending at most.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Concurrent HTTP requests one instance takes before the platform adds another instance.')
@minValue(1)
@maxValue(1000)
param httpPerInstanceConcurrency int = 16

@description('Account-wide SendMessageToGroup limit in calls per second (Alibaba Cloud default: 100).')
@minValue(1)
param sendMessageToGroupPerSecond int = 100

@description('Account-wide SendLiveMessageUser limit in calls per second (Alibaba Cloud default: 50; excess calls are dropped).')
@minValue(1)
param sendLiveMessageUserPerSecond int = 50

// ---------------------------------------------------------------------------------------------
// Alibaba Cloud
// ---------------------------------------------------------------------------------------------

@description('ApsaraVideo Live API endpoint.')
param alibabaCloudEndpoint string = 'https://live.aliyuncs.com'

@description('Signature version for Live API calls: V3 (ACS3-HMAC-SHA256) or V1 (RPC HMAC-SHA1).')
@allowed([
  'V3'
  'V1'
])
param alibabaCloudSignatureVersion string = 'V3'

@description('Name of the Key Vault secret holding the AccessKey ID.')
@minLength(1)
@maxLength(127)
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeyIdSecretName string = 'alibaba-access-key-id'

@description('Name of the Key Vault secret holding the AccessKey secret.')
@minLength(1)
@maxLength(127)
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeySecretSecretName string = 'alibaba-access-key-secret'

@description('Key Vault purge protection. Recommended for production; it cannot be turned off again.')
param keyVaultEnablePurgeProtection bool = false

@description('More app settings by name, for what the template cannot know: the webhook sources (LiveRelay__Sources__<name>__...). Set it in main.parameters.json; secret values go in Key Vault, not here.')
param additionalAppSettings object = {}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

// Must match the service name in azure.yaml.
var serviceName = 'relay'

var deploymentContainerName = 'app-package'

// The LiveRelay queues and the poison queues the Functions runtime moves failed messages to
// (<queue>-poison). The code's queue names must match (tests/LiveRelay.Tests/Deployment checks it).
var queueNames = [
  'live-events'
  'live-events-poison'
  'live-messages'
  'live-messages-poison'
]

// The table every sending instance takes its leased share of the Live API limits from (LiveRelay:Delivery:Fleet:TableName).
var pacingTableName = 'liverelaypacing'

// The delivery ledger: ids of messages the Live API accepted, so a redelivered message is not sent twice.
var deliveryLedgerTableName = 'deliveryledger'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    queueNames: queueNames
    tableNames: [
      pacingTableName
      deliveryLedgerTableName
    ]
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    enablePurgeProtection: keyVaultEnablePurgeProtection
  }
}

module roleAssignments 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  scope: rg
  params: {
    appPrincipalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  // The app starts by pulling its package and reaching storage with its identity: roles first.
  dependsOn: [
    roleAssignments
  ]
  params: {
    planName: 'plan-${resourceToken}'
    name: 'func-${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityResourceId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    storageTableEndpoint: storage.outputs.tableEndpoint
    pacingTableName: pacingTableName
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    keyVaultUri: keyVault.outputs.uri
    accessKeyIdSecretName: accessKeyIdSecretName
    accessKeySecretSecretName: accessKeySecretSecretName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    httpPerInstanceConcurrency: httpPerInstanceConcurrency
    alibabaCloudEndpoint: alibabaCloudEndpoint
    alibabaCloudSignatureVersion: alibabaCloudSignatureVersion
    sendMessageToGroupPerSecond: sendMessageToGroupPerSecond
    sendLiveMessageUserPerSecond: sendLiveMessageUserPerSecond
    additionalAppSettings: additionalAppSettings
  }
}

// Outputs become azd environment values (azd env get-values); infra/scripts reads the vault and secret names
// from there. Names and endpoints only: no secret, no key, no secure parameter is ever output.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output LIVERELAY_ACCESS_KEY_ID_SECRET_NAME string = accessKeyIdSecretName
output LIVERELAY_ACCESS_KEY_SECRET_SECRET_NAME string = accessKeySecretSecretName
output LIVERELAY_BASE_URL string = 'https://${functionApp.outputs.defaultHostName}'
