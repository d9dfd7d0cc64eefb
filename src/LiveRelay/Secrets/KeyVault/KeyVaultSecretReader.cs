using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

namespace LiveRelay.Secrets.KeyVault;

/// <summary>
/// Reads one secret version with a time limit, and turns every failure into a
/// <see cref="SecretUnavailableException"/> that names the vault and the secret and carries no value.
/// </summary>
internal sealed class KeyVaultSecretReader(SecretClient client, TimeSpan readTimeout, TimeProvider timeProvider)
{
    public Uri VaultUri => client.VaultUri;

    /// <summary>The secret, or null when the vault says no such secret (or version) exists.</summary>
    public async Task<VaultSecret?> ReadAsync(string name, string? version, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(readTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var response = await client.GetSecretAsync(name, version, linked.Token).ConfigureAwait(false);
            var secret = response.Value;
            var tags = new Dictionary<string, string>(secret.Properties.Tags, StringComparer.OrdinalIgnoreCase);
            return new VaultSecret(name, secret.Properties.Version ?? string.Empty, secret.Value ?? string.Empty, tags);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (RequestFailedException ex) when (IsDisabled(ex))
        {
            throw new SecretUnavailableException(name, VaultUri, $"The {Describe(name, version)} is disabled.", ex, revoked: true);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable(name, version, $"no answer within {readTimeout}", ex);
        }
        catch (RequestFailedException ex)
        {
            var reason = ex.Status == 0
                ? $"the vault could not be reached ({Describe(ex.InnerException ?? ex)})"
                : $"the vault answered HTTP {ex.Status} {ex.ErrorCode ?? string.Empty}".TrimEnd();
            throw Unavailable(name, version, reason, ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw Unavailable(name, version, $"no access token for the vault ({ex.GetType().Name})", ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(static e => e is RequestFailedException or System.Net.Http.HttpRequestException))
        {
            // Azure.Core's retry policy gives up with an AggregateException of every try's failure.
            throw Unavailable(name, version, $"the vault could not be reached after {ex.InnerExceptions.Count} tries ({Describe(ex.InnerExceptions[^1])})", ex);
        }
    }

    public string Describe(string name, string? version = null) =>
        version is null
            ? $"secret '{name}' in Key Vault {VaultUri}"
            : $"version {version} of secret '{name}' in Key Vault {VaultUri}";

    // Key Vault answers a read of a disabled secret or version with 403, error Forbidden, inner error SecretDisabled. Any
    // other 403 (the identity lost access) is treated as an outage: the last good value is kept.
    private static bool IsDisabled(RequestFailedException ex) =>
        ex.Status == 403
        && (string.Equals(ex.ErrorCode, "SecretDisabled", StringComparison.OrdinalIgnoreCase)
            || ex.Message.Contains("SecretDisabled", StringComparison.OrdinalIgnoreCase));

    private SecretUnavailableException Unavailable(string name, string? version, string reason, Exception inner) =>
        new(name, VaultUri, $"Could not read {Describe(name, version)}: {reason}.", inner);

    private static string Describe(Exception ex) => ex switch
    {
        RequestFailedException { InnerException: { } inner } => Describe(inner),
        System.Net.Http.HttpRequestException http => $"{nameof(System.Net.Http.HttpRequestError)}.{http.HttpRequestError}",
        _ => ex.GetType().Name,
    };
}
