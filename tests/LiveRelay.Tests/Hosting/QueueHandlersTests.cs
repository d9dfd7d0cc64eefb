using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Hosting;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Tests.Delivery.Support;
using LiveRelay.Tests.Hosting.Support;
using LiveRelay.Tests.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting;

/// <summary>
/// The standalone host's queue handlers run by the real <see cref="QueueProcessor"/> over queues in memory, and the
/// Functions app's settlement of the same verdicts: both park a message with the same reason, code and content.
/// </summary>
public sealed class QueueHandlersTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly HostJsonQueueOptions QueueOptions = new() { MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public async Task The_live_events_handler_fans_an_event_out_onto_live_messages()
    {
        await using var host = await RelayTestHost.StartAsync();
        var queues = new InMemoryMessageQueueFactory();
        var outbox = new QueueMessageOutbox(queues, Options.Create(QueueOptions));
        var liveEvents = queues.GetQueue(QueueNames.LiveEvents);
        await liveEvents.CreateIfNotExistsAsync();
        await liveEvents.SendAsync(QueueMessageCodec.Encode(
            TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-h1", RelayTestHost.App, "u1", "u2")), QueueMessageEncoding.Base64));

        await using (var processor = RunningProcessor.Start(new QueueProcessor(queues, QueueNames.LiveEvents, new LiveEventsQueueHandler(host.Relay, outbox), QueueOptions)))
        {
            await WaitForAsync(async () => await CountAsync(queues.GetQueue(QueueNames.LiveMessages)) == 2 && await CountAsync(liveEvents) == 0);
        }

        var envelopes = await TestOutboxes.DrainEnvelopesAsync(queues.GetQueue(QueueNames.LiveMessages));
        Assert.Equal(
            new[] { MessageIds.ForMessage("shop", "evt-h1", 0), MessageIds.ForMessage("shop", "evt-h1", 1) }.Order(StringComparer.Ordinal),
            envelopes.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_live_messages_handler_delivers_and_parks_and_the_Functions_settlement_parks_the_same_way()
    {
        await using var host = await RelayTestHost.StartAsync();
        var queues = new InMemoryMessageQueueFactory();
        var liveMessages = queues.GetQueue(QueueNames.LiveMessages);
        await liveMessages.CreateIfNotExistsAsync();
        var good = TestEnvelopes.User("evt-h2", 0);
        var second = TestEnvelopes.User("evt-h2", 1);
        var refused = second with { Message = new UserLiveMessage(((UserLiveMessage)second.Message).Request with { AppId = "unknownapp" }) };
        var refusedText = MessageEnvelopeSerializer.SerializeToString(refused);
        await liveMessages.SendAsync(MessageEnvelopeSerializer.SerializeToBase64(good));
        await liveMessages.SendAsync(QueueMessageCodec.Encode(refusedText, QueueMessageEncoding.Base64));
        var poisonQueue = queues.GetQueue(QueueNames.PoisonQueueFor(QueueNames.LiveMessages));

        await using (var processor = RunningProcessor.Start(new QueueProcessor(queues, QueueNames.LiveMessages, new LiveMessagesQueueHandler(host.Relay, host.Services.GetRequiredService<DeliveryPacing>(), host.Services.GetRequiredService<IOptions<FleetPacingOptions>>()), QueueOptions)))
        {
            await WaitForAsync(async () => await CountAsync(liveMessages) == 0 && await CountAsync(poisonQueue) == 1);
        }

        Assert.Equal([good.Id], host.Delivered.Select(m => m.Parameters["MsgTid"]));
        var parked = Assert.Single(await TestOutboxes.DrainAsync(poisonQueue));
        Assert.True(PoisonMessageSerializer.TryDeserialize(parked, out var byProcessor));

        var settlement = new QueueTriggerSettlement(Options.Create(QueueOptions), TimeProvider.System, NullLogger<QueueTriggerSettlement>.Instance, queues);
        var incoming = settlement.Read(QueueNames.LiveMessages, refusedText, new Dictionary<string, object?> { ["Id"] = "m-1", ["DequeueCount"] = "1" });
        var byFunctions = await settlement.SettleAsync(incoming, await host.Relay.DispatchQueuedMessageAsync(refusedText));
        Assert.True(PoisonMessageSerializer.TryDeserialize(byFunctions!, out var read));

        Assert.Equal("ResourceNotExist", byProcessor!.Code);
        Assert.Equal(
            (byProcessor.Reason, byProcessor.Code, byProcessor.Attempts, byProcessor.Queue, byProcessor.Message),
            (read!.Reason, read.Code, read.Attempts, read.Queue, read.Message));
        Assert.Equal(refusedText, read.Message);
    }

    [Fact]
    public async Task The_live_messages_handler_holds_what_the_shares_send_in_four_fifths_of_the_pacing_wait()
    {
        await using var host = await RelayTestHost.StartAsync();
        var pacing = host.Services.GetRequiredService<DeliveryPacing>();
        var handler = new LiveMessagesQueueHandler(host.Relay, pacing, Options.Create(new FleetPacingOptions { MaxPacingWait = TimeSpan.FromSeconds(2) }));

        // 10/s and 5/s for 1.6 s.
        pacing.SendMessageToGroup.SetShare(10);
        pacing.SendLiveMessageUser.SetShare(5);
        Assert.Equal(24, handler.HoldLimit);
    }

    private static async Task<int> CountAsync(IMessageQueue queue)
    {
        await queue.CreateIfNotExistsAsync();
        return await queue.GetApproximateCountAsync();
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(Limit);
        while (!await condition())
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
