using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Failures;

/// <summary>
/// What happens to a message the Live API refuses: for good (parked at once, with the reason), for now (retried, then
/// delivered), or every time (parked after maxDequeueCount attempts). The test host tries each send twice
/// (<c>LiveRelay:Delivery:MaxAttempts</c> 2) and each queue message three times (maxDequeueCount 3). Every case runs on
/// both hosts.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FailureHandlingTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int SendAttempts = 2;

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [BothHosts]
    public async Task A_permanent_error_parks_the_message_in_the_poison_queue_with_its_reason_at_once(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        var id = await PostOrderAsync(host, "order-unknown-app", "nosuchapp");

        var parked = await WaitForPoisonAsync(queues);
        Assert.Equal("ResourceNotExist", parked.Code);
        Assert.Equal(1, parked.Attempts);
        Assert.Equal(QueueNames.LiveMessages, parked.Queue);
        Assert.Contains(id, parked.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(parked.Reason));
        var stats = _emulator.Statistics.Snapshot();
        Assert.Equal(1, stats.Rejected.GetValueOrDefault("ResourceNotExist"));
        Assert.Equal(1, stats.Requests);
        Assert.Empty(_emulator.Recorded());

        // The original is deleted after its poison copy is written: the copy can be seen a moment before.
        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveMessages) == 0,
            TimeSpan.FromSeconds(30),
            () => "the parked message is still on live-messages");
    }

    [Theory]
    [BothHosts]
    public async Task A_transient_error_is_retried_through_the_queue_and_then_delivered_once(HostKind kind)
    {
        _emulator.Reset();
        _emulator.Faults.Configure(new FaultOptions { Seed = 1, ServerErrorShare = 1 });
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        var id = await PostOrderAsync(host, "order-transient", EmulatorServer.AppId);

        // More failed calls than one dequeue makes: the message went back to the queue at least once.
        await Eventually.WaitUntilAsync(
            () => _emulator.FaultCount(FaultKind.ServerError) > SendAttempts,
            TimeSpan.FromSeconds(30),
            () => EmulatorServer.Describe(_emulator.Statistics.Snapshot()));
        _emulator.Faults.Configure(new FaultOptions { Seed = 1 });

        await _emulator.WaitForMsgTidsAsync([id], TimeSpan.FromSeconds(30));
        Assert.Equal(1, _emulator.MsgTidCounts()[id]);
        Assert.InRange(_emulator.FaultCount(FaultKind.ServerError), SendAttempts + 1, SendAttempts * (RelaySettings.MaxDequeueCount - 1));
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveMessages) == 0, TimeSpan.FromSeconds(10), () => "live-messages was not emptied");
    }

    [Theory]
    [BothHosts]
    public async Task A_message_that_fails_on_every_attempt_is_parked_after_maxDequeueCount_attempts(HostKind kind)
    {
        _emulator.Reset();
        _emulator.Faults.Configure(new FaultOptions { Seed = 1, ServiceUnavailableShare = 1 });
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        var id = await PostOrderAsync(host, "order-always-failing", EmulatorServer.AppId);

        var parked = await WaitForPoisonAsync(queues);
        Assert.Equal(RelaySettings.MaxDequeueCount, parked.Attempts);
        Assert.Equal("ServiceUnavailable", parked.Code);
        Assert.Contains($"gave up after {RelaySettings.MaxDequeueCount} attempts", parked.Reason, StringComparison.Ordinal);
        Assert.Contains(id, parked.Message, StringComparison.Ordinal);
        Assert.Equal(SendAttempts * RelaySettings.MaxDequeueCount, _emulator.FaultCount(FaultKind.ServiceUnavailable));
        Assert.Empty(_emulator.Recorded());

        // The original is deleted after its poison copy is written: the copy can be seen a moment before.
        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveMessages) == 0,
            TimeSpan.FromSeconds(30),
            () => "the parked message is still on live-messages");
    }

    [Theory]
    [BothHosts]
    public async Task An_unreadable_message_on_live_messages_is_parked_at_once_without_a_call(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        await queues.PutAsync(QueueNames.LiveMessages, "{\"v\":99,\"id\":\"x\"}", QueueMessageEncoding.Base64);

        var parked = await WaitForPoisonAsync(queues);
        Assert.Equal("InvalidEnvelope", parked.Code);
        Assert.Equal(1, parked.Attempts);
        Assert.Equal("{\"v\":99,\"id\":\"x\"}", parked.Message);
        Assert.Equal(0, _emulator.Statistics.Snapshot().Requests);
    }

    private static async Task<string> PostOrderAsync(ParityHost host, string eventId, string appId)
    {
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent(eventId, ["u42"], appId));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Assert.Single(WebhookDeliveryTests.MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    private static async Task<PoisonMessage> WaitForPoisonAsync(StorageQueues queues)
    {
        PoisonMessage? parked = null;
        await Eventually.WaitUntilAsync(
            async () => (parked = (await queues.ReadPoisonAsync(QueueNames.LiveMessages)).SingleOrDefault()) is not null,
            TimeSpan.FromSeconds(30),
            () => "nothing was parked in live-messages-poison");
        return parked!;
    }
}
