using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>
/// The RPC signature V1 (HMAC-SHA1, <c>SignatureVersion=1.0</c>): every query and form-body parameter
/// except <c>Signature</c>, sorted and percent-encoded, signed with <c>AccessKeySecret + "&amp;"</c>.
/// </summary>
public static class RpcSignatureV1
{
    public const string SignatureMethod = "HMAC-SHA1";
    public const string Version = "1.0";

    public static string BuildStringToSign(string method, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(parameters);

        var sorted = parameters.Where(static p => p.Key != "Signature").ToList();
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var canonical = new StringBuilder(512);
        foreach (var (name, value) in sorted)
        {
            if (canonical.Length > 0)
            {
                canonical.Append('&');
            }

            AcsPercentEncoding.Encode(canonical, name);
            canonical.Append('=');
            AcsPercentEncoding.Encode(canonical, value ?? string.Empty);
        }

        return method + "&%2F&" + AcsPercentEncoding.Encode(canonical.ToString());
    }

    /// <summary>Base64 HMAC-SHA1 of the string to sign, keyed with <c>AccessKeySecret + "&amp;"</c>.</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
#pragma warning disable CA5350 // HMAC-SHA1 is what the V1 scheme is; callers choose V3 unless they need V1.
        HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign), mac);
#pragma warning restore CA5350
        return Convert.ToBase64String(mac);
    }
}
