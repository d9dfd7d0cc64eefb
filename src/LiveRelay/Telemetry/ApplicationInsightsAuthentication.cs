using Azure.Core;
using Azure.Identity;

namespace LiveRelay.Telemetry;

/// <summary>
/// Reads <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> as the Functions host and the Application Insights SDKs do
/// (<c>Authorization=AAD</c>, with <c>ClientId=&lt;id&gt;</c> for a user-assigned managed identity), so the worker's
/// exporter authenticates with the same managed identity as the host.
/// </summary>
public static class ApplicationInsightsAuthentication
{
    public const string SettingName = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <returns>The managed identity credential the string asks for; null when it asks for none (instrumentation key ingestion).</returns>
    /// <exception cref="InvalidOperationException">The string is set but not understood.</exception>
    public static TokenCredential? CreateCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new InvalidOperationException($"{SettingName} has a part that is not 'Name=value'.");
            }

            parts[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"{SettingName} must say 'Authorization=AAD'.");
        }

        return parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
    }
}
