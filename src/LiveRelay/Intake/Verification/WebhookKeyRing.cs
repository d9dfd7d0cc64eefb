using System.Runtime.CompilerServices;
using LiveRelay.Secrets;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Reads a source's named secrets through <see cref="ISecretProvider"/> and turns them into keys for its scheme. Names
/// that do not exist (any more, after a rotation), cannot be read now, or hold a value of the wrong form are skipped;
/// only when none yields a key is the source unusable.
/// </summary>
/// <remarks>
/// Decoded keys are remembered per verifier and per secret string, so a request does not decode (base64, hex) the same
/// secret again. The cache is keyed on the string the provider hands out: a rotated secret is a new string and is
/// decoded afresh, and the old one's entry goes when the string is collected.
/// </remarks>
internal static class WebhookKeyRing
{
    private static readonly ConditionalWeakTable<IWebhookVerifier, ConditionalWeakTable<string, DecodedKey>> Decoded = new();

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
                continue;
            }

            var decoded = Decode(verifier, secret);
            if (decoded.Key is { } key)
            {
                keys.Add(key);
            }
            else
            {
                unusable.Add($"Secret '{name}' ({Where(secrets, name)}) is not a usable key: {decoded.Problem}.");
            }
        }

        return keys;
    }

    /// <summary>Where the provider looks for <paramref name="name"/>: a configuration key or a vault.</summary>
    public static string Where(ISecretProvider secrets, string name) =>
        secrets is ISecretSourceDescription description ? description.Describe(name) : $"secret provider {secrets.GetType().Name}";

    private static DecodedKey Decode(IWebhookVerifier verifier, string secret)
    {
        var decoded = Decoded.GetValue(verifier, static _ => new ConditionalWeakTable<string, DecodedKey>());
        if (!decoded.TryGetValue(secret, out var result))
        {
            var key = verifier.DecodeKey(secret, out var problem);
            result = new DecodedKey(key, problem);
            decoded.AddOrUpdate(secret, result);
        }

        return result;
    }

    /// <summary>A secret decoded for a scheme: its key, or why it is not one.</summary>
    private sealed record DecodedKey(byte[]? Key, string? Problem);
}
