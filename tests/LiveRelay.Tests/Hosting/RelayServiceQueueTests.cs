using System.Text;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Hosting;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Tests.Delivery.Support;
using LiveRelay.Tests.Hosting.Support;

namespace LiveRelay.Tests.Hosting;

/// <summary>The queue side of RelayService: <c>live-events</c> (ProcessQueuedEventAsync) and <c>live-messages</c> (DispatchQueuedMessageAsync).</summary>
public sealed class RelayServiceQueueTests
{
    [Fact]
    public async Task An_accepted_event_completes_with_its_envelopes_in_the_outbox_as_plain_JSON_with_deterministic_ids()
    {
        await using var host = await RelayTestHost.StartAsync();
        var outbox = new BufferedMessageOutbox();
        var message = TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-q1", RelayTestHost.App, "u1", "u2"));

        var disposition = await host.Relay.ProcessQueuedEventAsync(message, outbox);
        var again = new BufferedMessageOutbox();
        await host.Relay.ProcessQueuedEventAsync(message, again);

        Assert.Same(QueueMessageDisposition.Completed, disposition);
        Assert.All(outbox.Messages, text => Assert.StartsWith("{", text, StringComparison.Ordinal));
        var envelopes = outbox.Messages.Select(text => MessageEnvelopeSerializer.Deserialize(text)).ToList();
        Assert.Equal([MessageIds.ForMessage("shop", "evt-q1", 0), MessageIds.ForMessage("shop", "evt-q1", 1)], envelopes.Select(e => e.Id));
        Assert.Equal(["u1", "u2"], envelopes.Select(e => ((UserLiveMessage)e.Message).Request.ReceiverId));
        Assert.Equal(envelopes.Select(e => e.Id), again.Messages.Select(text => MessageEnvelopeSerializer.Deserialize(text).Id));
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task The_standalone_outbox_puts_an_accepted_events_envelopes_on_live_messages()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var disposition = await host.Relay.ProcessQueuedEventAsync(
            TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-q2", RelayTestHost.App, "u1", "u2", "u3")), outbox);

        Assert.Equal(QueueMessageOutcome.Completed, disposition.Outcome);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => MessageIds.ForMessage("shop", "evt-q2", i)).Order(StringComparer.Ordinal),
            (await TestOutboxes.DrainEnvelopesAsync(liveMessages)).Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("{\"source\":\"nosuchsource\",\"event\":{}}", "UnknownSource", "No source named 'nosuchsource'")]
    [InlineData("{\"source\":\"shop\",\"event\":{\"id\":\"e1\",\"app\":\"app1\",\"order\":\"A-1\"}}", "MappingFailed", "customers")]
    [InlineData("{\"source\":\"shop\"", "MalformedEvent", "")]
    public async Task An_event_that_can_never_be_accepted_is_poisoned_with_the_rejection_as_its_reason(string message, string code, string reasonPart)
    {
        await using var host = await RelayTestHost.StartAsync();
        var outbox = new BufferedMessageOutbox();

        var disposition = await host.Relay.ProcessQueuedEventAsync(message, outbox);

        Assert.Equal(QueueMessageOutcome.Poison, disposition.Outcome);
        Assert.Equal(code, disposition.Code);
        Assert.Contains(reasonPart, disposition.Reason, StringComparison.Ordinal);
        Assert.StartsWith(code == "UnknownSource" ? "404 " : "400 ", disposition.Reason, StringComparison.Ordinal);
        Assert.Empty(outbox.Messages);
    }

    [Fact]
    public async Task An_event_whose_message_is_too_large_to_queue_is_poisoned_not_retried()
    {
        await using var host = await RelayTestHost.StartAsync();
        var outbox = new BufferedMessageOutbox();

        var disposition = await host.Relay.ProcessQueuedEventAsync(TestSources.QueueEvent("bulletin", TestSources.BulletinEvent(60_000)), outbox);

        Assert.Equal(QueueMessageOutcome.Poison, disposition.Outcome);
        Assert.Equal(RelayResponses.MessageTooLargeCode, disposition.Code);
        Assert.StartsWith($"Message {MessageIds.ForMessage("bulletin", MessageIds.ForBody(Encoding.UTF8.GetBytes(TestSources.BulletinEvent(60_000))), 0)} is ", disposition.Reason, StringComparison.Ordinal);
        Assert.Empty(outbox.Messages);
    }

