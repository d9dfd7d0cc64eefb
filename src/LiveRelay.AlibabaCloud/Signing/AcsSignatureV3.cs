using System.Security.Cryptography;

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

        using var sortedQuery = PooledPairs.CopySorted(query);
        using var sortedHeaders = PooledPairs.CopySorted(
            headers, map: static h => new(h.Key.ToLowerInvariant(), (h.Value ?? string.Empty).Trim()));

        var builder = StringBuilderCache.Acquire(1024);
        builder.Append(method).Append('\n').Append(canonicalUri).Append('\n');
        var pairs = sortedQuery.Span;
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('&');
            }

            AcsPercentEncoding.Encode(builder, pairs[i].Key);
            builder.Append('=');
            AcsPercentEncoding.Encode(builder, pairs[i].Value ?? string.Empty);
        }

        builder.Append('\n');

        // Sorted by name then value, so a repeated header's values are adjacent and already in order.
        var sorted = sortedHeaders.Span;
        for (var i = 0; i < sorted.Length; i++)
        {
            var repeated = i > 0 && sorted[i].Key == sorted[i - 1].Key;
            if (repeated)
            {
                builder.Length--;
                builder.Append(',');
            }
            else
            {
                builder.Append(sorted[i].Key).Append(':');
            }

            builder.Append(sorted[i].Value).Append('\n');
        }

        builder.Append('\n');
        var signedStart = builder.Length;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i].Key == sorted[i - 1].Key)
            {
                continue;
            }

            if (builder.Length > signedStart)
            {
                builder.Append(';');
            }

            builder.Append(sorted[i].Key);
        }

        signedHeaders = builder.ToString(signedStart, builder.Length - signedStart);
        builder.Append('\n').Append(hashedPayload);
        return StringBuilderCache.GetStringAndRelease(builder);
    }

    /// <summary><c>ACS3-HMAC-SHA256\n</c> followed by the hex SHA-256 of the canonical request.</summary>
    public static string BuildStringToSign(string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        Hmac.HashUtf8(canonicalRequest, hash);
        Span<char> text = stackalloc char[Algorithm.Length + 1 + (SHA256.HashSizeInBytes * 2)];
        Algorithm.CopyTo(text);
        text[Algorithm.Length] = '\n';
        Convert.TryToHexStringLower(hash, text[(Algorithm.Length + 1)..], out _);
        return new string(text);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the string to sign, keyed with the AccessKeySecret itself.</summary>
    public static string ComputeSignature(string stringToSign, string accessKeySecret)
    {
        ArgumentNullException.ThrowIfNull(stringToSign);
        ArgumentNullException.ThrowIfNull(accessKeySecret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Hmac.Sha256(accessKeySecret, stringToSign, mac);
        return Convert.ToHexStringLower(mac);
    }

    public static string BuildAuthorization(string accessKeyId, string signedHeaders, string signature) =>
        $"{Algorithm} Credential={accessKeyId},SignedHeaders={signedHeaders},Signature={signature}";
}
