using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// Reads a storage connection the way the Functions runtime does: <c>AzureWebJobsStorage</c> as a connection string
/// (<c>UseDevelopmentStorage=true</c>, or <c>DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...[;QueueEndpoint=...|;EndpointSuffix=...]</c>),
/// or identity-based as <c>AzureWebJobsStorage__queueServiceUri</c> (or <c>__accountName</c>) with optional
/// <c>__credential=managedidentity</c>, <c>__clientId</c>, and <c>__tenantId</c> + <c>__clientSecret</c>.
/// Errors name the setting and the rule, never the key.
/// </summary>
public static class QueueServiceConnectionParser
{
    public const string DefaultConnectionName = "AzureWebJobsStorage";

    /// <returns>Null when the connection is not configured at all.</returns>
    /// <exception cref="InvalidOperationException">The connection is configured but unusable.</exception>
    public static QueueServiceConnection? FromConfiguration(IConfiguration configuration, string connectionName = DefaultConnectionName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        try
        {
            if (configuration[connectionName] is { Length: > 0 } connectionString)
            {
                return ParseConnectionString(connectionString);
            }

            var section = configuration.GetSection(connectionName);
            var serviceUri = section["queueServiceUri"];
            var accountName = section["accountName"];
            if (string.IsNullOrWhiteSpace(serviceUri) && string.IsNullOrWhiteSpace(accountName))
            {
                return null;
            }

            Uri uri;
            if (!string.IsNullOrWhiteSpace(serviceUri))
            {
                if (!Uri.TryCreate(serviceUri, UriKind.Absolute, out uri!))
                {
                    throw new ArgumentException("queueServiceUri is not an absolute URI.");
                }
            }
            else
            {
                uri = new Uri($"https://{accountName}.queue.core.windows.net");
            }

            return QueueServiceConnection.WithTokenCredential(uri, CreateCredential(section));
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException($"Setting '{connectionName}': {ex.Message}", ex);
        }
    }

    /// <exception cref="ArgumentException">The connection string is unusable; the message names the part.</exception>
    public static QueueServiceConnection ParseConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                // The segment may hold the key: name only what is there.
                throw new ArgumentException("The connection string has a part that is not 'Name=value'.", nameof(connectionString));
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!bool.TryParse(development, out var useDevelopment) || !useDevelopment)
            {
                throw new ArgumentException("UseDevelopmentStorage must be 'true' when present.", nameof(connectionString));
            }

            if (parts.ContainsKey("DevelopmentStorageProxyUri"))
            {
                throw new ArgumentException("DevelopmentStorageProxyUri is not supported; give Azurite's address as QueueEndpoint with the development account instead.", nameof(connectionString));
            }

            return QueueServiceConnection.Development();
        }

        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw new ArgumentException("SharedAccessSignature connection strings are not supported; use an account key or an identity-based connection.", nameof(connectionString));
        }

        if (!parts.TryGetValue("AccountName", out var accountName) || accountName.Length == 0)
        {
            throw new ArgumentException("The connection string has no AccountName.", nameof(connectionString));
        }

        if (!parts.TryGetValue("AccountKey", out var accountKey) || accountKey.Length == 0)
        {
            throw new ArgumentException("The connection string has no AccountKey.", nameof(connectionString));
        }

        Uri endpoint;
        if (parts.TryGetValue("QueueEndpoint", out var queueEndpoint) && queueEndpoint.Length > 0)
        {
            if (!Uri.TryCreate(queueEndpoint, UriKind.Absolute, out endpoint!))
            {
                throw new ArgumentException("QueueEndpoint is not an absolute URI.", nameof(connectionString));
            }
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https").ToLowerInvariant();
            if (protocol is not ("http" or "https"))
            {
                throw new ArgumentException("DefaultEndpointsProtocol must be 'http' or 'https'.", nameof(connectionString));
            }

            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            if (!Uri.TryCreate($"{protocol}://{accountName}.queue.{suffix}", UriKind.Absolute, out endpoint!))
            {
                throw new ArgumentException("AccountName and EndpointSuffix do not make a valid host name.", nameof(connectionString));
            }
        }

        try
        {
            return QueueServiceConnection.WithSharedKey(endpoint, accountName, accountKey);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException(ex.Message.Replace("account key", "AccountKey", StringComparison.Ordinal), nameof(connectionString), ex);
        }
    }

    private static TokenCredential CreateCredential(IConfigurationSection section)
    {
        var credential = section["credential"];
        var clientId = NullIfEmpty(section["clientId"]);
        var tenantId = NullIfEmpty(section["tenantId"]);
        var clientSecret = NullIfEmpty(section["clientSecret"]);

        if (!string.IsNullOrWhiteSpace(credential))
        {
            if (!string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("credential must be 'managedidentity' when set.");
            }

            return new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        if (tenantId is not null && clientId is not null && clientSecret is not null)
        {
            return new ClientSecretCredential(tenantId, clientId, clientSecret);
        }

        if (clientSecret is not null)
        {
            throw new ArgumentException("clientSecret needs tenantId and clientId.");
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
