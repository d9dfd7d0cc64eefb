namespace LiveRelay.Secrets;

/// <summary>
/// What could not be read at start-up or at the latest refresh: one sentence per secret, naming its source and name,
/// never a value. Empty when everything is there. Health answers report it. The key pair and required secrets
/// (<see cref="SecretsRefreshService"/>) and the sources' signing secrets (<see cref="Hosting.Startup.SourceSecretsStartupCheck"/>)
/// are kept apart, so each refresh replaces only its own part.
/// </summary>
public sealed class SecretsStatus
{
    private volatile IReadOnlyList<string> _credentials = [];
    private volatile IReadOnlyList<string> _sourceSecrets = [];

    public IReadOnlyList<string> Missing => _sourceSecrets.Count == 0 ? _credentials : [.. _credentials, .. _sourceSecrets];

    internal void Set(IReadOnlyList<string> missing) => _credentials = missing;

    internal void SetSourceSecrets(IReadOnlyList<string> missing) => _sourceSecrets = missing;
}
