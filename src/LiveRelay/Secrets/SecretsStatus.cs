namespace LiveRelay.Secrets;

/// <summary>
/// What could not be read at start-up or at the latest refresh: one sentence per secret, naming its source and name,
/// never a value. Empty when everything is there. Health answers report it.
/// </summary>
public sealed class SecretsStatus
{
    private volatile IReadOnlyList<string> _missing = [];

    public IReadOnlyList<string> Missing => _missing;

    internal void Set(IReadOnlyList<string> missing) => _missing = missing;
}
