namespace LiveRelay.Secrets.Configuration;

/// <summary>
/// App Service and Functions replace an app setting of the form <c>@Microsoft.KeyVault(...)</c> with the secret
/// before the app starts. A value that still has that form was not resolved (a local run, or the platform could
/// not read the vault) and must not be used as a secret.
/// </summary>
internal static class KeyVaultReference
{
    private const string Prefix = "@Microsoft.KeyVault(";

    public static bool IsUnresolved(string? value) =>
        value is not null && value.AsSpan().TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public static SecretUnavailableException UnresolvedError(string key) => new(
        key,
        null,
        $"The setting '{key}' holds a Key Vault reference (@Microsoft.KeyVault(...)) that was not resolved. The Functions and " +
        "App Service platform resolves these in Azure only, with the app's identity; check that identity's access to the vault, " +
        "or set the value itself for local runs.");
}
