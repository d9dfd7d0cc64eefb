using Azure.Security.KeyVault.Secrets;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Secrets;
using LiveRelay.Secrets.Configuration;
using LiveRelay.Secrets.KeyVault;
using LiveRelay.Testing;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Secrets;

/// <summary>AddLiveRelaySecrets in a real host: the choice by settings, the start-up checks and the background refresh.</summary>
public sealed class SecretsHostingTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();
    private readonly CapturingLoggerProvider _logs = new();
    private FakeKeyVault _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task With_a_vault_uri_both_providers_read_from_key_vault()
    {
        await new VaultOperator(_vault.CreateClient()).WritePairAsync("LTAIhost", "host-secret");
        _vault.Put("shop-webhook", "whsec-shop");
        using var host = VaultHost();

        await host.StartAsync().WaitAsync(Limit);

        Assert.IsType<KeyVaultCredentialProvider>(host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>());
        Assert.IsType<KeyVaultSecretProvider>(host.Services.GetRequiredService<ISecretProvider>());
        Assert.Equal("host-secret", (await host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>().GetCredentialAsync()).AccessKeySecret);
        Assert.Equal("whsec-shop", await host.Services.GetRequiredService<ISecretProvider>().GetSecretAsync("shop-webhook"));
        await host.StopAsync().WaitAsync(Limit);
    }

    [Fact]
    public async Task Without_a_vault_uri_both_providers_read_configuration()
    {
        using var host = Host(new()
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIlocal",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "local-secret",
            ["LiveRelay:Secrets:shop-webhook"] = "whsec-local",
        }, environment: "Development");

        await host.StartAsync().WaitAsync(Limit);

        Assert.IsType<ConfigurationCredentialProvider>(host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>());
        Assert.Equal("whsec-local", await host.Services.GetRequiredService<ISecretProvider>().GetSecretAsync("shop-webhook"));
        Assert.Empty(_logs.At(LogLevel.Warning));
        await host.StopAsync().WaitAsync(Limit);
    }

    [Fact]
    public void Builds_its_own_client_for_the_configured_vault_when_none_is_registered()
    {
        var settings = new Dictionary<string, string?> { ["LiveRelay:KeyVault:Uri"] = "https://my-vault.vault.azure.net/" };
        var services = new ServiceCollection().AddLiveRelaySecrets(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        Assert.Equal(new Uri("https://my-vault.vault.azure.net/"), provider.GetRequiredService<SecretClient>().VaultUri);
    }

    [Fact]
    public async Task Start_fails_naming_the_vault_and_the_secret_when_nothing_can_be_read()
    {
        await new VaultOperator(_vault.CreateClient()).WritePairAsync("LTAIhost", "host-secret");
        _vault.Unreachable = true;
        using var host = VaultHost();

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => host.StartAsync().WaitAsync(Limit));

        Assert.StartsWith(
            $"Could not read secret 'alibaba-access-key-secret' in Key Vault {_vault.Uri}: the vault could not be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_to_start_without_secrets_it_reports_them_missing_until_they_appear()
    {
        using var host = VaultHost(services =>
        {
            services.AddRequiredSecret("shop-webhook");
            services.Configure<RequiredSecretsOptions>(static options => options.StartWithoutSecrets = true);
        });

        await host.StartAsync().WaitAsync(Limit);

        var status = host.Services.GetRequiredService<SecretsStatus>();
        Assert.Equal(2, status.Missing.Count);
        Assert.Contains(status.Missing, static m => m.Contains("'alibaba-access-key-secret'", StringComparison.Ordinal));
        Assert.Contains(status.Missing, static m => m.Contains("'shop-webhook'", StringComparison.Ordinal));
        Assert.Equal(2, _logs.At(LogLevel.Error).Count(static e => e.Message.StartsWith("Starting without it", StringComparison.Ordinal)));

        await new VaultOperator(_vault.CreateClient()).WritePairAsync("LTAIlate", "late-secret");
        _vault.Put("shop-webhook", "whsec-late");
        var refresh = host.Services.GetServices<IHostedService>().OfType<SecretsRefreshService>().Single();
        _time.Advance(TimeSpan.FromMinutes(5));
        await refresh.Refreshing.WaitAsync(Limit);

        Assert.Empty(status.Missing);
        Assert.Equal("late-secret", (await host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>().GetCredentialAsync()).AccessKeySecret);
        await host.StopAsync().WaitAsync(Limit);
    }

    [Fact]
    public async Task Start_fails_naming_a_missing_required_secret()
    {
        await new VaultOperator(_vault.CreateClient()).WritePairAsync("LTAIhost", "host-secret");
        using var host = VaultHost(services => services.AddRequiredSecret("shop-webhook"));

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => host.StartAsync().WaitAsync(Limit));

        Assert.Equal($"The required secret 'shop-webhook' in Key Vault {_vault.Uri} does not exist.", error.Message);
        Assert.Equal(_vault.Uri, error.VaultUri);
    }

    [Fact]
    public async Task Start_fails_naming_a_missing_required_setting_without_a_vault()
    {
        using var host = Host(new()
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAIlocal",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "local-secret",
        }, services => services.AddRequiredSecret("shop-webhook"));

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => host.StartAsync().WaitAsync(Limit));

        Assert.Equal("The required configuration setting 'LiveRelay:Secrets:shop-webhook' does not exist.", error.Message);
    }

    [Fact]
    public async Task Start_fails_naming_the_settings_when_no_key_pair_is_configured()
    {
        using var host = Host([]);

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => host.StartAsync().WaitAsync(Limit));

        Assert.Contains("No Alibaba Cloud key pair is configured", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_stop_the_start_naming_the_setting()
    {
        using var host = Host(new()
        {
            ["LiveRelay:KeyVault:Uri"] = _vault.Uri.ToString(),
            ["LiveRelay:KeyVault:RefreshInterval"] = "00:00:01",
            ["LiveRelay:KeyVault:MinimumRefreshInterval"] = "00:00:00",
        }, services => services.AddSingleton(_vault.CreateClient()));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(Limit));

        Assert.Contains("LiveRelay:KeyVault:RefreshInterval must be between", error.Message, StringComparison.Ordinal);
        Assert.Empty(_vault.Reads);
    }

    [Fact]
    public async Task The_interval_refresh_picks_up_a_rotation_without_a_restart()
    {
        var vaultOperator = new VaultOperator(_vault.CreateClient());
        await vaultOperator.WritePairAsync("LTAIpairA", "secret-of-A");
        _vault.Put("shop-webhook", "whsec-1");
        using var host = VaultHost(services => services.AddRequiredSecret("shop-webhook"));
        await host.StartAsync().WaitAsync(Limit);
        var credentials = host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>();
        var secrets = host.Services.GetRequiredService<ISecretProvider>();
        var refresh = host.Services.GetServices<IHostedService>().OfType<SecretsRefreshService>().Single();

        await vaultOperator.WritePairAsync("LTAIpairB", "secret-of-B");
        _vault.Put("shop-webhook", "whsec-2");
        var readsBefore = _vault.Reads.Count;
        _time.Advance(TimeSpan.FromMinutes(4));
        await refresh.Refreshing.WaitAsync(Limit);
        Assert.Equal(readsBefore, _vault.Reads.Count);
        Assert.Equal("secret-of-A", (await credentials.GetCredentialAsync()).AccessKeySecret);

        _time.Advance(TimeSpan.FromMinutes(1));
        await refresh.Refreshing.WaitAsync(Limit);

        var credential = await credentials.GetCredentialAsync();
        Assert.Equal(("LTAIpairB", "secret-of-B"), (credential.AccessKeyId, credential.AccessKeySecret));
        Assert.Equal("whsec-2", await secrets.GetSecretAsync("shop-webhook"));

        await host.StopAsync().WaitAsync(Limit);
        var readsAtStop = _vault.Reads.Count;
        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(readsAtStop, _vault.Reads.Count);
    }

    [Fact]
    public async Task The_interval_refresh_keeps_the_last_good_values_and_warns_through_an_outage()
    {
        await new VaultOperator(_vault.CreateClient()).WritePairAsync("LTAIpairA", "secret-of-A");
        _vault.Put("shop-webhook", "whsec-1");
        using var host = VaultHost(services => services.AddRequiredSecret("shop-webhook"));
        await host.StartAsync().WaitAsync(Limit);
        var refresh = host.Services.GetServices<IHostedService>().OfType<SecretsRefreshService>().Single();

        _vault.Unreachable = true;
        _time.Advance(TimeSpan.FromMinutes(5));
        await refresh.Refreshing.WaitAsync(Limit);

        Assert.Equal("secret-of-A", (await host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>().GetCredentialAsync()).AccessKeySecret);
        Assert.Equal("whsec-1", await host.Services.GetRequiredService<ISecretProvider>().GetSecretAsync("shop-webhook"));
        var warnings = _logs.At(LogLevel.Warning).Select(static w => w.Message).ToList();
        Assert.Contains(warnings, w => w.Contains("'alibaba-access-key-secret'", StringComparison.Ordinal) && w.Contains("Keeping the Alibaba Cloud key pair", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("'shop-webhook'", StringComparison.Ordinal) && w.Contains("Keeping the last good value", StringComparison.Ordinal));
        await host.StopAsync().WaitAsync(Limit);
    }

    private IHost VaultHost(Action<IServiceCollection>? configure = null) =>
        Host(new() { ["LiveRelay:KeyVault:Uri"] = _vault.Uri.ToString() }, services =>
        {
            services.AddSingleton(_vault.CreateClient());
            configure?.Invoke(services);
        });

    private IHost Host(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null, string environment = "Production")
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(_logs);
        builder.Services.AddSingleton<TimeProvider>(_time);
        configure?.Invoke(builder.Services);
        builder.Services.AddLiveRelaySecrets(builder.Configuration);
        return builder.Build();
    }
}