    [Fact]
    public async Task An_event_whose_envelopes_cannot_be_queued_is_retried()
    {
        await using var host = await RelayTestHost.StartAsync();

        var disposition = await host.Relay.ProcessQueuedEventAsync(
            TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-q3", RelayTestHost.App, "u1")), TestOutboxes.Unreachable());

        Assert.Equal(QueueMessageOutcome.Retry, disposition.Outcome);
        Assert.Equal(QueueErrorCodes.ConnectionFailed, disposition.Code);
        Assert.StartsWith("The messages could not be queued", disposition.Reason, StringComparison.Ordinal);
        Assert.Null(disposition.Delay);
    }

    [Fact]
    public async Task A_direct_delivery_sources_queue_event_is_sent_at_once_and_only_the_undelivered_envelopes_are_queued()
    {
        // One call at a time and no retries, so the seeded fault sequence decides the same calls on every run.
        await using var host = await RelayTestHost.StartAsync(
            emulatorArgs: ["--Emulator:Faults:ServiceUnavailableShare=0.5", "--Emulator:Faults:Seed=7"],
            settings: new Dictionary<string, string?> { ["LiveRelay:Delivery:DirectConcurrency"] = "1", ["LiveRelay:Delivery:MaxAttempts"] = "1" });
        var outbox = new BufferedMessageOutbox();
        var customers = Enumerable.Range(1, 8).Select(i => $"u{i}").ToArray();

        var disposition = await host.Relay.ProcessQueuedEventAsync(
            TestSources.QueueEvent("shop-direct", TestSources.ShopEvent("evt-q4", RelayTestHost.App, customers)), outbox);

        Assert.Equal(QueueMessageOutcome.Completed, disposition.Outcome);
        var all = Enumerable.Range(0, customers.Length).Select(i => MessageIds.ForMessage("shop-direct", "evt-q4", i)).ToHashSet(StringComparer.Ordinal);
        var delivered = host.Delivered.Select(m => m.Parameters["MsgTid"]).ToList();
        var queued = outbox.Messages.Select(text => MessageEnvelopeSerializer.Deserialize(text).Id).ToList();
        Assert.NotEmpty(delivered);
        Assert.NotEmpty(queued);
        Assert.Empty(delivered.Intersect(queued, StringComparer.Ordinal));
        Assert.True(all.SetEquals(delivered.Concat(queued)), "every envelope is either delivered or queued, once");
    }

    [Fact]
    public async Task A_deliverable_envelope_completes_after_one_call()
    {
        await using var host = await RelayTestHost.StartAsync();
        var envelope = TestEnvelopes.User("evt-m1");

        var disposition = await host.Relay.DispatchQueuedMessageAsync(MessageEnvelopeSerializer.SerializeToString(envelope));
        var fromBase64 = await host.Relay.DispatchQueuedMessageAsync(MessageEnvelopeSerializer.SerializeToBase64(TestEnvelopes.User("evt-m1", index: 1)));

        Assert.Same(QueueMessageDisposition.Completed, disposition);
        Assert.Same(QueueMessageDisposition.Completed, fromBase64);
        Assert.Equal([envelope.Id, MessageIds.ForMessage(TestEnvelopes.Source, "evt-m1", 1)], host.Delivered.Select(m => m.Parameters["MsgTid"]));
    }

    [Fact]
    public async Task An_envelope_the_API_refuses_for_good_is_poisoned_with_the_APIs_code()
    {
        await using var host = await RelayTestHost.StartAsync();
        var envelope = TestEnvelopes.User("evt-m2");
        var request = ((UserLiveMessage)envelope.Message).Request;
        envelope = envelope with { Message = new UserLiveMessage(request with { AppId = "unknownapp" }) };

        var disposition = await host.Relay.DispatchQueuedMessageAsync(MessageEnvelopeSerializer.SerializeToString(envelope));

        Assert.Equal(QueueMessageOutcome.Poison, disposition.Outcome);
        Assert.Equal("ResourceNotExist", disposition.Code);
        Assert.StartsWith("ResourceNotExist: ", disposition.Reason, StringComparison.Ordinal);
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task An_envelope_the_API_cannot_take_now_is_retried_with_the_senders_delay()
    {
        await using var host = await RelayTestHost.StartAsync(emulatorArgs: ["--Emulator:Faults:ServiceUnavailableShare=1"]);

        var disposition = await host.Relay.DispatchQueuedMessageAsync(MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.User("evt-m3")));

        Assert.Equal(QueueMessageOutcome.Retry, disposition.Outcome);
        Assert.Equal("ServiceUnavailable", disposition.Code);
        Assert.StartsWith("ServiceUnavailable: ", disposition.Reason, StringComparison.Ordinal);
        Assert.NotNull(disposition.Delay);
        Assert.Empty(host.Delivered);
    }

    [Theory]
    [InlineData("not an envelope")]
    [InlineData("{\"v\":2,\"id\":\"x\"}")]
    public async Task An_unreadable_envelope_is_poisoned_at_once_without_a_call(string message)
    {
        await using var host = await RelayTestHost.StartAsync();

        var disposition = await host.Relay.DispatchQueuedMessageAsync(message);

        Assert.Equal(QueueMessageOutcome.Poison, disposition.Outcome);
        Assert.Equal(RejectedForGood.InvalidEnvelope, disposition.Code);
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task A_group_envelope_is_delivered_with_its_data()
    {
        await using var host = await RelayTestHost.StartAsync();
        var envelope = TestEnvelopes.Group("evt-m4", data: "{\"text\":\"to the room\"}");

        var disposition = await host.Relay.DispatchQueuedMessageAsync(MessageEnvelopeSerializer.SerializeToString(envelope));

        Assert.Same(QueueMessageDisposition.Completed, disposition);
        var sent = Assert.Single(host.Delivered);
        Assert.Equal((LiveApiActions.SendMessageToGroup, "{\"text\":\"to the room\"}"), (sent.Action, sent.Parameters["Data"]));
    }
}
