namespace LiveRelay.Standalone.Hosting;

/// <summary>
/// Settings under <c>LiveRelay:FunctionKeys</c>: named keys that callers of function-level endpoints send as
/// <c>x-functions-key</c> or <c>?code=</c>, as with the Functions host. Without a key the endpoints are open, which the
/// host allows in Development (as the local Functions host does) and elsewhere only with <see cref="AllowAnonymous"/>;
/// an open host answers only requests addressed to a loopback name, unless <c>AllowedHosts</c> says otherwise.
/// </summary>
public sealed class FunctionKeysOptions
{
    public const string SectionName = "LiveRelay:FunctionKeys";

    /// <summary>Key name to key value, e.g. <c>LiveRelay:FunctionKeys:Keys:shop=...</c>.</summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    /// <summary>True to run without keys outside Development on purpose (say, behind a gateway that authenticates).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Whether any usable key is configured.</summary>
    public bool HasKeys => Keys.Values.Any(static key => !string.IsNullOrEmpty(key));
}
