using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// Makes a webhook's signature headers for its source's scheme, right or wrong on purpose: valid, missing, forged
/// (random), signed with another secret, signed over another body, expired or future timestamps (a replay after the
/// window, or a forged clock), a stale signature under a fresh timestamp (a replay with the timestamp changed), or cut short.
/// </summary>
internal sealed class HostileSigner(IConfiguration settings, IReadOnlyDictionary<string, string> secrets)
{
    private static readonly TimeSpan Skew = TimeSpan.FromHours(1);

    public Dictionary<string, string> Headers(string source, string mode, byte[] body, string caseId, IReadOnlyDictionary<string, string> caseHeaders)
    {
        var verification = settings.GetSection($"LiveRelay:Sources:{source}:Verification");
        var scheme = verification["Scheme"] ?? throw new InvalidOperationException($"Source '{source}' is not in tests/hostile/settings.json.");
        var secretName = verification["SecretNames:0"] ?? throw new InvalidOperationException($"Source '{source}' has no secret name.");
        var secret = secrets[secretName];
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (mode == "missing")
        {
            return headers;
        }

        var key = mode == "wrong-secret" ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : secret;
        var content = mode == "other-body" ? Concat(body, "\n"u8.ToArray()) : body;
        var now = DateTimeOffset.UtcNow;
        var signedAt = mode switch
        {
            "expired" or "stale" => now - Skew,
            "future" => now + Skew,
            _ => now,
        };
        var shownAt = mode == "stale" ? now : signedAt;
        var timestamped = scheme is "stripe" or "standard-webhooks";
        if (!timestamped && mode is "expired" or "future" or "stale")
        {
            throw new InvalidOperationException($"Signature mode '{mode}' needs a timestamped scheme; '{source}' uses {scheme}.");
        }

        switch (scheme)
        {
            case "github":
                headers["X-Hub-Signature-256"] = "sha256=" + Finish(mode, HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), content), hex: true);
                break;
            case "hmac":
                var algorithm = (verification["Algorithm"] ?? "sha256").ToUpperInvariant() switch
                {
                    "SHA1" => HashAlgorithmName.SHA1,
                    "SHA384" => HashAlgorithmName.SHA384,
                    "SHA512" => HashAlgorithmName.SHA512,
                    _ => HashAlgorithmName.SHA256,
                };
                var hex = !string.Equals(verification["Encoding"], "base64", StringComparison.OrdinalIgnoreCase);
                headers[verification["Header"]!] = (verification["Prefix"] ?? string.Empty)
                    + Finish(mode, CryptographicOperations.HmacData(algorithm, Encoding.UTF8.GetBytes(key), content), hex);
                break;
            case "stripe":
                var t = Unix(signedAt);
                var stripe = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Concat(Encoding.UTF8.GetBytes(t + "."), content));
                headers["Stripe-Signature"] = $"t={Unix(shownAt)},v1={Finish(mode, stripe, hex: true)}";
                break;
            case "standard-webhooks":
                var id = caseHeaders.TryGetValue("webhook-id", out var given) ? given : "msg_" + caseId;
                var ts = Unix(signedAt);
                var keyBytes = Convert.FromBase64String(key["whsec_".Length..]);
                var standard = HMACSHA256.HashData(keyBytes, Concat(Encoding.UTF8.GetBytes($"{id}.{ts}."), content));
                headers["webhook-id"] = id;
                headers["webhook-timestamp"] = Unix(shownAt);
                headers["webhook-signature"] = "v1," + Finish(mode, standard, hex: false);
                break;
            default:
                throw new InvalidOperationException($"Source '{source}' uses scheme '{scheme}', which signs nothing.");
        }

        return headers;
    }

    private static string Finish(string mode, byte[] signature, bool hex)
    {
        if (mode == "forged")
        {
            signature = RandomNumberGenerator.GetBytes(signature.Length);
        }

        var text = hex ? Convert.ToHexStringLower(signature) : Convert.ToBase64String(signature);
        return mode == "truncated" ? text[..^4] : text;
    }

    private static byte[] Concat(byte[] first, byte[] second) => [.. first, .. second];

    private static string Unix(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
