using System.Collections.Concurrent;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Secrets;
using LiveRelay.Testing;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Tests.Secrets;

/// <summary>Real Live API sends (LiveApiClient, signed) with the key pair read from the local vault by the real SecretClient.</summary>
public sealed class KeyVaultCredentialsLiveApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly ManualTimeProvider _time = new();
    private readonly CapturingLoggerProvider _logs = new();
    private FakeKeyVault _vault = null!;
    private SignatureCheckingLiveApi _api = null!;

    public async Task InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        _api = await SignatureCheckingLiveApi.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _vault.DisposeAsync();
    }

    [Theory]
    [InlineData("V3")]
    [InlineData("V1")]
    public async Task After_an_authentication_error_a_forced_refresh_signs_with_the_rotated_pair(string signatureVersion)
    {
        var vaultOperator = new VaultOperator(_vault.CreateClient());
        await vaultOperator.WritePairAsync("STS.idA", "secret-of-A", "token-of-A");
        _api.Enable("STS.idA", "secret-of-A", "token-of-A");
        using var host = RelayHost.Build(_vault, _api.Endpoint, _time, _logs, new() { ["LiveRelay:AlibabaCloud:SignatureVersion"] = signatureVersion });
        await host.StartAsync().WaitAsync(Limit);
        var client = host.Services.GetRequiredService<ILiveApiClient>();
        var credentials = host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>();
        await client.SendMessageToGroupAsync(RelayHost.GroupMessage(1)).WaitAsync(Limit);

        // The key is rotated in the vault and the old one disabled at Alibaba Cloud before any scheduled refresh.
        await vaultOperator.WritePairAsync("STS.idB", "secret-of-B", "token-of-B");
        _api.Enable("STS.idB", "secret-of-B", "token-of-B");
        _api.Disable("STS.idA");
        var rejected = await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(RelayHost.GroupMessage(2)).WaitAsync(Limit));
        Assert.Equal(LiveApiErrorKind.Authentication, rejected.Kind);

        var refreshed = await credentials.RefreshAsync().AsTask().WaitAsync(Limit);
        var result = await client.SendMessageToGroupAsync(RelayHost.GroupMessage(3)).WaitAsync(Limit);

        Assert.Equal(("STS.idB", "token-of-B"), (refreshed.AccessKeyId, refreshed.SecurityToken));
        Assert.NotNull(result.MessageId);
        Assert.Equal(["STS.idA", "STS.idB"], _api.Accepted);
        Assert.Equal(["InvalidAccessKeyId.NotFound"], _api.Rejected);
        await host.StopAsync().WaitAsync(Limit);
    }

    [Fact]
    public async Task A_rotation_mid_run_fails_no_send_and_never_signs_with_a_mixed_pair()
    {
        var vaultOperator = new VaultOperator(_vault.CreateClient());
        await vaultOperator.WritePairAsync("LTAIpairA", "secret-of-A");
        _api.Enable("LTAIpairA", "secret-of-A");
        // The system clock here: the client's per-call timeouts run on it. The forced-refresh floor is set high so
        // that however slow this machine is, every forced refresh after the first falls inside it.
        using var host = RelayHost.Build(_vault, _api.Endpoint, TimeProvider.System, _logs, new()
        {
            ["LiveRelay:KeyVault:MinimumRefreshInterval"] = "00:05:00",
        });
        await host.StartAsync().WaitAsync(Limit);
        var client = host.Services.GetRequiredService<ILiveApiClient>();
        var credentials = host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>();

        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<Exception>();
        var sent = 0;
        var senders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await RelayHost.SendWithRefreshAsync(client, credentials, RelayHost.GroupMessage(Interlocked.Increment(ref sent)));
                }
                catch (LiveApiException ex)
                {
                    failures.Enqueue(ex);
                }
            }
        })).ToArray();

        List<string> acceptedBetweenWrites;
        int anchorReadsBefore;
        try
        {
            await AcceptedAtLeastAsync(20);

            // Alibaba Cloud: a second key is created; both are valid. Vault, first write: the new id.
            _api.Enable("LTAIpairB", "secret-of-B");
            var idVersionB = await vaultOperator.WriteAccessKeyIdAsync("LTAIpairB");
            // The scheduled refresh (what the refresh service runs every interval) happens between the two writes.
            await ((IPeriodicallyRefreshed)credentials).RefreshNowAsync(CancellationToken.None).WaitAsync(Limit);
            var betweenWrites = _api.Accepted.Count;
            await AcceptedAtLeastAsync(betweenWrites + 20);
            acceptedBetweenWrites = _api.Accepted.Skip(betweenWrites).ToList();

            // Vault, second write: the new secret, tagged with its id's version. Then the old key is disabled at once.
            await vaultOperator.WriteAccessKeySecretAsync("secret-of-B", idVersionB);
            anchorReadsBefore = _vault.ReadsOf("alibaba-access-key-secret");
            _api.Disable("LTAIpairA");
            await AcceptedAtLeastAsync(_api.Accepted.Count + 40);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(senders).WaitAsync(Limit);
        }

        Assert.Empty(failures);
        Assert.All(acceptedBetweenWrites, id => Assert.Equal("LTAIpairA", id));
        Assert.All(_api.Accepted.TakeLast(20), id => Assert.Equal("LTAIpairB", id));
        // A mixed pair (id B, secret A) would be refused with SignatureDoesNotMatch; only the disabled old key was refused.
        Assert.NotEmpty(_api.Rejected);
        Assert.All(_api.Rejected, code => Assert.Equal("InvalidAccessKeyId.NotFound", code));
        // Every sender that hit the disabled key asked for a refresh; the vault was read once.
        Assert.Equal(anchorReadsBefore + 1, _vault.ReadsOf("alibaba-access-key-secret"));
        await host.StopAsync().WaitAsync(Limit);
    }

    private async Task AcceptedAtLeastAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (_api.Accepted.Count < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
