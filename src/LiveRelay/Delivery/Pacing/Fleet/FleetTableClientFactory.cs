using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// The fleet table's client, from <c>AzureWebJobsStorage</c> as the Functions runtime reads it: a connection string
/// (<c>UseDevelopmentStorage=true</c> and explicit Azurite endpoints included), or identity-based settings
/// (<c>__tableServiceUri</c> or <c>__accountName</c>, with <c>__credential=managedidentity</c> and <c>__clientId</c>).
/// </summary>
internal static class FleetTableClientFactory
{
    public const string ConnectionName = "AzureWebJobsStorage";

    /// <summary>Whether <c>AzureWebJobsStorage</c> names a storage account at all.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionName);
        return !string.IsNullOrWhiteSpace(section.Value) || section.GetChildren().Any(static c => !string.IsNullOrWhiteSpace(c.Value));
    }

    /// <exception cref="InvalidOperationException">The setting does not say where the table service is.</exception>
    public static TableClient Create(IConfiguration configuration, string tableName)
    {
        var section = configuration.GetSection(ConnectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            try
            {
                return new TableServiceClient(section.Value).GetTableClient(tableName);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // The connection string holds the account key: name the setting, never its value.
                throw new InvalidOperationException($"Setting '{ConnectionName}' is not a storage connection string the table client can use ({ex.GetType().Name}).", ex);
            }
        }

        var uri = section["tableServiceUri"] is { Length: > 0 } tableServiceUri
            ? tableServiceUri
            : section["accountName"] is { Length: > 0 } accountName ? $"https://{accountName}.table.core.windows.net" : null;
        if (uri is null || !Uri.TryCreate(uri, UriKind.Absolute, out var serviceUri))
        {
            throw new InvalidOperationException(
                $"Fleet pacing keeps its shares in Table Storage, but '{ConnectionName}' has no table endpoint: set {ConnectionName}__tableServiceUri (or {ConnectionName}__accountName).");
        }

        return new TableServiceClient(serviceUri, Credential(section)).GetTableClient(tableName);
    }

    private static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
