using LiveRelay.Secrets;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Reads a source's named secrets through <see cref="ISecretProvider"/> and turns them into keys for its scheme. Names
/// that do not exist (any more, after a rotation), cannot be read now, or hold a value of the wrong form are skipped;
/// only when none yields a key is the source unusable.
/// </summary>
internal static class WebhookKeyRing
{
    /// <param name="unusable">Receives, for each secret that was skipped, a sentence naming it and why (never its value).</param>
    public static async ValueTask<List<byte[]>> LoadAsync(
        ISecretProvider secrets, IWebhookVerifier verifier, IReadOnlyList<string> names, ICollection<string> unusable, CancellationToken cancellationToken)
    {
        var keys = new List<byte[]>(names.Count);
        foreach (var name in names)
        {
            string? secret;
            try
            {
                secret = await secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (SecretUnavailableException ex)
            {
                // An unresolved Key Vault reference or an unreachable vault: like a missing name, so the source answers
                // 503 verification-unavailable when no other name yields a key. The message names the secret, never a value.
                unusable.Add(ex.Message);
                continue;
            }

            if (string.IsNullOrEmpty(secret))
            {
                unusable.Add($"Secret '{name}' does not exist ({Where(secrets, name)}).");
            }
            else if (verifier.DecodeKey(secret, out var problem) is { } key)
            {
                keys.Add(key);
            }
            else
            {
                unusable.Add($"Secret '{name}' ({Where(secrets, name)}) is not a usable key: {problem}.");
            }
        }

        return keys;
    }

    /// <summary>Where the provider looks for <paramref name="name"/>: a configuration key or a vault.</summary>
    public static string Where(ISecretProvider secrets, string name) =>
        secrets is ISecretSourceDescription description ? description.Describe(name) : $"secret provider {secrets.GetType().Name}";
}
