namespace LiveRelay.Secrets.KeyVault;

/// <summary>One version of a secret as read from the vault. <see cref="ToString"/> leaves the value out.</summary>
internal sealed class VaultSecret(string name, string version, string value, IReadOnlyDictionary<string, string> tags)
{
    public string Name { get; } = name;

    public string Version { get; } = version;

    public string Value { get; } = value;

    public IReadOnlyDictionary<string, string> Tags { get; } = tags;

    public override string ToString() => $"{Name}/{Version}";
}
