using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>GitHub: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>, keyed with the secret's UTF-8 bytes.</summary>
internal sealed class GitHubVerifier : IWebhookVerifier
{
    public const string SignatureHeader = "X-Hub-Signature-256";
    public const string DeliveryHeader = "X-GitHub-Delivery";
    private const string Prefix = "sha256=";

    public VerificationScheme Scheme => VerificationScheme.GitHub;

    public string? DeliveryIdHeader => DeliveryHeader;

    public byte[]? DecodeKey(string secret, out string? problem)
    {
        problem = secret.Length == 0 ? "the secret is empty" : null;
        return problem is null ? Encoding.UTF8.GetBytes(secret) : null;
    }

    public VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now)
    {
        var header = headers.Get(SignatureHeader);
        if (header is null)
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header is required.");
        }

        var value = header.AsSpan().Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header must start with '{Prefix}'.");
        }

        var candidate = SignatureText.FromHex(value[Prefix.Length..]);
        if (candidate is null)
        {
            return VerificationOutcome.Failed($"The {SignatureHeader} header's signature is not hex.");
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (var key in keys)
        {
            HMACSHA256.HashData(key, body, expected);
            if (SignatureText.Matches(expected, candidate))
            {
                return VerificationOutcome.Verified;
            }
        }

        return VerificationOutcome.Failed($"The {SignatureHeader} signature does not match the body.");
    }
}
