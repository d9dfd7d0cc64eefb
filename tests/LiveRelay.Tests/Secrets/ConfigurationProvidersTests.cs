using LiveRelay.Secrets;
using LiveRelay.Secrets.Configuration;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets;

public sealed class ConfigurationProvidersTests : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;

    public ConfigurationProvidersTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
    }

    public void Dispose() => _loggerFactory.Dispose();

    [Fact]
    public async Task Reads_the_key_pair_and_token_from_configuration_and_follows_changes()
    {
        var configuration = Configuration(new()
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIlocal",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "local-secret",
        });
        var provider = CredentialProvider(configuration, "Development");

        var first = await provider.GetCredentialAsync();
        var again = await provider.GetCredentialAsync();
        configuration["LiveRelay:AlibabaCloud:AccessKeySecret"] = "changed-secret";
        configuration["LiveRelay:AlibabaCloud:SecurityToken"] = "local-token";
        var changed = await provider.RefreshAsync();

        Assert.Equal(("LTAIlocal", "local-secret", (string?)null), (first.AccessKeyId, first.AccessKeySecret, first.SecurityToken));
        Assert.Same(first, again);
        Assert.Equal(("LTAIlocal", "changed-secret", "local-token"), (changed.AccessKeyId, changed.AccessKeySecret, changed.SecurityToken));
    }

    [Fact]
    public async Task Without_a_configured_pair_the_error_names_the_settings()
    {
        var provider = CredentialProvider(Configuration(new() { ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIhalf" }), "Development");

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => provider.GetCredentialAsync().AsTask());

        Assert.Equal("LiveRelay:AlibabaCloud:AccessKeySecret", error.SecretName);
        Assert.Null(error.VaultUri);
        Assert.Contains("LiveRelay:KeyVault:Uri", error.Message, StringComparison.Ordinal);
        Assert.Contains("'LiveRelay:AlibabaCloud:AccessKeyId' and 'LiveRelay:AlibabaCloud:AccessKeySecret'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_is_an_error_naming_the_setting()
    {
        var provider = CredentialProvider(Configuration(new()
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIlocal",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/alibaba-access-key-secret/)",
        }), "Production");

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => provider.GetCredentialAsync().AsTask());

        Assert.Equal("LiveRelay:AlibabaCloud:AccessKeySecret", error.SecretName);
        Assert.Contains("Key Vault reference (@Microsoft.KeyVault(...)) that was not resolved", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resolved_key_vault_reference_is_just_a_value()
    {
        // The platform has replaced @Microsoft.KeyVault(...) with the secret before the app reads its settings.
        var provider = SecretProvider(Configuration(new() { ["LiveRelay:Secrets:shop-webhook"] = "resolved-by-the-platform" }), "Production");

        Assert.Equal("resolved-by-the-platform", await provider.GetSecretAsync("shop-webhook"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Warns_when_used_outside_development(string environment)
    {
        var configuration = Configuration([]);
        _ = CredentialProvider(configuration, environment);
        _ = SecretProvider(configuration, environment);

        var warnings = _logs.At(LogLevel.Warning).Select(static w => w.Message).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains($"in environment {environment}, not from Key Vault", w, StringComparison.Ordinal));
    }

    [Fact]
    public void Does_not_warn_in_development()
    {
        var configuration = Configuration([]);
        _ = CredentialProvider(configuration, "Development");
        _ = SecretProvider(configuration, "Development");

        Assert.Empty(_logs.Entries);
    }

    [Fact]
    public async Task Reads_named_secrets_with_dashes_or_underscores_and_returns_null_when_absent()
    {
        var configuration = Configuration(new()
        {
            ["LiveRelay:Secrets:shop-webhook"] = "whsec-shop",
            ["LiveRelay:Secrets:crm_webhook"] = "whsec-crm",
            ["LiveRelay:Secrets:empty-one"] = string.Empty,
        });
        var provider = SecretProvider(configuration, "Development");

        Assert.Equal("whsec-shop", await provider.GetSecretAsync("shop-webhook"));
        Assert.Equal("whsec-crm", await provider.GetSecretAsync("crm-webhook"));
        Assert.Null(await provider.GetSecretAsync("empty-one"));
        Assert.Null(await provider.GetSecretAsync("absent"));
        await Assert.ThrowsAsync<ArgumentException>(() => provider.GetSecretAsync("crm_webhook").AsTask());
    }

    [Fact]
    public async Task An_unresolved_reference_for_a_named_secret_is_an_error_naming_the_setting()
    {
        var provider = SecretProvider(
            Configuration(new() { ["LiveRelay:Secrets:shop-webhook"] = " @Microsoft.KeyVault(VaultName=v;SecretName=shop-webhook)" }), "Production");

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => provider.GetSecretAsync("shop-webhook").AsTask());

        Assert.Equal("LiveRelay:Secrets:shop-webhook", error.SecretName);
    }

    [Fact]
    public async Task Prints_no_secret()
    {
        var configuration = Configuration(new()
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIlocal",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "never-printed",
            ["LiveRelay:AlibabaCloud:SecurityToken"] = "token-never-printed",
        });
        var provider = CredentialProvider(configuration, "Production");
        var credential = await provider.GetCredentialAsync();

        var printed = string.Join('\n', provider.ToString(), credential.ToString(), _logs.AllText());

        Assert.DoesNotContain("never-printed", printed, StringComparison.Ordinal);
    }

    private ConfigurationCredentialProvider CredentialProvider(IConfiguration configuration, string environment) =>
        new(configuration, _loggerFactory.CreateLogger<ConfigurationCredentialProvider>(), new TestEnvironment(environment));

    private ConfigurationSecretProvider SecretProvider(IConfiguration configuration, string environment) =>
        new(configuration, _loggerFactory.CreateLogger<ConfigurationSecretProvider>(), new TestEnvironment(environment));

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
