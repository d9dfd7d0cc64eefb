using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Tests.Intake;

/// <summary>
/// Signs test requests the way each scheme's documentation describes, written independently of the verifiers.
/// <see cref="Verification.SignatureVectorTests"/> proves these against the published vectors.
/// </summary>
internal static class TestSignatures
{
    public static Dictionary<string, string> StandardWebhooks(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        return new()
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture),
            ["webhook-signature"] = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)),
        };
    }

    public static Dictionary<string, string> GitHub(string secret, string body, string delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958") => new()
    {
        ["X-Hub-Signature-256"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body))),
        ["X-GitHub-Delivery"] = delivery,
    };

    public static Dictionary<string, string> Stripe(string secret, long timestamp, string body) => new()
    {
        ["Stripe-Signature"] = $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1=" + StripeSignature(secret, timestamp, body),
    };

    public static string StripeSignature(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}")));

    public static byte[] Hmac(HashAlgorithmName algorithm, byte[] key, string body) =>
        CryptographicOperations.HmacData(algorithm, key, Encoding.UTF8.GetBytes(body));
}
