using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Cli.Signing;

/// <summary>
/// Signs a test webhook the way each scheme's senders do, written from the schemes' documentation (not from LiveRelay's
/// verifiers, so the two check each other), with a fresh timestamp where the scheme signs one.
/// </summary>
internal static class WebhookSigner
{
    public const string None = "none";
    public const string Hmac = "hmac";
    public const string GitHub = "github";
    public const string Stripe = "stripe";
    public const string StandardWebhooks = "standard-webhooks";

    public static readonly string[] Schemes = [Hmac, GitHub, Stripe, StandardWebhooks, None];

    /// <summary>The headers that carry the signature (and the scheme's delivery id and timestamp).</summary>
    /// <exception cref="CliUsageException">The secret is not in the form the scheme needs, or an hmac setting is unknown.</exception>
    public static List<KeyValuePair<string, string>> Sign(string scheme, string secret, byte[] body, DateTimeOffset now, HmacSigning? hmac, string? messageId)
    {
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        switch (scheme)
        {
            case None:
                return [];
            case GitHub:
                return
                [
                    new("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))),
                    new("X-GitHub-Delivery", Guid.NewGuid().ToString()),
                ];
            case Stripe:
                return [new("Stripe-Signature", $"t={timestamp},v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Join(timestamp, body))))];
            case StandardWebhooks:
                var id = messageId ?? "msg_" + Guid.NewGuid().ToString("N");
                return
                [
                    new("webhook-id", id),
                    new("webhook-timestamp", timestamp),
                    new("webhook-signature", "v1," + Convert.ToBase64String(HMACSHA256.HashData(StandardWebhooksKey(secret), Join($"{id}.{timestamp}", body)))),
                ];
            case Hmac:
                ArgumentNullException.ThrowIfNull(hmac);
                var mac = CryptographicOperations.HmacData(Algorithm(hmac.Algorithm), HmacKey(secret, hmac.SecretEncoding), body);
                var text = hmac.Encoding.Equals("base64", StringComparison.OrdinalIgnoreCase) ? Convert.ToBase64String(mac) : Convert.ToHexStringLower(mac);
                return [new(hmac.Header, hmac.Prefix + text)];
            default:
                throw new CliUsageException($"--scheme '{scheme}' is not one of {string.Join(", ", Schemes)}.");
        }
    }

    private static byte[] Join(string signedPrefix, byte[] body) => [.. Encoding.UTF8.GetBytes(signedPrefix + "."), .. body];

    private static byte[] StandardWebhooksKey(string secret)
    {
        const string prefix = "whsec_";
        var text = secret.Trim();
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new CliUsageException("A Standard Webhooks secret is 'whsec_' followed by the base64 of the key; this one does not start with 'whsec_'.");
        }

        try
        {
            return Convert.FromBase64String(text[prefix.Length..]);
        }
        catch (FormatException)
        {
            throw new CliUsageException("A Standard Webhooks secret is 'whsec_' followed by the base64 of the key; the text after 'whsec_' is not base64.");
        }
    }

    private static byte[] HmacKey(string secret, string encoding)
    {
        try
        {
            return encoding.ToLowerInvariant() switch
            {
                "base64" => Convert.FromBase64String(secret.Trim()),
                "hex" => Convert.FromHexString(secret.Trim()),
                "utf8" or "" => Encoding.UTF8.GetBytes(secret),
                _ => throw new CliUsageException($"--secret-encoding '{encoding}' is not one of utf8, base64, hex."),
            };
        }
        catch (FormatException)
        {
            throw new CliUsageException($"The secret is not {encoding} text, as --secret-encoding (or the source's SecretEncoding) says it is.");
        }
    }

    private static HashAlgorithmName Algorithm(string name) => name.ToLowerInvariant() switch
    {
        "sha1" => HashAlgorithmName.SHA1,
        "sha256" or "" => HashAlgorithmName.SHA256,
        "sha384" => HashAlgorithmName.SHA384,
        "sha512" => HashAlgorithmName.SHA512,
        _ => throw new CliUsageException($"--algorithm '{name}' is not one of sha1, sha256, sha384, sha512."),
    };
}
