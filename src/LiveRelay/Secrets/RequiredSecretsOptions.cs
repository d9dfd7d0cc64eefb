namespace LiveRelay.Secrets;

/// <summary>
/// Secrets that must exist before the app takes work: they are read at start-up, and a missing or unreadable one
/// stops the start with a message naming it. Add names with
/// <see cref="SecretsServiceCollectionExtensions.AddRequiredSecret"/> (e.g. one per webhook source).
/// </summary>
public sealed class RequiredSecretsOptions
{
    public ISet<string> Names { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
