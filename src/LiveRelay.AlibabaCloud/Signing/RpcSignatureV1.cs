using System.Security.Cryptography;

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

        using var sorted = PooledPairs.CopySorted(parameters, include: static p => p.Key != "Signature");
        var builder = StringBuilderCache.Acquire(1024);
        builder.Append(method).Append("&%2F&");
        var pairs = sorted.Span;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                builder.Append("%26");
            }

            // The canonical query is encoded once more as a whole; doing both passes per value skips building it.
            AcsPercentEncoding.EncodeTwice(builder, pairs[i].Key);
            builder.Append("%3D");
            AcsPercentEncoding.EncodeTwice(builder, pairs[i].Value ?? string.Empty);
        }

        return StringBuilderCache.GetStringAndRelease(builder);
    }

    /// <summary>Base64 HMAC-SHA1 of the string to sign, keyed with <c>AccessKeySecret + "&amp;"</c>.</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        Hmac.Sha1(accessKeySecret, '&', stringToSign, mac);
        return Convert.ToBase64String(mac);
    }
}
