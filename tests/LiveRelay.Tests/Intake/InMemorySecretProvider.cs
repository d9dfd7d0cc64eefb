using LiveRelay.Secrets;

namespace LiveRelay.Tests.Intake;

/// <summary>Secrets held in memory, changeable during a test (to rotate a secret).</summary>
internal sealed class InMemorySecretProvider : ISecretProvider
{
    private readonly Dictionary<string, string> _secrets = new(StringComparer.Ordinal);

    public InMemorySecretProvider(params (string Name, string Value)[] secrets)
    {
        foreach (var (name, value) in secrets)
        {
            _secrets[name] = value;
        }
    }

    public List<string> Requested { get; } = [];

    public void Set(string name, string value) => _secrets[name] = value;

    public void Remove(string name) => _secrets.Remove(name);

    /// <summary>Reads of the name fail as an unreachable vault's would.</summary>
    public HashSet<string> Unreadable { get; } = new(StringComparer.Ordinal);

    public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        Requested.Add(name);
        if (Unreadable.Contains(name))
        {
            throw new SecretUnavailableException(name, new Uri("https://vault.invalid/"), $"Could not read secret '{name}': the vault could not be reached.");
        }

        return ValueTask.FromResult(_secrets.TryGetValue(name, out var value) ? value : null);
    }
}
