using Microsoft.AspNetCore.Http;

namespace LiveRelay.Emulator.Api;

/// <summary>
/// One call to the Live API endpoint as it arrived: the method, the headers, the decoded query and form parameters in
/// arrival order, and the exact body bytes (which the V3 signature hashes).
/// </summary>
internal sealed record IncomingRequest(
    string Method,
    IHeaderDictionary Headers,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    byte[] Body)
{
    public string? QueryValue(string name) => Find(Query, name);

    /// <summary>A parameter from the query or, failing that, the form body: the API reads both.</summary>
    public string? Parameter(string name) => Find(Query, name) ?? Find(Form, name);

    /// <summary>One header's value, or null when absent. Repeated headers are joined with commas.</summary>
    public string? Header(string name) =>
        Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;

    private static string? Find(IReadOnlyList<KeyValuePair<string, string>> pairs, string name)
    {
        foreach (var (key, value) in pairs)
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }
}
