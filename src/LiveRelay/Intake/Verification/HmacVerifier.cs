using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Verification;

/// <summary>Generic HMAC of the raw body in a configurable header: algorithm, hex or base64, optional prefix, secret encoding.</summary>
internal sealed class HmacVerifier(HmacSettings settings) : IWebhookVerifier
{
    public VerificationScheme Scheme => VerificationScheme.Hmac;

    public string? DeliveryIdHeader => null;

    public HmacSettings Settings => settings;

    public byte[]? DecodeKey(string secret, out string? problem)
    {
        var key = settings.SecretEncoding switch
        {
            HmacSecretEncoding.Base64 => SignatureText.FromBase64(secret),
            HmacSecretEncoding.Hex => SignatureText.FromHex(secret),
            _ => Encoding.UTF8.GetBytes(secret),
        };
        problem = key is { Length: > 0 } ? null : settings.SecretEncoding switch
        {
            HmacSecretEncoding.Base64 => "with SecretEncoding 'base64' the secret must be base64 text (A-Z, a-z, 0-9, +, / and = padding) of at least one byte",
            HmacSecretEncoding.Hex => "with SecretEncoding 'hex' the secret must be an even number of hexadecimal digits",
            _ => "the secret is empty",
        };
        return problem is null ? key : null;
    }

    public VerificationOutcome Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, IReadOnlyList<byte[]> keys, DateTimeOffset now)
    {
        var header = headers.Get(settings.Header);
        if (header is null)
        {
            return VerificationOutcome.Failed($"The {settings.Header} header is required.");
        }

        var value = header.AsSpan().Trim();
        if (settings.Prefix.Length > 0)
        {
            if (!value.StartsWith(settings.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return VerificationOutcome.Failed($"The {settings.Header} header must start with '{settings.Prefix}'.");
            }

            value = value[settings.Prefix.Length..];
        }

        var candidate = settings.Base64Signature ? SignatureText.FromBase64(value) : SignatureText.FromHex(value);
        if (candidate is null)
        {
            return VerificationOutcome.Failed($"The {settings.Header} header's signature is not {(settings.Base64Signature ? "base64" : "hex")}.");
        }

        Span<byte> expected = stackalloc byte[64];
        foreach (var key in keys)
        {
            var written = CryptographicOperations.HmacData(settings.Algorithm, key, body, expected);
            if (SignatureText.Matches(expected[..written], candidate))
            {
                return VerificationOutcome.Verified;
            }
        }

        return VerificationOutcome.Failed($"The {settings.Header} signature does not match the body.");
    }
}
