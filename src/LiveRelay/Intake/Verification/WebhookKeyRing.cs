using LiveRelay.Secrets;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Reads a source's named secrets through <see cref="ISecretProvider"/> and turns them into keys for its scheme. Names
/// that do not exist (yet, or any more, during a rotation) or cannot be read now are skipped; only when none yields a key is the source unusable.
/// </summary>
internal static class WebhookKeyRing
{
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

            if (!string.IsNullOrEmpty(secret) && verifier.DecodeKey(secret) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
