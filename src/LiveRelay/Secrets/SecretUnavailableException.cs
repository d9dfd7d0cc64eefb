namespace LiveRelay.Secrets;

/// <summary>
/// A secret or credential could not be read and no earlier value exists to fall back on. The message names the
/// source and the secret, never a value.
/// </summary>
public sealed class SecretUnavailableException : Exception
{
    public SecretUnavailableException()
        : this("A secret could not be read.")
    {
    }

    public SecretUnavailableException(string message)
        : this(message, null)
    {
    }

    public SecretUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
        SecretName = string.Empty;
    }

    public SecretUnavailableException(string secretName, Uri? vaultUri, string message, Exception? innerException = null, bool revoked = false)
        : base(message, innerException)
    {
        SecretName = secretName;
        VaultUri = vaultUri;
        Revoked = revoked;
    }

    /// <summary>
    /// True when the vault says the secret (or the version in use) is disabled or deleted: a decision, not an outage, so
    /// a last good value must not be kept. False when the vault merely could not be read.
    /// </summary>
    public bool Revoked { get; }

    /// <summary>The secret's name in the vault, or the configuration key it was looked up under.</summary>
    public string SecretName { get; }

    /// <summary>The vault, or null when the secret comes from configuration.</summary>
    public Uri? VaultUri { get; }
}
