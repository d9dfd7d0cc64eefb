using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>
/// ACS3-HMAC-SHA256, the Alibaba Cloud V3 request signature. The pieces are public so that a verifier
/// (the emulator) rebuilds the canonical request exactly as the signer did.
/// </summary>
public static class AcsSignatureV3
{
    public const string Algorithm = "ACS3-HMAC-SHA256";

    /// <summary>The lower-case hex SHA-256 of an empty body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Whether the official SDKs sign a header of this (lower-case) name.</summary>
    public static bool IsSignedHeader(string lowerCaseName)
    {
        ArgumentNullException.ThrowIfNull(lowerCaseName);
        return lowerCaseName.StartsWith("x-acs-", StringComparison.Ordinal)
            || lowerCaseName is "host" or "content-type";
    }

    /// <summary>Lower-case hex SHA-256 of the exact body bytes.</summary>
    public static string HashPayload(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return EmptyPayloadHash;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Builds the canonical request. <paramref name="query"/> holds decoded names and values;
    /// <paramref name="headers"/> holds the headers to sign (any case; names are lower-cased, values trimmed,
    /// and repeated names joined with commas as the SDKs do).
    /// </summary>
    public static string BuildCanonicalRequest(
        string method,
        string canonicalUri,
        IEnumerable<KeyValuePair<string, string>> query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string hashedPayload,
        out string signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(canonicalUri);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(hashedPayload);

        var builder = new StringBuilder(512);
        builder.Append(method).Append('\n').Append(canonicalUri).Append('\n');

        var first = true;
        foreach (var (name, value) in SortOrdinal(query))
        {
            if (!first)
            {
                builder.Append('&');
            }

            first = false;
            AcsPercentEncoding.Encode(builder, name);
            builder.Append('=');
            AcsPercentEncoding.Encode(builder, value ?? string.Empty);
        }

        builder.Append('\n');

        var grouped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var lower = name.ToLowerInvariant();
            if (!grouped.TryGetValue(lower, out var values))
            {
                grouped[lower] = values = [];
            }

            values.Add((value ?? string.Empty).Trim());
        }

        foreach (var (name, values) in grouped)
        {
            if (values.Count > 1)
            {
                values.Sort(StringComparer.Ordinal);
            }

            builder.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }

        signedHeaders = string.Join(';', grouped.Keys);
        builder.Append('\n').Append(signedHeaders).Append('\n').Append(hashedPayload);
        return builder.ToString();
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> followed by the hex SHA-256 of the canonical request.</summary>
    public static string BuildStringToSign(string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return Algorithm + "\n" + HashPayload(Encoding.UTF8.GetBytes(canonicalRequest));
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the string to sign, keyed with the AccessKeySecret itself.</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(accessKeySecret), Encoding.UTF8.GetBytes(stringToSign), mac);
        return Convert.ToHexStringLower(mac);
    }

    public static string BuildAuthorization(string accessKeyId, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";

    private static IEnumerable<KeyValuePair<string, string>> SortOrdinal(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var list = pairs.ToList();
        list.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Key, b.Key);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return list;
    }
}
