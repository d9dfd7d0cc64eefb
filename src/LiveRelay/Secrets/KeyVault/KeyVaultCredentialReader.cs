using LiveRelay.AlibabaCloud.Credentials;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// Reads the Alibaba Cloud key pair as one consistent version. The secret half is read first (latest version);
/// its <see cref="CredentialPairTags.AccessKeyIdVersion"/> tag names the exact version of the id half, and its
/// optional <see cref="CredentialPairTags.SecurityTokenVersion"/> tag the token's. Versions are immutable, so the
/// pair read is the pair written, whatever state a rotation is in; a secret half without the tag is refused.
/// </summary>
internal sealed class KeyVaultCredentialReader(KeyVaultSecretReader reader, KeyVaultOptions options, TimeProvider timeProvider)
{
    public async Task<CredentialSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var secretName = options.AccessKeySecretSecretName;
        var idName = options.AccessKeyIdSecretName;
        var anchor = await reader.ReadAsync(secretName, null, cancellationToken).ConfigureAwait(false)
            ?? throw new SecretUnavailableException(secretName, reader.VaultUri, $"The {reader.Describe(secretName)} does not exist.", revoked: true);

        if (!anchor.Tags.TryGetValue(CredentialPairTags.AccessKeyIdVersion, out var idVersion) || string.IsNullOrWhiteSpace(idVersion))
        {
            throw new SecretUnavailableException(
                secretName,
                reader.VaultUri,
                $"The {reader.Describe(secretName, anchor.Version)} has no '{CredentialPairTags.AccessKeyIdVersion}' tag naming the version of " +
                $"'{idName}' it pairs with; tag it (see docs/configuration.md, 'Rotating the Alibaba Cloud key pair').");
        }

        // The paired versions are read on every refresh, not taken from the last pair: a version disabled or deleted in the
        // vault must stop being used within one refresh.
        idVersion = idVersion.Trim();
        var accessKeyId = await ReadPairedAsync(idName, idVersion, anchor, cancellationToken).ConfigureAwait(false);

        string? token = null;
        string? tokenVersion = null;
        if (!string.IsNullOrEmpty(options.SecurityTokenSecretName)
            && anchor.Tags.TryGetValue(CredentialPairTags.SecurityTokenVersion, out var taggedTokenVersion)
            && !string.IsNullOrWhiteSpace(taggedTokenVersion))
        {
            tokenVersion = taggedTokenVersion.Trim();
            token = await ReadPairedAsync(options.SecurityTokenSecretName, tokenVersion, anchor, cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrWhiteSpace(accessKeyId) || string.IsNullOrWhiteSpace(anchor.Value))
        {
            throw new SecretUnavailableException(
                string.IsNullOrWhiteSpace(accessKeyId) ? idName : secretName,
                reader.VaultUri,
                $"The key pair read from Key Vault {reader.VaultUri} ('{idName}' version {idVersion}, '{secretName}' version {anchor.Version}) has an empty half.");
        }

        // Key ids, secrets and tokens hold no white space; a trailing newline comes from writing the value from a file.
        return new CredentialSnapshot(
            new AlibabaCloudCredential(accessKeyId, anchor.Value.Trim(), token), anchor.Version, idVersion, tokenVersion, timeProvider.GetUtcNow());
    }

    private async Task<string> ReadPairedAsync(string name, string version, VaultSecret anchor, CancellationToken cancellationToken)
    {
        var secret = await reader.ReadAsync(name, version, cancellationToken).ConfigureAwait(false)
            ?? throw new SecretUnavailableException(
                name,
                reader.VaultUri,
                $"The {reader.Describe(anchor.Name, anchor.Version)} names {reader.Describe(name, version)}, which does not exist.",
                revoked: true);
        return secret.Value.Trim();
    }
}
