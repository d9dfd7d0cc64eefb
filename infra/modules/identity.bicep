metadata description = 'The user-assigned managed identity the function app runs as: storage, Key Vault and telemetry all trust this one identity.'

@description('Name of the user-assigned managed identity.')
param name string

@description('Region of the identity.')
param location string

@description('Tags for the identity.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity, for the function app and its deployment storage authentication.')
output resourceId string = identity.id

@description('Name of the identity.')
output name string = identity.name

@description('Client id of the identity, for the app settings that select it (AzureWebJobsStorage__clientId, LiveRelay__KeyVault__ManagedIdentityClientId).')
output clientId string = identity.properties.clientId

@description('Object (principal) id of the identity, for role assignments.')
output principalId string = identity.properties.principalId
