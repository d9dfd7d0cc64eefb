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

// The key pair itself is not written here. The app reads the AccessKey secret first and then the AccessKey ID at
// exactly the version the secret's `accessKeyIdVersion` tag names, so a rotation is never read half done. A template
// cannot write that tag (it would need the ID secret's new version, known only at run time), and a placeholder
// written on every deployment would overwrite a rotated pair. infra/scripts/set-alibaba-access-key.sh writes the
// pair after `azd up` and at each rotation (docs/deployment.md).

@description('Name of the vault.')
output name string = vault.name

@description('Resource id of the vault.')
output resourceId string = vault.id

@description('Vault URI (https://<name>.vault.azure.net/), the app setting LiveRelay__KeyVault__Uri.')
output uri string = vault.properties.vaultUri
