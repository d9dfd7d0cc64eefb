using LiveRelay.Secrets;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Reads a source's named secrets through <see cref="ISecretProvider"/> and turns them into keys for its scheme. Names
/// that do not exist (yet, or any more, during a rotation) are skipped; only when none yields a key is the source unusable.
/// </summary>
internal static class WebhookKeyRing
{
    public static async ValueTask<List<byte[]>> LoadAsync(
        ISecretProvider secrets, IWebhookVerifier verifier, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var keys = new List<byte[]>(names.Count);
        foreach (var name in names)
        {
            var secret = await secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(secret) && verifier.DecodeKey(secret) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }
}
