using Microsoft.Extensions.Configuration;

namespace LiveRelay.Storage;

/// <summary>
/// Where a storage connection's settings are, found the way the Functions runtime finds <c>AzureWebJobsStorage</c>:
/// <c>ConnectionStrings:&lt;name&gt;</c>, then <c>&lt;name&gt;</c>, either a connection string (<c>UseDevelopmentStorage=true</c>,
/// or an account key with optional explicit endpoints such as Azurite's) or a section of identity-based settings
/// (<c>&lt;name&gt;__queueServiceUri</c>, <c>__tableServiceUri</c>, <c>__accountName</c>, <c>__credential</c>, <c>__clientId</c>, ...).
/// Never shows a key.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>The Functions host's own storage: the app's queues (and tables) live there.</summary>
    public const string DefaultName = "AzureWebJobsStorage";

    private StorageConnection(string name, IConfigurationSection? section)
    {
        Name = name;
        Section = section;
    }

    public string Name { get; }

    /// <summary>False when nothing is configured: callers fall back (queues in memory).</summary>
    public bool IsConfigured => Section is not null;

    /// <summary>A connection string rather than identity-based settings.</summary>
    public bool IsConnectionString => Section?.Value is { Length: > 0 };

    /// <summary>The settings: a value (connection string) or children (identity-based); null when not configured.</summary>
    internal IConfigurationSection? Section { get; }

    public static StorageConnection Read(IConfiguration configuration, string name = DefaultName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var section = new[] { configuration.GetSection("ConnectionStrings").GetSection(name), configuration.GetSection(name) }
            .FirstOrDefault(static s => s.Exists() && (!string.IsNullOrWhiteSpace(s.Value) || s.GetChildren().Any(c => !string.IsNullOrWhiteSpace(c.Value))));
        return new StorageConnection(name, section);
    }

    /// <summary>The service endpoint identity-based settings give for <paramref name="service"/> (<c>queue</c>, <c>table</c>), as the runtime reads them.</summary>
    internal Uri? IdentityServiceUri(string service)
    {
        if (Section is null || IsConnectionString)
        {
            return null;
        }

        if (Section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        var setting = service + "ServiceUri";
        if (Section[setting] is not { Length: > 0 } uri)
        {
            return null;
        }

        return Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"Setting '{Name}:{setting}' is not an absolute URI.");
    }

    public override string ToString() =>
        Section is null ? $"{Name} (not configured)"
        : IsConnectionString ? $"{Name} (connection string)"
        : $"{Name} (identity-based: {string.Join(", ", new[] { "queue", "table" }.Select(s => Describe(s)).OfType<string>())})";

    private string? Describe(string service)
    {
        try
        {
            return IdentityServiceUri(service) is { } uri ? $"{service} {uri.GetLeftPart(UriPartial.Path)}" : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
