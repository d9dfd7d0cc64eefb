namespace LiveRelay.Testing;

/// <summary>How to start Azurite's queue service: plain HTTP by default, or HTTPS with a certificate and OAuth token checks.</summary>
public sealed record AzuriteQueueServerOptions
{
    /// <summary>Serve HTTPS with this certificate (Azurite accepts bearer tokens only over HTTPS).</summary>
    public AzuriteTlsCertificate? Certificate { get; init; }

    /// <summary>Accept Entra ID bearer tokens ("basic" checks: issuer, audience, lifetime; not the signature).</summary>
    public bool OAuth { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
