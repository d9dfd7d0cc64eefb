metadata description = 'Key Vault (RBAC mode) holding the Alibaba Cloud AccessKey pair that LiveRelay signs Live API calls with.'

@description('Name of the vault (3-24 letters, digits and hyphens, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Region of the vault.')
param location string

@description('Tags for the vault.')
param tags object = {}

@description('Days a deleted vault or secret can be recovered. Fixed once the vault exists.')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('Purge protection: deleted secrets cannot be purged before the retention ends. Recommended for production; it cannot be turned off again, and azd down --purge cannot remove the vault.')
param enablePurgeProtection bool = false

@description('Name of the secret holding the AccessKey ID.')
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeyIdSecretName string

@description('Name of the secret holding the AccessKey secret.')
#disable-next-line secure-secrets-in-params // The name of a vault secret, not its value.
param accessKeySecretSecretName string

@description('AccessKey ID to store. Empty: the secret is left alone (put it in with az keyvault secret set).')
@secure()
param alibabaAccessKeyId string = ''

@description('AccessKey secret to store. Empty: the secret is left alone (put it in with az keyvault secret set).')
@secure()
param alibabaAccessKeySecret string = ''

resource vault 'Microsoft.KeyVault/vaults@2024-11-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC only (no access policies): the app identity gets Key Vault Secrets User,
    // the deploying principal Key Vault Secrets Officer (role-assignments.bicep).
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    // The service refuses an explicit false, so the property is left out unless it is turned on.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }
}

// The secrets are written only when values are given. A placeholder value written on every
// deployment would overwrite a key pair an operator has put in or rotated since the last `azd provision`.
resource accessKeyIdSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(alibabaAccessKeyId)) {
  parent: vault
  name: accessKeyIdSecretName
  properties: {
    value: alibabaAccessKeyId
    contentType: 'text/plain'
  }
}

resource accessKeySecretSecret 'Microsoft.KeyVault/vaults/secrets@2024-11-01' = if (!empty(alibabaAccessKeySecret)) {
  parent: vault
  name: accessKeySecretSecretName
  properties: {
    value: alibabaAccessKeySecret
    contentType: 'text/plain'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Resource id of the vault.')
output resourceId string = vault.id

@description('Vault URI (https://<name>.vault.azure.net/), the app setting LiveRelay__KeyVault__Uri.')
output uri string = vault.properties.vaultUri
