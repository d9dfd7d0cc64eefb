using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>Creates the <see cref="SecretClient"/> the providers read with, from <see cref="KeyVaultOptions"/>.</summary>
public static class KeyVaultSecretClientFactory
{
    /// <summary>
    /// A client for <see cref="KeyVaultOptions.Uri"/> that authenticates with DefaultAzureCredential, using the
    /// user-assigned managed identity <see cref="KeyVaultOptions.ManagedIdentityClientId"/> when one is set.
    /// </summary>
    public static SecretClient Create(KeyVaultOptions options, TokenCredential? credential = null, SecretClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.Uri ?? throw new InvalidOperationException($"{KeyVaultOptions.SectionName}:Uri is not set.");
        credential ??= CreateCredential(options);
        if (clientOptions is null)
        {
            clientOptions = new SecretClientOptions();
            // Each read is bounded by KeyVaultOptions.ReadTimeout; retries fit inside it.
            clientOptions.Retry.MaxRetries = 3;
            clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(500);
            clientOptions.Retry.NetworkTimeout = options.ReadTimeout;
        }

        return new SecretClient(uri, credential, clientOptions);
    }

    public static TokenCredential CreateCredential(KeyVaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrEmpty(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
    }
}
