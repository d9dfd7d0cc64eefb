using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Secrets;
using LiveRelay.Secrets.KeyVault;
using LiveRelay.Testing;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Secrets;

public sealed class KeyVaultCredentialProviderTests : IAsyncLifetime, IDisposable
{
    private const string IdName = KeyVaultOptions.DefaultAccessKeyIdSecretName;
    private const string SecretName = KeyVaultOptions.DefaultAccessKeySecretSecretName;
    private const string TokenName = KeyVaultOptions.DefaultSecurityTokenSecretName;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ManualTimeProvider _time = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly FixedTokenCredential _credential = new(FakeKeyVault.AccessToken);
    private readonly List<KeyVaultCredentialProvider> _providers = [];
    private FakeKeyVault _vault = null!;

    public KeyVaultCredentialProviderTests()
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
    public async Task Reads_the_pair_with_the_real_client_through_the_bearer_challenge()
    {
        var idVersion = _vault.Put(IdName, "LTAIfirst");
        _vault.Put(SecretName, "first-secret", Tags(idVersion));

        var credential = await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Equal("LTAIfirst", credential.AccessKeyId);
        Assert.Equal("first-secret", credential.AccessKeySecret);
        Assert.Null(credential.SecurityToken);
        Assert.Equal(1, _vault.Challenges);
        var token = Assert.Single(_credential.Requests);
        Assert.Equal(["https://vault.azure.net/.default"], token.Scopes);
        Assert.Equal(FakeKeyVault.TenantId, token.TenantId);
        Assert.Equal([SecretName, $"{IdName}/{idVersion}"], _vault.Reads);
    }

