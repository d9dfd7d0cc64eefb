namespace LiveRelay.Standalone.Hosting;

/// <summary>
/// Settings under <c>LiveRelay:FunctionKeys</c>: named keys that callers of function-level endpoints send as
/// <c>x-functions-key</c> or <c>?code=</c>, as with the Functions host. With no key configured the endpoints are open,
/// as they are under the local Functions host, and the host says so at start-up.
/// </summary>
public sealed class FunctionKeysOptions
{
    public const string SectionName = "LiveRelay:FunctionKeys";

    /// <summary>Key name to key value, e.g. <c>LiveRelay:FunctionKeys:Keys:shop=...</c>.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);
}
