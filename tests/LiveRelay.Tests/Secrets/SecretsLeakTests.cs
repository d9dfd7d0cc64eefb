using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Net;
using System.Text;
using Azure.Core.Diagnostics;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Secrets;
using LiveRelay.Testing;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Secrets;

/// <summary>
/// Sends with known secrets read from the vault, with every log at Trace (HttpClient's request and header logging
/// included) and the Azure SDK's own event source at Verbose, through reads, sends, an authentication error and
/// forced refresh, a rotation, an outage and a failed read; then looks for the secrets in everything captured.
/// </summary>
public sealed class SecretsLeakTests : IAsyncLifetime
{
    private const string SecretA = "LeakA-Secret-7Hq2Wm";
    private const string TokenA = "LeakA/Token+STS=9xQ";
    private const string SecretB = "LeakB-Secret-3Kd8Zp";
    private const string TokenB = "LeakB/Token+STS=4yR";
    private const string WebhookSecret = "whsec-Leak-5Tz1Nc";
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
    public async Task No_secret_or_token_appears_in_any_log_at_trace(string signatureVersion)
    {
        var azureEvents = new ConcurrentQueue<string>();
        using var azureListener = new AzureEventSourceListener(
            (e, message) => azureEvents.Enqueue($"{e.EventSource.Name} {message} {string.Join(' ', e.Payload ?? [])}"), EventLevel.Verbose);
        var vaultOperator = new VaultOperator(_vault.CreateClient());
        await vaultOperator.WritePairAsync("STS.leakA", SecretA, TokenA);
        _vault.Put("shop-webhook", WebhookSecret);
        _api.Enable("STS.leakA", SecretA, TokenA);
        using var host = RelayHost.Build(_vault, _api.Endpoint, _time, _logs,
            new() { ["LiveRelay:AlibabaCloud:SignatureVersion"] = signatureVersion },
            services => services.AddRequiredSecret("shop-webhook"));
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LeakTest.Dispatcher");

        await host.StartAsync().WaitAsync(Limit);
        var client = host.Services.GetRequiredService<ILiveApiClient>();
        var credentials = host.Services.GetRequiredService<IAlibabaCloudCredentialProvider>();
        var secrets = host.Services.GetRequiredService<ISecretProvider>();
        Assert.Equal(WebhookSecret, await secrets.GetSecretAsync("shop-webhook"));
        await client.SendMessageToGroupAsync(RelayHost.GroupMessage(1)).WaitAsync(Limit);
        await client.SendLiveMessageUserAsync(new SendLiveMessageUserRequest
        {
            AppId = "app1", ReceiverId = "user1", SenderId = "relay", Body = "hello", MsgTid = "leak1",
        }).WaitAsync(Limit);

        // Rotation with the old key disabled first: an authentication error, logged as a dispatcher would, then a forced refresh.
        await vaultOperator.WritePairAsync("STS.leakB", SecretB, TokenB);
        _api.Enable("STS.leakB", SecretB, TokenB);
        _api.Disable("STS.leakA");
        var rejected = await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(RelayHost.GroupMessage(2)).WaitAsync(Limit));
        log.LogError(rejected, "Send failed: {Error}", rejected.Message);
        var refreshed = await credentials.RefreshAsync().AsTask().WaitAsync(Limit);
        log.LogInformation("Refreshed credential {Credential}", refreshed);
        await RelayHost.SendWithRefreshAsync(client, credentials, RelayHost.GroupMessage(3)).WaitAsync(Limit);

        // An outage: the interval refresh keeps the last good values; a secret never read before fails, and is logged.
        _vault.Unreachable = true;
        _time.Advance(TimeSpan.FromMinutes(5));
        await host.Services.GetServices<IHostedService>().OfType<SecretsRefreshService>().Single().Refreshing.WaitAsync(Limit);
        var unreadable = await Assert.ThrowsAsync<SecretUnavailableException>(() => secrets.GetSecretAsync("crm-webhook").AsTask().WaitAsync(Limit));
        log.LogError(unreadable, "Webhook secret unavailable: {Error}", unreadable.Message);
        log.LogDebug("Providers: {Credentials} {Secrets}", credentials, secrets);
        await host.StopAsync().WaitAsync(Limit);

        var captured = _logs.AllText() + "\n" + string.Join('\n', azureEvents);
        Assert.Equal(["STS.leakA", "STS.leakA", "STS.leakB"], _api.Accepted);
        // HttpClient's categories were open at Trace, and the capture saw the calls, the vault's reads and its warnings.
        Assert.True(host.Services.GetRequiredService<ILoggerFactory>()
            .CreateLogger("System.Net.Http.HttpClient.ILiveApiClient.ClientHandler").IsEnabled(LogLevel.Trace));
        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Live API SendLiveMessageUser answered HTTP 200", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Message.StartsWith("Alibaba Cloud key pair read from Key Vault", StringComparison.Ordinal));
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Keeping the Alibaba Cloud key pair", StringComparison.Ordinal));
        Assert.Contains(azureEvents, e => e.Contains("alibaba-access-key-secret", StringComparison.Ordinal));
        foreach (var secret in new[] { SecretA, TokenA, SecretB, TokenB, WebhookSecret, FakeKeyVault.AccessToken })
        {
            foreach (var form in Forms(secret))
            {
                Assert.False(captured.Contains(form, StringComparison.Ordinal), $"A form of a secret ('{form[..6]}...') was found in the logs.");
            }
        }
    }

    [Fact]
    public async Task The_Live_API_client_leaves_HttpClient_factory_loggers_nothing_to_hand_to_log_providers()
    {
        // HttpClientFactory's Trace logging redacts header values in the message text but passes them to providers
        // as structured state, which would include the STS token; AddLiveApiClient removes those loggers.
        _api.Enable("STS.plain", SecretA, TokenA);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LiveRelay:AlibabaCloud:Endpoint"] = _api.Endpoint.ToString() });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(_logs);
        builder.Services.AddSingleton<IAlibabaCloudCredentialProvider>(new StaticCredentialProvider(new AlibabaCloudCredential("STS.plain", SecretA, TokenA)));
        builder.Services.AddLiveApiClient(builder.Configuration);
        using var host = builder.Build();

        await host.Services.GetRequiredService<ILiveApiClient>().SendMessageToGroupAsync(RelayHost.GroupMessage(1)).WaitAsync(Limit);

        Assert.DoesNotContain(_logs.Entries, static e => e.Category.StartsWith("System.Net.Http.HttpClient.ILiveApiClient", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Entries, e => e.FullText.Contains(TokenA, StringComparison.Ordinal));
    }

    /// <summary>The ways a value could be written into a log: as is, percent-, form- or base64-encoded.</summary>
    private static IEnumerable<string> Forms(string value) =>
        new[]
        {
            value,
            Uri.EscapeDataString(value),
            AcsPercentEncoding.Encode(value),
            WebUtility.UrlEncode(value),
            Convert.ToBase64String(Encoding.UTF8.GetBytes(value)),
        }.Distinct();
}
