namespace LiveRelay.Testing;

/// <summary>How to start Azurite's queue service (and its table service): plain HTTP by default, or HTTPS with a certificate and OAuth token checks.</summary>
public sealed record AzuriteQueueServerOptions
{
    /// <summary>Serve HTTPS with this certificate (Azurite accepts bearer tokens only over HTTPS).</summary>
    public AzuriteTlsCertificate? Certificate { get; init; }

    /// <summary>Accept Entra ID bearer tokens ("basic" checks: issuer, audience, lifetime; not the signature).</summary>
    public bool OAuth { get; init; }

    /// <summary>Start Azurite's table service too, on a port of its own, with the same settings.</summary>
    public bool TableService { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Keep everything in memory (default), or on disk in a temporary directory. In memory, Azurite keeps one extent per
    /// message, and its once-a-minute garbage collection removes them one by one, each with a scan of the rest: after a
    /// minute of 150 messages a second it stopped answering for more than 30 s. Sustained runs of thousands of messages
    /// a minute want disk persistence, which packs messages into few extents.
    /// </summary>
    public bool InMemoryPersistence { get; init; } = true;
}
