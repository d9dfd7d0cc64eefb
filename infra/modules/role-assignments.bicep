metadata description = 'Least-privilege role assignments for the LiveRelay app identity, each scoped to the one resource it needs, and one optional assignment for the deploying principal.'

@description('Principal (object) id of the app\'s user-assigned managed identity.')
param appPrincipalId string

@description('Name of the storage account holding host storage, the deployment container and the queues.')
param storageAccountName string

@description('Name of the Key Vault holding the Alibaba Cloud key pair.')
param keyVaultName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Principal id of the user or service principal running the deployment. Empty: no assignment.')
param deployerPrincipalId string = ''

@description('Kind of the deploying principal.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

// Built-in role definition ids (the same in every tenant).
//
// App identity:
// - Storage Blob Data Owner, on the storage account: the Functions host keeps its keys, locks and leases in
//   blob containers it creates in AzureWebJobsStorage, and Flex Consumption pulls the app package from the
//   deployment container with this identity. This is the role Azure Functions documents for identity-based
//   host storage.
// - Storage Queue Data Contributor, on the storage account: the queue triggers read, hide and delete messages on
//   live-events and live-messages, intake adds envelopes to live-messages, and the runtime moves messages that
//   failed for good to the -poison queues. Reader + Message Processor would do for the triggers alone, but
//   Azure Functions documents Queue Data Contributor for the queue output binding. The account holds only
//   this app's queues.
// - Storage Table Data Contributor, on the storage account: fleet pacing reads and replaces its shares of the
//   Live API limits in the pacing table (optimistic concurrency on one entity per operation). Data access only;
//   the table itself is created by the template.
// - Key Vault Secrets User, on the vault: read the Alibaba Cloud key pair. Vault scope rather than per secret,
//   because operators create and rotate the secrets after deployment; the vault holds only this app's secrets.
// - Monitoring Metrics Publisher, on the Application Insights component: local (instrumentation key)
//   authentication is disabled there, so telemetry must be sent with an Entra token carrying this role.
// Not granted: Storage Account Contributor or any control-plane role (the app never manages resources, and
// control-plane rights include listing account keys).
//
// Deploying principal (optional):
// - Key Vault Secrets Officer, on the vault: in RBAC mode, Owner or Contributor on the subscription does not
//   allow writing secrets; the operator needs this to put the key pair in and to rotate it.
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: storageAccountName
}

resource keyVault 'Microsoft.KeyVault/vaults@2024-11-01' existing = {
  name: keyVaultName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource appStorageBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appPrincipalId, roleIds.storageBlobDataOwner)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'LiveRelay: Functions host storage and the deployment package container.'
  }
}

resource appStorageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appPrincipalId, roleIds.storageQueueDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageQueueDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'LiveRelay: live-events, live-messages and their poison queues.'
  }
}

resource appStorageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storageAccount.id, appPrincipalId, roleIds.storageTableDataContributor)
  scope: storageAccount
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageTableDataContributor)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'LiveRelay: the fleet pacing table (shares of the Live API limits).'
  }
}

resource appKeyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, appPrincipalId, roleIds.keyVaultSecretsUser)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'LiveRelay: read the Alibaba Cloud AccessKey pair.'
  }
}

resource appMonitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, appPrincipalId, roleIds.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    description: 'LiveRelay: send telemetry with Microsoft Entra authentication.'
  }
}

resource deployerKeyVaultSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(keyVault.id, deployerPrincipalId, roleIds.keyVaultSecretsOfficer)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsOfficer)
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    description: 'LiveRelay: the deploying principal puts in and rotates the Alibaba Cloud AccessKey pair.'
  }
}
