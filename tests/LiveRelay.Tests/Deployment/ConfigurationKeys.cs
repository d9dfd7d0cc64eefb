namespace LiveRelay.Tests.Deployment;

/// <summary>
/// Setting names in their two spellings: <c>LiveRelay:KeyVault:Uri</c> in code and JSON configuration,
/// <c>LiveRelay__KeyVault__Uri</c> in Azure app settings and environment variables (':' is not allowed there on Linux).
/// </summary>
internal static class ConfigurationKeys
{
    /// <summary>.NET configuration keys are case-insensitive, so every comparison here is too.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    public static string Normalize(string key) => key.Replace("__", ":", StringComparison.Ordinal);

    public static string ToAppSettingName(string key) => key.Replace(":", "__", StringComparison.Ordinal);

    public static bool IsUnder(string key, string section) =>
        key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);

    public static bool IsLiveRelay(string key) => key.Equals("LiveRelay", StringComparison.OrdinalIgnoreCase) || IsUnder(key, "LiveRelay");
}
