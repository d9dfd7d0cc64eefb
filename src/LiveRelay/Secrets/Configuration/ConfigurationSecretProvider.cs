using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRelay.Secrets.Configuration;

/// <summary>
/// Named secrets from configuration, <c>LiveRelay:Secrets:&lt;name&gt;</c> (local.settings.json, user secrets,
/// environment), for local runs and the emulator. Read live, so reloaded configuration is picked up. A name's
/// dashes may also be written as underscores (<c>LiveRelay__Secrets__github_webhook</c>), since app setting and
/// environment variable names often cannot hold dashes.
/// </summary>
public sealed partial class ConfigurationSecretProvider : ISecretProvider, ISecretSourceDescription
{
    public const string ConfigurationSection = "LiveRelay:Secrets";

    private readonly IConfiguration _configuration;

    public ConfigurationSecretProvider(
        IConfiguration configuration,
        ILogger<ConfigurationSecretProvider>? logger = null,
        IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        if (environment is null || !environment.IsDevelopment())
        {
            LogNotDevelopment((ILogger?)logger ?? NullLogger.Instance, environment?.EnvironmentName ?? "(unknown)");
        }
    }

    Uri? ISecretSourceDescription.VaultUri => null;

    public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNameRules.ThrowIfInvalid(name);
        var key = Key(name);
        var value = _configuration[key];
        if (string.IsNullOrEmpty(value) && name.Contains('-', StringComparison.Ordinal))
        {
            key = Key(name.Replace('-', '_'));
            value = _configuration[key];
        }

        if (KeyVaultReference.IsUnresolved(value))
        {
            throw KeyVaultReference.UnresolvedError(key);
        }

        return ValueTask.FromResult(string.IsNullOrEmpty(value) ? null : value);
    }

    string ISecretSourceDescription.Describe(string secretName) => $"configuration setting '{Key(secretName)}'";

    public override string ToString() => $"{nameof(ConfigurationSecretProvider)} {{ Section = {ConfigurationSection} }}";

    private static string Key(string name) => $"{ConfigurationSection}:{name}";

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Secrets come from configuration (LiveRelay:Secrets) in environment {Environment}, not from Key Vault; set LiveRelay:KeyVault:Uri to read them from a vault with rotation")]
    private static partial void LogNotDevelopment(ILogger logger, string environment);
}
