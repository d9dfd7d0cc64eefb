namespace LiveRelay.Operations.Access;

/// <summary>
/// Settings under <c>LiveRelay:Admin</c>: the keys that open the admin API (<c>X-LiveRelay-Admin-Key</c>). They are not
/// function keys: a function key lets a system send events, an admin key lets a person read and replay parked messages.
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "LiveRelay:Admin";

    /// <summary>
    /// Keys by a name of the operator's choosing, e.g. <c>LiveRelay:Admin:Keys:ops=...</c> or <c>LiveRelay:Admin:Keys:0=...</c>
    /// (environment <c>LiveRelay__Admin__Keys__ops</c>): for local runs and tests. The name only tells keys apart.
    /// </summary>
    public Dictionary<string, string> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Names of secrets that hold keys, read like the other secrets (<c>LiveRelay:KeyVault:Uri</c> set: that vault,
    /// refreshed and rotated with it; otherwise <c>LiveRelay:Secrets:&lt;name&gt;</c>). The way to configure it in Azure.
    /// </summary>
    public List<string> KeySecretNames { get; } = [];

    /// <summary>Whether any key is configured, read or not.</summary>
    public bool HasKeys => Keys.Values.Any(static k => !string.IsNullOrEmpty(k)) || KeySecretNames.Count > 0;
}
