using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>
/// Standard Webhooks: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64 part of a
/// <c>whsec_</c> secret; <c>webhook-signature</c> lists space-separated <c>v1,&lt;base64&gt;</c> signatures (several during rotation).
/// </summary>
internal sealed class StandardWebhooksVerifier(TimeSpan tolerance) : IWebhookVerifier
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";
    private const string SecretPrefix = "whsec_";

    public VerificationScheme Scheme => VerificationScheme.StandardWebhooks;

    public string? DeliveryIdHeader => IdHeader;

    public byte[]? DecodeKey(string secret, out string? problem)
    {
        var text = secret.AsSpan().Trim();
        if (!text.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            problem = "a Standard Webhooks secret is 'whsec_' followed by the base64 of the key; this one does not start with 'whsec_'";
            return null;
        }

        var key = SignatureText.FromBase64(text[SecretPrefix.Length..]);
        problem = key is { Length: > 0 } ? null : "a Standard Webhooks secret is 'whsec_' followed by the base64 of the key; the text after 'whsec_' is not base64";
        return problem is null ? key : null;
    }

    public VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now)
    {
        var id = headers.Get(IdHeader);
        var timestampText = headers.Get(TimestampHeader);
        var signatures = headers.GetValues(SignatureHeader);
        if (id is null || timestampText is null || signatures.Count == 0)
        {
            return VerificationOutcome.Failed($"The {IdHeader}, {TimestampHeader} and {SignatureHeader} headers are required.");
        }

        if (!SignedTimestamp.TryParse(timestampText, out var timestamp))
        {
            return VerificationOutcome.Failed($"The {TimestampHeader} header is not a Unix time in seconds.");
        }

        if (SignedTimestamp.Check(TimestampHeader, timestamp, now, tolerance) is { } stale)
        {
            return VerificationOutcome.Failed($"The {stale}.");
        }

        var candidates = ParseSignatures(signatures);
        if (candidates.Count == 0)
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header holds no v1 signature.");
        }

        // The reference libraries sign the parsed number, so "0123" and "123" sign the same content.
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}."));
        if (SignatureText.MatchesAnyHmacSha256(keys, prefix, body, candidates))
        {
            return VerificationOutcome.Verified;
        }

        return VerificationOutcome.Failed($"No signature in the {SignatureHeader} header matches the body.");
    }

    private static List<byte[]?> ParseSignatures(Microsoft.Extensions.Primitives.StringValues values)
    {
        var result = new List<byte[]?>();
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var comma = part.IndexOf(',', StringComparison.Ordinal);
                if (comma > 0 && part.AsSpan(0, comma).SequenceEqual("v1"))
                {
                    result.Add(SignatureText.FromBase64(part.AsSpan(comma + 1)));
                }
            }
        }

        return result;
    }
}
