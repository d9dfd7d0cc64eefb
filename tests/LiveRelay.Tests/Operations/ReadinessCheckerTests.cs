using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Intake.Configuration;
using LiveRelay.Operations.Readiness;
using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Queues.InMemory;
using LiveRelay.Secrets.Configuration;
using LiveRelay.Testing;
using LiveRelay.Tests.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Operations;

[Collection(AzuriteCollection.Name)]
public sealed class ReadinessCheckerTests(AzuriteFixture azurite)
{
    private const string SecretValue = "whsec-not-shown-anywhere-4711";

    [Fact]
    public async Task Ready_when_storage_answers_the_key_pair_is_there_and_every_source_secret_can_be_read()
    {
        var report = await Checker(TestQueues.AzuriteFactory(azurite.Server), Settings(("LiveRelay:Secrets:shop-secret", SecretValue))).CheckAsync();

        Assert.True(report.IsReady);
        Assert.Equal(
            [("queues", ReadinessState.Ok), ("credentials", ReadinessState.Ok), ("source:shop", ReadinessState.Ok)],
            report.Checks.Select(static c => (c.Name, c.State)));
        Assert.DoesNotContain(report.Checks, static c => c.Reason.Contains(SecretValue, StringComparison.Ordinal) || c.Reason.Contains("test-access-key-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queues_in_memory_are_degraded_but_ready()
    {
        var report = await Checker(new InMemoryMessageQueueFactory(), Settings(("LiveRelay:Secrets:shop-secret", SecretValue))).CheckAsync();

        Assert.True(report.IsReady);
        var queues = report.Checks.Single(static c => c.Name == ReadinessChecker.QueuesCheck);
        Assert.Equal(ReadinessState.Degraded, queues.State);
        Assert.Contains("in memory", queues.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_ready_when_storage_cannot_be_reached()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}/{AzuriteQueueServer.DevelopmentAccountName}");
        var unreachable = new AzureStorageMessageQueueFactory(
            TestQueues.StorageClients(AzuriteQueueServer.DevelopmentConnectionString(endpoint)).CreateQueueServiceClient(static o => o.Retry.MaxRetries = 0));

        var report = await Checker(unreachable, Settings(("LiveRelay:Secrets:shop-secret", SecretValue))).CheckAsync();

        Assert.False(report.IsReady);
        var queues = report.Checks.Single(static c => c.Name == ReadinessChecker.QueuesCheck);
        Assert.Equal(ReadinessState.Failed, queues.State);
        Assert.Contains(QueueErrorCodes.ConnectionFailed, queues.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteQueueServer.DevelopmentAccountKey, queues.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_ready_without_the_key_pair_and_the_reason_names_the_settings()
    {
        var settings = Settings(("LiveRelay:Secrets:shop-secret", SecretValue));
        settings.Remove("LiveRelay:AlibabaCloud:AccessKeySecret");

        var report = await Checker(new InMemoryMessageQueueFactory(), settings).CheckAsync();

        Assert.False(report.IsReady);
        var credentials = report.Checks.Single(static c => c.Name == ReadinessChecker.CredentialsCheck);
        Assert.Equal(ReadinessState.Failed, credentials.State);
        Assert.Contains("LiveRelay:AlibabaCloud:AccessKeySecret", credentials.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_with_one_of_two_secrets_is_degraded_and_with_none_fails()
    {
        var one = await Checker(new InMemoryMessageQueueFactory(), Settings(("LiveRelay:Secrets:shop-secret", SecretValue)), secretNames: ["shop-secret", "shop-next"]).CheckAsync();
        var none = await Checker(new InMemoryMessageQueueFactory(), Settings(), secretNames: ["shop-secret", "shop-next"]).CheckAsync();

        var degraded = one.Checks.Single(static c => c.Name == "source:shop");
        Assert.Equal(ReadinessState.Degraded, degraded.State);
        Assert.Contains("'shop-next' does not exist", degraded.Reason, StringComparison.Ordinal);
        Assert.True(one.IsReady);
        Assert.Equal(ReadinessState.Failed, none.Checks.Single(static c => c.Name == "source:shop").State);
        Assert.False(none.IsReady);
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "LTAItestid",
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "test-access-key-secret",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static ReadinessChecker Checker(IMessageQueueFactory queues, Dictionary<string, string?> settings, string[]? secretNames = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var sources = new SourcesOptions();
        var shop = new SourceOptions();
        shop.Verification.SecretNames.AddRange(secretNames ?? ["shop-secret"]);
        sources.Sources["shop"] = shop;
        sources.Sources["open"] = new SourceOptions();
        IAlibabaCloudCredentialProvider credentials = new ConfigurationCredentialProvider(configuration);
        return new ReadinessChecker(queues, credentials, new ConfigurationSecretProvider(configuration), Options.Create(sources), TimeProvider.System);
    }
}
