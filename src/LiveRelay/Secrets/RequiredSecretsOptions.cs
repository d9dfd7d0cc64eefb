namespace LiveRelay.Secrets;

/// <summary>
/// Secrets that must exist before the app takes work: they are read at start-up, and a missing or unreadable one
/// stops the start with a message naming it. Add names with
/// <see cref="SecretsServiceCollectionExtensions.AddRequiredSecret"/> (e.g. one per webhook source).
/// </summary>
public sealed class RequiredSecretsOptions
{
    public ISet<string> Names { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Start even when the key pair or a required secret cannot be read (the Functions app: right after deployment
    /// the key is not in the vault yet, and role assignments take minutes to apply). What is missing is logged and
    /// reported by <see cref="SecretsStatus"/>, checked again on every refresh, and sends wait for it meanwhile.
    /// </summary>
    public bool StartWithoutSecrets { get; set; }
}
