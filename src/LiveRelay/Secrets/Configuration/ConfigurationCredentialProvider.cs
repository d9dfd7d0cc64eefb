using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRelay.Secrets.Configuration;

/// <summary>
/// The Alibaba Cloud key pair from configuration (<c>LiveRelay:AlibabaCloud:AccessKeyId</c>, <c>:AccessKeySecret</c>,
/// <c>:SecurityToken</c>), for local runs and the emulator. Read live: a changed user secret or reloaded file is
/// used from the next call on.
/// </summary>
public sealed partial class ConfigurationCredentialProvider : IAlibabaCloudCredentialProvider
{
    private static readonly string IdKey = $"{AlibabaCloudOptions.SectionName}:{nameof(AlibabaCloudOptions.AccessKeyId)}";
    private static readonly string SecretKey = $"{AlibabaCloudOptions.SectionName}:{nameof(AlibabaCloudOptions.AccessKeySecret)}";
    private static readonly string TokenKey = $"{AlibabaCloudOptions.SectionName}:{nameof(AlibabaCloudOptions.SecurityToken)}";

    private readonly IConfiguration _configuration;
    private volatile AlibabaCloudCredential? _last;

    public ConfigurationCredentialProvider(
        IConfiguration configuration,
        ILogger<ConfigurationCredentialProvider>? logger = null,
        IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
        if (environment is null || !environment.IsDevelopment())
        {
            LogNotDevelopment((ILogger?)logger ?? NullLogger.Instance, environment?.EnvironmentName ?? "(unknown)");
        }
    }

    public ValueTask<AlibabaCloudCredential> GetCredentialAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read());

    /// <summary>Configuration is read on every call anyway; this returns the same as <see cref="GetCredentialAsync"/>.</summary>
    public ValueTask<AlibabaCloudCredential> RefreshAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read());

    public override string ToString() => $"{nameof(ConfigurationCredentialProvider)} {{ Section = {AlibabaCloudOptions.SectionName} }}";

    private AlibabaCloudCredential Read()
    {
        var id = Setting(IdKey);
        var secret = Setting(SecretKey);
        var token = Setting(TokenKey);
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(secret))
        {
            throw new SecretUnavailableException(
                string.IsNullOrWhiteSpace(id) ? IdKey : SecretKey,
                null,
                $"No Alibaba Cloud key pair is configured: set {Secrets.KeyVault.KeyVaultOptions.SectionName}:Uri to read it from Key Vault, " +
                $"or both '{IdKey}' and '{SecretKey}' for local runs.");
        }

        var last = _last;
        if (last is not null && last.AccessKeyId == id && last.AccessKeySecret == secret && last.SecurityToken == (string.IsNullOrEmpty(token) ? null : token))
        {
            return last;
        }

        return _last = new AlibabaCloudCredential(id, secret, token);
    }

    private string? Setting(string key)
    {
        var value = _configuration[key];
        return KeyVaultReference.IsUnresolved(value) ? throw KeyVaultReference.UnresolvedError(key) : value;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The Alibaba Cloud key pair comes from configuration (LiveRelay:AlibabaCloud) in environment {Environment}, not from Key Vault; set LiveRelay:KeyVault:Uri to read it from a vault with rotation")]
    private static partial void LogNotDevelopment(ILogger logger, string environment);
}
