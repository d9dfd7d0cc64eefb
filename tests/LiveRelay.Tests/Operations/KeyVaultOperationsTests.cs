using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Intake.Configuration;
using LiveRelay.Operations.Access;
using LiveRelay.Operations.Readiness;
using LiveRelay.Queues.InMemory;
using LiveRelay.Secrets;
using LiveRelay.Secrets.KeyVault;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Operations;

/// <summary>Readiness and the admin key with secrets in Key Vault: the real SecretClient against the local fake vault.</summary>
public sealed class KeyVaultOperationsTests : IAsyncLifetime
{
    private const string AdminKey = "VaultAdminKey4f7a9c";
    private FakeKeyVault _vault = null!;

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Readiness_fails_while_the_key_pair_is_missing_from_the_vault_and_passes_once_it_is_there()
    {
        using var host = RelayHost.Build(_vault, new Uri("http://127.0.0.1:9/"), TimeProvider.System, new CapturingLoggerProvider());
        _vault.Put("shop-secret", "whsec-shop-value");
        var checker = Checker(host);

        var missing = await checker.CheckAsync();

        Assert.False(missing.IsReady);
        var credentials = missing.Checks.Single(static c => c.Name == ReadinessChecker.CredentialsCheck);
        Assert.Equal(ReadinessState.Failed, credentials.State);
        Assert.Contains(KeyVaultOptions.DefaultAccessKeySecretSecretName, credentials.Reason, StringComparison.Ordinal);
        Assert.Equal(ReadinessState.Ok, missing.Checks.Single(static c => c.Name == "source:shop").State);

        _vault.Put(KeyVaultOptions.DefaultAccessKeySecretSecretName, "vault-secret-value", new Dictionary<string, string>
        {
            [CredentialPairTags.AccessKeyIdVersion] = _vault.Put(KeyVaultOptions.DefaultAccessKeyIdSecretName, "LTAIvault"),
        });

        var ready = await checker.CheckAsync();

        Assert.True(ready.IsReady, string.Join("; ", ready.Checks));
        Assert.DoesNotContain(ready.Checks.Concat(missing.Checks), static c => c.Reason.Contains("vault-secret-value", StringComparison.Ordinal)
            || c.Reason.Contains("whsec-shop-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_admin_key_is_read_from_the_vault_by_secret_name()
    {
        using var host = RelayHost.Build(_vault, new Uri("http://127.0.0.1:9/"), TimeProvider.System, new CapturingLoggerProvider());
        var options = new AdminOptions();
        options.KeySecretNames.Add("liverelay-admin-key");
        var verifier = new AdminKeyVerifier(
            Options.Create(options), host.Services.GetRequiredService<ISecretProvider>(), new HostingEnvironment { EnvironmentName = Environments.Production });

        Assert.Equal(AdminAccess.KeysUnavailable, await verifier.VerifyAsync(AdminKey, isLoopback: true));

        _vault.Put("liverelay-admin-key", AdminKey);

        // The provider caches "missing" until its refresh; a fresh verifier over a fresh provider sees the new secret.
        using var refreshed = RelayHost.Build(_vault, new Uri("http://127.0.0.1:9/"), TimeProvider.System, new CapturingLoggerProvider());
        var current = new AdminKeyVerifier(
            Options.Create(options), refreshed.Services.GetRequiredService<ISecretProvider>(), new HostingEnvironment { EnvironmentName = Environments.Production });
        Assert.Equal(AdminAccess.Granted, await current.VerifyAsync(AdminKey, isLoopback: false));
        Assert.Equal(AdminAccess.Unauthorized, await current.VerifyAsync("not-the-key", isLoopback: false));
    }

    private static ReadinessChecker Checker(IHost host)
    {
        var sources = new SourcesOptions();
        var shop = new SourceOptions();
        shop.Verification.SecretNames.Add("shop-secret");
        sources.Sources["shop"] = shop;
        return new ReadinessChecker(
            new InMemoryMessageQueueFactory(),
            host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>(),
            host.Services.GetRequiredService<ISecretProvider>(),
            Options.Create(sources),
            TimeProvider.System);
    }
}
