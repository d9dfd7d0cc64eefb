using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Stripe: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=...]</c>, HMAC-SHA256 over <c>{t}.{body}</c> keyed with the
/// whole <c>whsec_...</c> secret as UTF-8 (Stripe does not base64-decode it). Other schemes in the header (v0) are ignored.
/// </summary>
internal sealed class StripeVerifier(TimeSpan tolerance) : IWebhookVerifier
{
    public const string SignatureHeader = "Stripe-Signature";

    public VerificationScheme Scheme => VerificationScheme.Stripe;

    // Stripe's delivery id is the event's own "id" in the body, read by the event id strategy.
    public string? DeliveryIdHeader => null;

    private const string SecretPrefix = "whsec_";

    // Stripe's endpoint signing secrets all start with whsec_; anything else is most likely an API key (sk_..., rk_...).
    public byte[]? DecodeKey(string secret, out string? problem)
    {
        problem = secret.Trim().Length > SecretPrefix.Length && secret.Trim().StartsWith(SecretPrefix, StringComparison.Ordinal)
            ? null
            : "a Stripe endpoint signing secret starts with 'whsec_' (the Dashboard shows it under the webhook endpoint; an API key such as sk_... is not one)";
        return problem is null ? Encoding.UTF8.GetBytes(secret.Trim()) : null;
    }

    public VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now)
    {
        var header = headers.Get(SignatureHeader);
        if (header is null)
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header is required.");
        }

        string? timestampText = null;
        var candidates = new List<byte[]?>();
        foreach (var item in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = item.AsSpan(0, equals);
            if (name.SequenceEqual("t"))
            {
                timestampText ??= item[(equals + 1)..];
            }
            else if (name.SequenceEqual("v1"))
            {
                candidates.Add(SignatureText.FromHex(item.AsSpan(equals + 1)));
            }
        }

        if (timestampText is null || !SignedTimestamp.TryParse(timestampText, out var timestamp))
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header has no valid timestamp (t=).");
        }

        if (candidates.Count == 0)
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header has no v1 signature.");
        }

        if (SignedTimestamp.Check($"{SignatureHeader} timestamp", timestamp, now, tolerance) is { } stale)
        {
            return VerificationOutcome.Failed($"The {stale}.");
        }

        // Stripe's library signs the parsed number, as Standard Webhooks does.
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}."));
        if (SignatureText.MatchesAnyHmacSha256(keys, prefix, body, candidates))
        {
            return VerificationOutcome.Verified;
        }

        return VerificationOutcome.Failed($"No v1 signature in the {SignatureHeader} header matches the body.");
    }
}
