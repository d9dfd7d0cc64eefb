using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pipeline;

/// <summary>An internal producer puts an event on <c>live-events</c> in Azurite; the host normalizes it, fans it out and delivers it.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class LiveEventsQueueTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    // Plain text on a base64 queue is the standalone host's own leniency: the Functions runtime decodes per host.json.
    [Theory]
    [BothHosts(QueueMessageEncoding.Base64)]
    [InlineData(HostKind.Standalone, QueueMessageEncoding.None)]
    public async Task An_event_put_on_live_events_is_delivered(HostKind kind, QueueMessageEncoding producerEncoding)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);
        var eventId = $"queued-{producerEncoding}";
        var message = JsonSerializer.Serialize(new
        {
            source = TestSources.Orders,
            eventId,
            @event = JsonDocument.Parse(TestSources.OrderEvent(eventId, ["q1", "q2", "q3"], text: "From the queue")).RootElement,
        });

        await queues.PutAsync(QueueNames.LiveEvents, message, producerEncoding);

        string[] expected = [.. Enumerable.Range(0, 3).Select(i => MessageIds.ForMessage(TestSources.Orders, eventId, i))];
        await _emulator.WaitForMsgTidsAsync(expected, TimeSpan.FromSeconds(30));
        var recorded = _emulator.Recorded(LiveApiActions.SendLiveMessageUser);
        Assert.Equal(["q1", "q2", "q3"], recorded.Select(static m => m.Parameters["ReceiverId"]).Order());
        Assert.All(recorded, static m => Assert.Equal("From the queue", m.Parameters["Body"]));
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveEvents));
        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveEvents) == 0, TimeSpan.FromSeconds(10), () => "live-events was not emptied");
    }

    [Theory]
    [BothHosts]
    public async Task An_event_for_an_unknown_source_is_parked_in_live_events_poison_with_its_reason_at_once(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);
        var message = JsonSerializer.Serialize(new { source = "nosuchsource", eventId = "e1", @event = new { id = "e1" } });

        await queues.PutAsync(QueueNames.LiveEvents, message, QueueMessageEncoding.Base64);

        PoisonMessage? parked = null;
        await Eventually.WaitUntilAsync(
            async () => (parked = (await queues.ReadPoisonAsync(QueueNames.LiveEvents)).SingleOrDefault()) is not null,
            TimeSpan.FromSeconds(30),
            () => "nothing was parked in live-events-poison");
        Assert.Equal(1, parked!.Attempts);
        Assert.Equal(QueueNames.LiveEvents, parked.Queue);
        Assert.Contains("nosuchsource", parked.Reason, StringComparison.Ordinal);
        Assert.Equal(message, parked.Message);
        Assert.Equal(0, _emulator.Statistics.Snapshot().Requests);
    }
}
