metadata description = 'Storage account for the Functions host, the deployment package and the LiveRelay queues. Shared-key access is disabled: everything reaches it with Microsoft Entra ID.'

@description('Name of the storage account (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the storage account.')
param location string

@description('Tags for the storage account.')
param tags object = {}

@description('Redundancy of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
  'Standard_RAGRS'
  'Standard_RAGZRS'
])
param skuName string = 'Standard_LRS'

@description('Blob container that Flex Consumption deploys the app package to.')
param deploymentContainerName string

@description('Queues to create: the LiveRelay queues and their poison queues.')
param queueNames string[]

@description('Tables to create: the fleet pacing table.')
param tableNames string[]

resource storageAccount 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    // No account keys, no SAS signed with them: the app, the deployment and operators use Entra ID and RBAC.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    dnsEndpointType: 'Standard'
    // Flex Consumption without a virtual network reaches storage over its public endpoint.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storageAccount
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: storageAccount
  name: 'default'
}

// Created here rather than on first use: the runtime would create poison queues lazily, but then an
// operator watching live-messages-poison would find nothing to watch until the first failure.
resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-01-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: storageAccount
  name: 'default'
}

// Created here so the app's identity needs no more than data access to use it.
resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [
  for tableName in tableNames: {
    parent: tableService
    name: tableName
  }
]

@description('Name of the storage account.')
output name string = storageAccount.name

@description('Resource id of the storage account.')
output resourceId string = storageAccount.id

@description('Blob service endpoint (ends with a slash).')
output blobEndpoint string = storageAccount.properties.primaryEndpoints.blob

@description('Queue service endpoint (ends with a slash).')
output queueEndpoint string = storageAccount.properties.primaryEndpoints.queue

@description('Table service endpoint (ends with a slash).')
output tableEndpoint string = storageAccount.properties.primaryEndpoints.table

@description('Name of the deployment package container.')
output deploymentContainerName string = deploymentContainer.name
