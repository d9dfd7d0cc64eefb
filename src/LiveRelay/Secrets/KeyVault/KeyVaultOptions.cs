namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// Settings under <c>LiveRelay:KeyVault</c>. When <see cref="Uri"/> is empty, secrets and credentials come
/// from configuration instead (local runs, the emulator).
/// </summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "LiveRelay:KeyVault";

    public const string DefaultAccessKeyIdSecretName = "alibaba-access-key-id";
    public const string DefaultAccessKeySecretSecretName = "alibaba-access-key-secret";
    public const string DefaultSecurityTokenSecretName = "alibaba-security-token";

    /// <summary>The vault, e.g. <c>https://my-vault.vault.azure.net/</c>. Empty: read from configuration.</summary>
    public Uri? Uri { get; set; }

    /// <summary>The client id of a user-assigned managed identity. Empty: DefaultAzureCredential's own choice.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string AccessKeyIdSecretName { get; set; } = DefaultAccessKeyIdSecretName;

    /// <summary>
    /// The secret half of the key pair. Each version carries the tag <see cref="CredentialPairTags.AccessKeyIdVersion"/>
    /// naming the version of <see cref="AccessKeyIdSecretName"/> it pairs with.
    /// </summary>
    public string AccessKeySecretSecretName { get; set; } = DefaultAccessKeySecretSecretName;

    /// <summary>An STS token sent with the pair, used only when the pair names its version. Empty: never read.</summary>
    public string? SecurityTokenSecretName { get; set; } = DefaultSecurityTokenSecretName;

    /// <summary>How often cached values are re-read in the background.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The least time between two forced credential refreshes (after the Live API rejected a credential),
    /// so that a burst of authentication errors does not turn into a burst of vault reads.
    /// </summary>
    public TimeSpan MinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The time limit for one read from the vault, retries included.</summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
