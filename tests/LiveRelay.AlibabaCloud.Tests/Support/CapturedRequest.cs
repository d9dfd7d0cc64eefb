using System.Net;
using System.Text;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>One HTTP request exactly as it arrived on the socket: request line, headers in order, body bytes.</summary>
public sealed record CapturedRequest(
    string Method,
    string Target,
    string HttpVersion,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body)
{
    public string Path => Target.Split('?', 2)[0];

    /// <summary>The raw query string, without the leading '?'.</summary>
    public string RawQuery => Target.Split('?', 2) is [_, var query] ? query : string.Empty;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Decoded query parameters in the order they were sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query => DecodePairs(RawQuery);

    /// <summary>Decoded form-body parameters in the order they were sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form => DecodePairs(BodyText);

    /// <summary>Names of the query parameters, in order.</summary>
    public IReadOnlyList<string> QueryNames => Query.Select(p => p.Key).ToList();

    /// <summary>Every value of a header (names compared case-insensitively).</summary>
    public IReadOnlyList<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();

    /// <summary>The single value of a header, or null when absent; fails when the header is repeated.</summary>
    public string? Header(string name) => HeaderValues(name) switch
    {
        [] => null,
        [var one] => one,
        var many => throw new InvalidOperationException($"Header {name} was sent {many.Count} times."),
    };

    public bool HasHeader(string name) => HeaderValues(name).Count > 0;

    /// <summary>The single decoded value of a query parameter, or null when absent.</summary>
    public string? QueryValue(string name) => Query.Where(p => p.Key == name).Select(p => p.Value).SingleOrDefault();

    private static List<KeyValuePair<string, string>> DecodePairs(string encoded)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (encoded.Length == 0)
        {
            return pairs;
        }

        foreach (var part in encoded.Split('&'))
        {
            var (name, value) = part.Split('=', 2) is [var n, var v] ? (n, v) : (part, string.Empty);

            // WebUtility.UrlDecode reads '+' as a space, which is right for form bodies and harmless for
            // queries that encode a literal plus as %2B.
            pairs.Add(new(WebUtility.UrlDecode(name), WebUtility.UrlDecode(value)));
        }

        return pairs;
    }
}
