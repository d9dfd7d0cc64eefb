using LiveRelay.Hosting;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Tests.Delivery.Support;
using LiveRelay.Tests.Hosting.Support;

namespace LiveRelay.Tests.Hosting;

public sealed class MessageOutboxTests
{
    [Fact]
    public async Task The_buffered_outbox_keeps_envelope_JSON_in_order_for_the_output_binding_to_encode()
    {
        var outbox = new BufferedMessageOutbox();
        var first = new[] { TestEnvelopes.User("evt-1", 0), TestEnvelopes.Group("evt-1", 1) };
        var second = new[] { TestEnvelopes.User("evt-2", 0) };

        await outbox.EnqueueAsync(first);
        await outbox.EnqueueAsync([]);
        await outbox.EnqueueAsync(second);

        Assert.Equal(first.Concat(second).Select(MessageEnvelopeSerializer.SerializeToString), outbox.Messages);
        Assert.Equal(first.Concat(second), outbox.Messages.Select(text => MessageEnvelopeSerializer.Deserialize(text)));
        Assert.All(outbox.Messages, text => Assert.False(QueueMessageCodec.TryDecodeBase64(text, out _), "the binding encodes; the outbox must not"));
        await Assert.ThrowsAsync<ArgumentNullException>(() => outbox.EnqueueAsync(null!).AsTask());
    }

    [Theory]
    [InlineData(QueueMessageEncoding.Base64)]
    [InlineData(QueueMessageEncoding.None)]
    public async Task The_queue_outbox_creates_live_messages_and_sends_every_envelope_encoded_as_host_json_says(QueueMessageEncoding encoding)
    {
        var (outbox, liveMessages) = TestOutboxes.InMemory(encoding);
        var envelopes = Enumerable.Range(0, 100).Select(i => TestEnvelopes.User("evt-many", i)).ToList();

        await outbox.EnqueueAsync(envelopes);

        var raw = await liveMessages.PeekAsync(QueueLimits.MaxMessagesPerReceive);
        Assert.All(raw, message => Assert.Equal(encoding == QueueMessageEncoding.Base64, message.Text.StartsWith("ey", StringComparison.Ordinal)));
        var received = await TestOutboxes.DrainAsync(liveMessages, encoding);
        Assert.Equal(100, received.Count);
        Assert.Equal(
            envelopes.Select(MessageEnvelopeSerializer.SerializeToString).Order(StringComparer.Ordinal),
            received.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_queue_outbox_throws_the_queues_error_so_the_caller_can_ask_for_a_retry()
    {
        var outbox = TestOutboxes.Unreachable();

        var error = await Assert.ThrowsAsync<MessageQueueException>(() => outbox.EnqueueAsync([TestEnvelopes.User()]).AsTask());

        Assert.Equal(QueueErrorCodes.ConnectionFailed, error.ErrorCode);
        Assert.Equal(QueueNames.LiveMessages, error.QueueName);
    }
}
