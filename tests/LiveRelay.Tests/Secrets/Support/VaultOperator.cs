using Azure.Security.KeyVault.Secrets;
using LiveRelay.Secrets.KeyVault;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>
/// An operator rotating the key pair with the real SecretClient, following the procedure in docs/configuration.md: the id half
/// first (and the token, if any), then the secret half tagged with the versions it pairs with.
/// </summary>
internal sealed class VaultOperator(SecretClient client)
{
    private readonly KeyVaultOptions _names = new();

    public async Task<string> WriteAccessKeyIdAsync(string accessKeyId) =>
        (await client.SetSecretAsync(_names.AccessKeyIdSecretName, accessKeyId)).Value.Properties.Version;

    public async Task<string> WriteSecurityTokenAsync(string token) =>
        (await client.SetSecretAsync(_names.SecurityTokenSecretName, token)).Value.Properties.Version;

    public async Task<string> WriteAccessKeySecretAsync(string accessKeySecret, string? accessKeyIdVersion, string? securityTokenVersion = null)
    {
        var secret = new KeyVaultSecret(_names.AccessKeySecretSecretName, accessKeySecret);
        if (accessKeyIdVersion is not null)
        {
            secret.Properties.Tags[CredentialPairTags.AccessKeyIdVersion] = accessKeyIdVersion;
        }

        if (securityTokenVersion is not null)
        {
            secret.Properties.Tags[CredentialPairTags.SecurityTokenVersion] = securityTokenVersion;
        }

        return (await client.SetSecretAsync(secret)).Value.Properties.Version;
    }

    public async Task WritePairAsync(string accessKeyId, string accessKeySecret, string? securityToken = null)
    {
        var idVersion = await WriteAccessKeyIdAsync(accessKeyId);
        var tokenVersion = securityToken is null ? null : await WriteSecurityTokenAsync(securityToken);
        await WriteAccessKeySecretAsync(accessKeySecret, idVersion, tokenVersion);
    }
}
