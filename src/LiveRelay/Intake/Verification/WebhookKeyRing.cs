using System.Runtime.CompilerServices;
using LiveRelay.Secrets;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Reads a source's named secrets through <see cref="ISecretProvider"/> and turns them into keys for its scheme. Names
/// that do not exist (yet, or any more, during a rotation) or cannot be read now are skipped; only when none yields a key is the source unusable.
/// </summary>
/// <remarks>
/// Decoded keys are remembered per verifier and per secret string, so a request does not decode (base64, hex) the same
/// secret again. The cache is keyed on the string the provider hands out: a rotated secret is a new string and is
/// decoded afresh, and the old one's entry goes when the string is collected.
/// </remarks>
internal static class WebhookKeyRing
{
    private static readonly ConditionalWeakTable<IWebhookVerifier, ConditionalWeakTable<string, byte[][]>> Decoded = new();

    /// <param name="unreadable">Receives why each secret that could not be read now was skipped.</param>
    public static async ValueTask<List<byte[]>> LoadAsync(
        ISecretProvider secrets, IWebhookVerifier verifier, IReadOnlyList<string> names, ICollection<string> unreadable, CancellationToken cancellationToken)
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
                unreadable.Add(ex.Message);
                continue;
            }

            if (!string.IsNullOrEmpty(secret))
            {
                keys.AddRange(Decode(verifier, secret));
            }
        }

        return keys;
    }

    /// <returns>The key, or nothing when the secret is not a key for this scheme.</returns>
    private static byte[][] Decode(IWebhookVerifier verifier, string secret)
    {
        var decoded = Decoded.GetValue(verifier, static _ => new ConditionalWeakTable<string, byte[][]>());
        if (!decoded.TryGetValue(secret, out var keys))
        {
            keys = verifier.DecodeKey(secret) is { } key ? [key] : [];
            decoded.AddOrUpdate(secret, keys);
        }

        return keys;
    }
}
