using LiveRelay.Secrets;
using LiveRelay.Secrets.KeyVault;
using LiveRelay.Testing;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Secrets;

public sealed class KeyVaultSecretProviderTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly FixedTokenCredential _credential = new(FakeKeyVault.AccessToken);
    private readonly List<KeyVaultSecretProvider> _providers = [];
    private FakeKeyVault _vault = null!;

    public KeyVaultSecretProviderTests()
    {
        _loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));
    }

    public async Task InitializeAsync() => _vault = await FakeKeyVault.StartAsync();

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    public void Dispose()
    {
        _providers.ForEach(static p => p.Dispose());
        _loggerFactory.Dispose();
    }

    [Fact]
    public async Task Reads_a_webhook_secret_with_the_real_client_through_the_bearer_challenge()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");

        var value = await Provider().GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit);

        Assert.Equal("whsec-shop-1", value);
        Assert.Equal(1, _vault.Challenges);
        var token = Assert.Single(_credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], token.Scopes);
        Assert.Equal(FakeKeyVault.TenantId, token.TenantId);
    }

    [Fact]
    public async Task Caches_values_and_missing_secrets()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        var provider = Provider();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("whsec-shop-1", await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));
            Assert.Null(await provider.GetSecretAsync("no-such-secret").AsTask().WaitAsync(Limit));
        }

        // Key Vault names are case-insensitive, and so is the cache.
        Assert.Equal("whsec-shop-1", await provider.GetSecretAsync("SHOP-webhook").AsTask().WaitAsync(Limit));
        Assert.Equal(1, _vault.ReadsOf("shop-webhook"));
        Assert.Equal(1, _vault.ReadsOf("no-such-secret"));
    }

    [Fact]
    public async Task A_refresh_picks_up_new_versions_and_newly_created_secrets()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        var provider = Provider();
        await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit);
        Assert.Null(await provider.GetSecretAsync("crm-webhook").AsTask().WaitAsync(Limit));

        _vault.Put("shop-webhook", "whsec-shop-2");
        _vault.Put("crm-webhook", "whsec-crm-1");
        await ((IPeriodicallyRefreshed)provider).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);

        Assert.Equal("whsec-shop-2", await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));
        Assert.Equal("whsec-crm-1", await provider.GetSecretAsync("crm-webhook").AsTask().WaitAsync(Limit));
        Assert.Equal(2, _vault.ReadsOf("shop-webhook"));
    }

    [Fact]
    public async Task Keeps_the_last_good_value_and_warns_while_the_vault_is_unreachable()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        var provider = Provider();
        await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit);

        _vault.Unreachable = true;
        await ((IPeriodicallyRefreshed)provider).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);

        Assert.Equal("whsec-shop-1", await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));
        Assert.True(_vault.Dropped > 0);
        var warning = Assert.Single(_logs.At(LogLevel.Warning));
        Assert.Contains($"Could not read secret 'shop-webhook' in Key Vault {_vault.Uri}: the vault could not be reached", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Keeping the last good value of shop-webhook", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("deleted")]
    public async Task A_secret_disabled_or_deleted_in_the_vault_stops_being_used_at_the_next_refresh(string how)
    {
        _vault.Put("shop-webhook", "whsec-leaked");
        var provider = Provider();
        Assert.Equal("whsec-leaked", await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));

        if (how == "disabled")
        {
            _vault.Disable("shop-webhook");
        }
        else
        {
            _vault.Delete("shop-webhook");
        }

        await ((IPeriodicallyRefreshed)provider).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);

        Assert.Null(await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));
        Assert.Contains(_logs.At(LogLevel.Warning), static w => w.Message.Contains("shop-webhook", StringComparison.Ordinal));
        Assert.DoesNotContain("whsec-leaked", _logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_nothing_read_yet_an_unreachable_vault_fails_naming_the_vault_and_the_secret()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        _vault.Unreachable = true;
        var provider = Provider();

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));

        Assert.Equal("shop-webhook", error.SecretName);
        Assert.Equal(_vault.Uri, error.VaultUri);
        Assert.StartsWith($"Could not read secret 'shop-webhook' in Key Vault {_vault.Uri}", error.Message, StringComparison.Ordinal);

        // The failure is not cached: once the vault answers, the secret is read.
        _vault.Unreachable = false;
        Assert.Equal("whsec-shop-1", await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit));
    }

    [Fact]
    public async Task Concurrent_first_reads_of_one_secret_share_one_vault_read()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        var provider = Provider();
        Task<string?>[] callers;
        using (_vault.HoldReads())
        {
            callers = Enumerable.Range(0, 25).Select(_ => provider.GetSecretAsync("shop-webhook").AsTask()).ToArray();
            await _vault.WaitForReadsAsync(1);
        }

        var values = await Task.WhenAll(callers).WaitAsync(Limit);

        Assert.All(values, v => Assert.Equal("whsec-shop-1", v));
        Assert.Equal(1, _vault.ReadsOf("shop-webhook"));
    }

    [Fact]
    public async Task A_waiting_caller_can_give_up_without_cancelling_the_shared_read()
    {
        _vault.Put("shop-webhook", "whsec-shop-1");
        var provider = Provider();
        using var impatient = new CancellationTokenSource();
        Task<string?> patient;
        Task<string?> cancelled;
        using (_vault.HoldReads())
        {
            cancelled = provider.GetSecretAsync("shop-webhook", impatient.Token).AsTask();
            patient = provider.GetSecretAsync("shop-webhook").AsTask();
            await _vault.WaitForReadsAsync(1);
            await impatient.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Limit));
        }

        Assert.Equal("whsec-shop-1", await patient.WaitAsync(Limit));
        Assert.Equal(1, _vault.ReadsOf("shop-webhook"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has_underscore")]
    [InlineData("has space")]
    [InlineData("dots.are.not.allowed")]
    public async Task Refuses_names_key_vault_cannot_hold(string name)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Provider().GetSecretAsync(name).AsTask());

        Assert.Contains("letters, digits and dashes", error.Message, StringComparison.Ordinal);
        Assert.Empty(_vault.Reads);
    }

    [Fact]
    public async Task Prints_no_secret()
    {
        _vault.Put("shop-webhook", "whsec-print-me-not");
        var provider = Provider();
        await provider.GetSecretAsync("shop-webhook").AsTask().WaitAsync(Limit);

        Assert.DoesNotContain("whsec-print-me-not", provider.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("whsec-print-me-not", _logs.AllText(), StringComparison.Ordinal);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("shop-webhook", StringComparison.Ordinal));
    }

    private KeyVaultSecretProvider Provider()
    {
        var provider = new KeyVaultSecretProvider(
            _vault.CreateClient(_credential), Options.Create(new KeyVaultOptions()), new ManualTimeProvider(), _loggerFactory.CreateLogger<KeyVaultSecretProvider>());
        _providers.Add(provider);
        return provider;
    }
}