    [Fact]
    public async Task Serves_the_cached_pair_without_reading_the_vault_again()
    {
        PutPair("LTAIfirst", "first-secret");
        var provider = Provider();

        var first = await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);
        var reads = _vault.Reads.Count;
        var second = await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Same(first, second);
        Assert.Equal(2, reads);
        Assert.Equal(reads, _vault.Reads.Count);
    }

    [Fact]
    public async Task Reads_the_id_at_the_version_the_secret_names_not_the_latest()
    {
        var oldId = _vault.Put(IdName, "LTAIold");
        _vault.Put(IdName, "LTAInew");
        _vault.Put(SecretName, "old-secret", Tags(oldId));

        var credential = await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Equal(("LTAIold", "old-secret"), (credential.AccessKeyId, credential.AccessKeySecret));
    }

    [Fact]
    public async Task A_rotation_observed_between_its_two_writes_never_yields_a_mixed_pair()
    {
        var vaultOperator = new VaultOperator(_vault.CreateClient());
        await vaultOperator.WritePairAsync("LTAIpairA", "secret-of-A");
        var provider = Provider();
        AssertPair(await provider.GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAIpairA", "secret-of-A");

        // First write: the new id. A read now must still give pair A, both halves.
        var idVersionB = await vaultOperator.WriteAccessKeyIdAsync("LTAIpairB");
        _time.Advance(TimeSpan.FromMinutes(1));
        AssertPair(await provider.RefreshAsync().AsTask().WaitAsync(Limit), "LTAIpairA", "secret-of-A");
        // So must a provider that starts now, with nothing cached.
        AssertPair(await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAIpairA", "secret-of-A");

        // Second write: the new secret, tagged with the id version it pairs with.
        await vaultOperator.WriteAccessKeySecretAsync("secret-of-B", idVersionB);
        _time.Advance(TimeSpan.FromMinutes(1));
        AssertPair(await provider.RefreshAsync().AsTask().WaitAsync(Limit), "LTAIpairB", "secret-of-B");
        AssertPair(await provider.GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAIpairB", "secret-of-B");
    }

    [Fact]
    public async Task A_secret_half_without_the_pair_tag_is_refused_and_the_last_good_pair_kept()
    {
        PutPair("LTAIpairA", "secret-of-A");
        var provider = Provider();
        await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        _vault.Put(IdName, "LTAIpairB");
        var untagged = _vault.Put(SecretName, "secret-of-B");
        _time.Advance(TimeSpan.FromMinutes(1));

        AssertPair(await provider.RefreshAsync().AsTask().WaitAsync(Limit), "LTAIpairA", "secret-of-A");
        var warning = Assert.Single(_logs.At(LogLevel.Warning));
        Assert.Contains($"version {untagged} of secret '{SecretName}' in Key Vault {_vault.Uri}", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"no '{CredentialPairTags.AccessKeyIdVersion}' tag", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_pair_tag_and_nothing_read_before_the_read_fails_naming_the_secret()
    {
        _vault.Put(IdName, "LTAIx");
        _vault.Put(SecretName, "untagged");

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider().GetCredentialAsync().AsTask().WaitAsync(Limit));

        Assert.Equal(SecretName, error.SecretName);
        Assert.Contains(CredentialPairTags.AccessKeyIdVersion, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("untagged", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_security_token_at_the_version_the_pair_names()
    {
        var idVersion = _vault.Put(IdName, "STS.id");
        var tokenVersion = _vault.Put(TokenName, "token-1");
        _vault.Put(TokenName, "token-of-another-pair");
        _vault.Put(SecretName, "sts-secret", Tags(idVersion, tokenVersion));

        var credential = await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Equal("token-1", credential.SecurityToken);
        Assert.Contains($"{TokenName}/{tokenVersion}", _vault.Reads);
    }

    [Fact]
    public async Task Trims_the_newline_a_value_written_from_a_file_ends_with()
    {
        var idVersion = _vault.Put(IdName, "LTAIfile\n");
        var tokenVersion = _vault.Put(TokenName, "token-from-file\r\n");
        _vault.Put(SecretName, "secret-from-file\n", Tags(idVersion, tokenVersion));

        var credential = await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Equal(("LTAIfile", "secret-from-file", "token-from-file"), (credential.AccessKeyId, credential.AccessKeySecret, credential.SecurityToken));
    }

    [Fact]
    public async Task A_pair_that_names_no_token_has_none_even_when_a_token_secret_exists()
    {
        _vault.Put(TokenName, "stale-token");
        PutPair("LTAIplain", "plain-secret");

        var credential = await Provider().GetCredentialAsync().AsTask().WaitAsync(Limit);

        Assert.Null(credential.SecurityToken);
        Assert.Equal(0, _vault.ReadsOf(TokenName));
    }

    [Fact]
    public async Task An_unchanged_id_version_is_read_again_on_refresh_so_disabling_it_takes_effect()
    {
        var idVersion = _vault.Put(IdName, "LTAIsame");
        _vault.Put(SecretName, "secret-1", Tags(idVersion));
        var provider = Provider();
        await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        // A new secret version for the same id (the secret alone was reissued).
        _vault.Put(SecretName, "secret-2", Tags(idVersion));
        _time.Advance(TimeSpan.FromMinutes(1));
        var refreshed = await provider.RefreshAsync().AsTask().WaitAsync(Limit);

        AssertPair(refreshed, "LTAIsame", "secret-2");
        Assert.Equal(2, _vault.ReadsOf(IdName));
        Assert.Equal(2, _vault.ReadsOf(SecretName));
    }

    [Fact]
    public async Task Concurrent_first_reads_share_one_vault_read()
    {
        PutPair("LTAIshared", "shared-secret");
        var provider = Provider();
        Task<AlibabaCloudCredential>[] callers;
        using (_vault.HoldReads())
        {
            callers = Enumerable.Range(0, 25).Select(_ => provider.GetCredentialAsync().AsTask()).ToArray();
            await _vault.WaitForReadsAsync(1);
        }

        var results = await Task.WhenAll(callers).WaitAsync(Limit);

        Assert.All(results, c => Assert.Same(results[0], c));
        Assert.Equal(1, _vault.ReadsOf(SecretName));
        Assert.Equal(1, _vault.ReadsOf(IdName));
    }

    [Fact]
    public async Task Concurrent_forced_refreshes_share_one_vault_read()
    {
        PutPair("LTAIpairA", "secret-of-A");
        var provider = Provider();
        await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);
        PutPair("LTAIpairB", "secret-of-B");
        var before = _vault.ReadsOf(SecretName);

        Task<AlibabaCloudCredential>[] callers;
        using (_vault.HoldReads())
        {
            callers = Enumerable.Range(0, 25).Select(_ => provider.RefreshAsync().AsTask()).ToArray();
            await _vault.WaitForReadsAsync(before + 2);
        }

        var results = await Task.WhenAll(callers).WaitAsync(Limit);

        Assert.All(results, c => AssertPair(c, "LTAIpairB", "secret-of-B"));
        Assert.Equal(before + 1, _vault.ReadsOf(SecretName));
    }

    [Fact]
    public async Task Forced_refreshes_closer_than_the_minimum_interval_use_the_cache()
    {
        PutPair("LTAIpairA", "secret-of-A");
        var provider = Provider(new KeyVaultOptions { MinimumRefreshInterval = TimeSpan.FromSeconds(10) });
        await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        await provider.RefreshAsync().AsTask().WaitAsync(Limit);
        var afterFirstForced = _vault.ReadsOf(SecretName);
        PutPair("LTAIpairB", "secret-of-B");
        _time.Advance(TimeSpan.FromSeconds(9));
        var tooSoon = await provider.RefreshAsync().AsTask().WaitAsync(Limit);
        _time.Advance(TimeSpan.FromSeconds(1));
        var allowed = await provider.RefreshAsync().AsTask().WaitAsync(Limit);

        Assert.Equal(2, afterFirstForced);
        AssertPair(tooSoon, "LTAIpairA", "secret-of-A");
        AssertPair(allowed, "LTAIpairB", "secret-of-B");
        Assert.Equal(3, _vault.ReadsOf(SecretName));
    }

    [Fact]
    public async Task Keeps_the_last_good_pair_and_warns_while_the_vault_is_unreachable()
    {
        PutPair("LTAIpairA", "secret-of-A");
        var provider = Provider();
        await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        _vault.Unreachable = true;
        _time.Advance(TimeSpan.FromMinutes(1));
        var duringOutage = await provider.RefreshAsync().AsTask().WaitAsync(Limit);
        await ((IPeriodicallyRefreshed)provider).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);

        AssertPair(duringOutage, "LTAIpairA", "secret-of-A");
        AssertPair(await provider.GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAIpairA", "secret-of-A");
        Assert.True(_vault.Dropped > 0);
        var warnings = _logs.At(LogLevel.Warning).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Contains($"secret '{SecretName}' in Key Vault {_vault.Uri}", w.Message, StringComparison.Ordinal));
        Assert.All(warnings, w => Assert.Contains("could not be reached", w.Message, StringComparison.Ordinal));

        // Back again, with a rotated pair: picked up without a restart.
        _vault.Unreachable = false;
        PutPair("LTAIpairB", "secret-of-B");
        _time.Advance(TimeSpan.FromMinutes(1));
        AssertPair(await provider.RefreshAsync().AsTask().WaitAsync(Limit), "LTAIpairB", "secret-of-B");
    }

    [Theory]
    [InlineData("secret disabled")]
    [InlineData("id version disabled")]
    [InlineData("secret deleted")]
    public async Task A_pair_disabled_or_deleted_in_the_vault_stops_being_used_at_the_next_refresh(string how)
    {
        PutPair("LTAIleaked", "leaked-secret");
        var provider = Provider();
        AssertPair(await provider.GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAIleaked", "leaked-secret");

        switch (how)
        {
            case "secret disabled":
                _vault.Disable(SecretName);
                break;
            case "id version disabled":
                _vault.Disable(IdName);
                break;
            default:
                _vault.Delete(SecretName);
                break;
        }

        await ((IPeriodicallyRefreshed)provider).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => provider.GetCredentialAsync().AsTask().WaitAsync(Limit));
        Assert.True(error.Revoked);
        Assert.Contains(_logs.At(LogLevel.Error), static e => e.Message.Contains("revoked", StringComparison.Ordinal));

        // A good pair written afterwards is used again without a restart.
        PutPair("LTAInew", "new-secret");
        AssertPair(await provider.GetCredentialAsync().AsTask().WaitAsync(Limit), "LTAInew", "new-secret");
    }

    [Fact]
    public async Task With_nothing_read_yet_an_unreachable_vault_fails_naming_the_vault_and_the_secret()
    {
        PutPair("LTAIpairA", "secret-of-A");
        _vault.Unreachable = true;

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider().GetCredentialAsync().AsTask().WaitAsync(Limit));

        Assert.Equal(SecretName, error.SecretName);
        Assert.Equal(_vault.Uri, error.VaultUri);
        Assert.StartsWith($"Could not read secret '{SecretName}' in Key Vault {_vault.Uri}: the vault could not be reached", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-of-A", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_secret_fails_naming_it()
    {
        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider().GetCredentialAsync().AsTask().WaitAsync(Limit));

        Assert.Equal($"The secret '{SecretName}' in Key Vault {_vault.Uri} does not exist.", error.Message);
    }

    [Fact]
    public async Task A_tag_naming_a_missing_id_version_fails_naming_both_secrets()
    {
        var secretVersion = _vault.Put(SecretName, "orphan", Tags("0123456789abcdef0123456789abcdef"));

        var error = await Assert.ThrowsAsync<SecretUnavailableException>(() => Provider().GetCredentialAsync().AsTask().WaitAsync(Limit));

        Assert.Equal(IdName, error.SecretName);
        Assert.Contains($"version {secretVersion} of secret '{SecretName}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"version 0123456789abcdef0123456789abcdef of secret '{IdName}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prints_no_secret()
    {
        var idVersion = _vault.Put(IdName, "LTAIprint");
        var tokenVersion = _vault.Put(TokenName, "print-token");
        _vault.Put(SecretName, "print-secret", Tags(idVersion, tokenVersion));
        var provider = Provider();
        var credential = await provider.GetCredentialAsync().AsTask().WaitAsync(Limit);

        var printed = string.Join('\n', provider.ToString(), credential.ToString(), _logs.AllText());

        Assert.DoesNotContain("print-secret", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("print-token", printed, StringComparison.Ordinal);
        Assert.Contains(_vault.Uri.ToString(), provider.ToString(), StringComparison.Ordinal);
    }

    private KeyVaultCredentialProvider Provider(KeyVaultOptions? options = null)
    {
        var provider = new KeyVaultCredentialProvider(
            _vault.CreateClient(_credential), Options.Create(options ?? new KeyVaultOptions()), _time, _loggerFactory.CreateLogger<KeyVaultCredentialProvider>());
        _providers.Add(provider);
        return provider;
    }

    private void PutPair(string id, string secret) => _vault.Put(SecretName, secret, Tags(_vault.Put(IdName, id)));

    private static Dictionary<string, string> Tags(string idVersion, string? tokenVersion = null)
    {
        var tags = new Dictionary<string, string> { [CredentialPairTags.AccessKeyIdVersion] = idVersion };
        if (tokenVersion is not null)
        {
            tags[CredentialPairTags.SecurityTokenVersion] = tokenVersion;
        }

        return tags;
    }

    private static void AssertPair(AlibabaCloudCredential credential, string id, string secret) =>
        Assert.Equal((id, secret), (credential.AccessKeyId, credential.AccessKeySecret));
}
