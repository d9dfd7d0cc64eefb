using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>
/// The Azure Storage Shared Key scheme (version 2009-09-19 and later): the string to sign from the verb, the standard
/// headers, the <c>x-ms-*</c> headers and the canonicalized resource, signed with HMAC-SHA256 under the account key.
/// </summary>
internal static class SharedKeySignature
{
    public static string BuildStringToSign(HttpRequestMessage request, string accountName, IReadOnlyList<KeyValuePair<string, string>> query)
    {
        var content = request.Content?.Headers;
        var length = content?.ContentLength is > 0 and long l ? l.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        var builder = new StringBuilder(256)
            .Append(request.Method.Method).Append('\n')
            .Append(Join(content?.ContentEncoding)).Append('\n')
            .Append(Join(content?.ContentLanguage)).Append('\n')
            .Append(length).Append('\n')
            .Append(content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : string.Empty).Append('\n')
            .Append(content?.ContentType?.ToString() ?? string.Empty).Append('\n')
            .Append('\n') // Date: x-ms-date is used instead.
            .Append('\n') // If-Modified-Since
            .Append('\n') // If-Match
            .Append('\n') // If-None-Match
            .Append('\n') // If-Unmodified-Since
            .Append('\n'); // Range

        foreach (var (name, value) in request.Headers
            .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(',', h.Value.Select(v => v.Trim()))))
            .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }

        builder.Append('/').Append(accountName).Append(request.RequestUri!.AbsolutePath);
        foreach (var group in query
            .GroupBy(p => p.Key.ToLowerInvariant(), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            builder.Append('\n').Append(group.Key).Append(':')
                .Append(string.Join(',', group.Select(p => p.Value).Order(StringComparer.Ordinal)));
        }

        return builder.ToString();
    }

    public static string Sign(string stringToSign, ReadOnlySpan<byte> key) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

    private static string Join(ICollection<string>? values) => values is { Count: > 0 } ? string.Join(',', values) : string.Empty;
}
