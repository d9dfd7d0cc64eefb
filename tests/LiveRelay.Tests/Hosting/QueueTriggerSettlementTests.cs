using System.Text.Json;
using LiveRelay.Hosting;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting;

/// <summary>What the Functions app's queue triggers do with RelayService's verdicts (the triggers only call these two methods).</summary>
public sealed class QueueTriggerSettlementTests
{
    private const string Content = "{\"v\":1,\"id\":\"x\"}";

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Inserted = new(2026, 3, 1, 11, 59, 59, TimeSpan.Zero);

    public static TheoryData<string, Dictionary<string, object?>> BindingDataShapes => new()
    {
        // What the Functions host sends today: strings as they are, other values as JSON text.
        { "JSON text", new() { ["Id"] = "6c2d0b1e", ["DequeueCount"] = "3", ["InsertionTime"] = "\"2026-03-01T11:59:59+00:00\"", ["PopReceipt"] = "AgAAAA==" } },
        { "typed values, other casing", new() { ["id"] = "6c2d0b1e", ["dequeueCount"] = 3L, ["insertionTime"] = Inserted } },
        { "JSON elements", new() { ["Id"] = "\"6c2d0b1e\"", ["DequeueCount"] = JsonDocument.Parse("3").RootElement, ["InsertionTime"] = JsonDocument.Parse("\"2026-03-01T11:59:59Z\"").RootElement } },
        { "plain text, int", new() { ["Id"] = "6c2d0b1e", ["DequeueCount"] = 3, ["InsertionTime"] = "2026-03-01T11:59:59Z" } },
    };

    [Theory]
    [MemberData(nameof(BindingDataShapes))]
    public void The_trigger_metadata_is_read_in_every_shape_the_host_may_send(string shape, Dictionary<string, object?> bindingData)
    {
        var message = Settlement(maxDequeueCount: 7).Read(QueueNames.LiveMessages, "{\"v\":1}", bindingData);

        Assert.True(message == new IncomingQueueMessage(QueueNames.LiveMessages, "6c2d0b1e", 3, 7, Inserted, "{\"v\":1}", "{\"v\":1}"), shape);
        Assert.False(message.IsLastAttempt);
    }

    [Fact]
    public void Missing_or_unreadable_metadata_never_fails_the_message()
    {
        var settlement = Settlement();

        var none = settlement.Read(QueueNames.LiveEvents, "x", null);
        var broken = settlement.Read(QueueNames.LiveEvents, "x", new Dictionary<string, object?> { ["DequeueCount"] = "many", ["InsertionTime"] = "yesterday", ["Id"] = null });
        var zero = settlement.Read(QueueNames.LiveEvents, "x", new Dictionary<string, object?> { ["DequeueCount"] = "0" });

        Assert.Equal((string.Empty, 1L, DateTimeOffset.MinValue), (none.MessageId, none.DequeueCount, none.InsertedOn));
        Assert.Equal((string.Empty, 1L, DateTimeOffset.MinValue), (broken.MessageId, broken.DequeueCount, broken.InsertedOn));
        Assert.Equal(1, zero.DequeueCount);
        Assert.Throws<ArgumentException>(() => settlement.Read("Not A Queue", "x", null));
    }

    [Fact]
    public async Task A_completed_message_writes_nothing()
    {
        var settlement = Settlement();

        Assert.Null(await settlement.SettleAsync(Message(dequeueCount: 1), QueueMessageDisposition.Completed));
        Assert.Null(await settlement.SettleAsync(Message(dequeueCount: 5), QueueMessageDisposition.Completed));
    }

    [Fact]
    public async Task A_message_that_failed_for_good_is_parked_at_once_with_its_reason_in_the_poison_format()
    {
        var poison = await Settlement().SettleAsync(Message(dequeueCount: 1), QueueMessageDisposition.Poison("ResourceNotExist: The app does not exist.", "ResourceNotExist"));

        Assert.NotNull(poison);
        Assert.True(PoisonMessageSerializer.TryDeserialize(poison, out var read));
        Assert.Equal(
            new PoisonMessage("ResourceNotExist: The app does not exist.", "ResourceNotExist", 1, Now, QueueNames.LiveMessages, "msg-1", Inserted, Content),
            read);
    }

    [Fact]
    public async Task A_retry_before_the_last_attempt_is_thrown_for_the_runtime_to_make_the_message_visible_again()
    {
        var error = await Assert.ThrowsAsync<QueueTriggerRetryException>(
            () => Settlement().SettleAsync(Message(dequeueCount: 4), QueueMessageDisposition.Retry("Throttling.User: slow down", TimeSpan.FromSeconds(3), "Throttling.User")));

        Assert.Equal((QueueNames.LiveMessages, "msg-1", "Throttling.User: slow down", "Throttling.User"), (error.QueueName, error.MessageId, error.Reason, error.Code));
        Assert.Equal("Queue 'live-messages': message msg-1 will be retried: Throttling.User: Throttling.User: slow down", error.Message);
    }

    [Theory]
    [InlineData("ServiceUnavailable", "ServiceUnavailable")]
    [InlineData(null, "RetriesExhausted")]
    public async Task A_retry_on_the_last_attempt_is_parked_with_its_reason_instead_of_as_it_was(string? code, string expectedCode)
    {
        var poison = await Settlement().SettleAsync(Message(dequeueCount: 5), QueueMessageDisposition.Retry("ServiceUnavailable: try later", code: code));

        Assert.True(PoisonMessageSerializer.TryDeserialize(poison!, out var read));
        Assert.Equal("ServiceUnavailable: try later (gave up after 5 attempts; maxDequeueCount 5).", read!.Reason);
        Assert.Equal((expectedCode, 5L, Content), (read.Code, read.Attempts, read.Message));
    }

    [Theory]
    [InlineData(QueueMessageEncoding.None, 40_000, true)]
    [InlineData(QueueMessageEncoding.Base64, 40_000, true)]
    [InlineData(QueueMessageEncoding.None, 60_000, true)]
    [InlineData(QueueMessageEncoding.Base64, 60_000, false)]
    [InlineData(QueueMessageEncoding.None, 65_400, false)]
    public async Task A_poison_message_that_would_not_fit_in_one_queue_message_once_encoded_is_parked_as_it_was(QueueMessageEncoding encoding, int contentLength, bool wrapped)
    {
        var content = new string('x', contentLength);
        var settlement = Settlement(encoding: encoding);
        var message = settlement.Read(QueueNames.LiveMessages, content, new Dictionary<string, object?> { ["Id"] = "msg-1", ["DequeueCount"] = "1" });

        var poison = await settlement.SettleAsync(message, QueueMessageDisposition.Poison("InvalidEnvelope: not JSON", "InvalidEnvelope"));

        Assert.Equal(wrapped, PoisonMessageSerializer.TryDeserialize(poison!, out _));
        if (!wrapped)
        {
            Assert.Same(content, poison);
        }
    }

    [Theory]
    [InlineData(QueueMessageEncoding.Base64)]
    [InlineData(QueueMessageEncoding.None)]
    public async Task A_message_handed_back_for_pacing_is_enqueued_again_with_its_delay_even_on_the_last_attempt(QueueMessageEncoding encoding)
    {
        var clock = new ManualTimeProvider(Now);
        var queues = new InMemoryMessageQueueFactory(clock);
        var queue = queues.GetQueue(QueueNames.LiveMessages);
        await queue.CreateIfNotExistsAsync();

        var poison = await Settlement(encoding: encoding, queues: queues).SettleAsync(
            Message(dequeueCount: 5), QueueMessageDisposition.Defer("PacingBacklog: no turn soon enough", TimeSpan.FromSeconds(7), "PacingBacklog"));

        // Nothing parked, nothing thrown: the runtime deletes the original, and the copy comes back after the delay
        // with a fresh dequeue count, in the queue's encoding.
        Assert.Null(poison);
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        clock.Advance(TimeSpan.FromSeconds(7));
        var copy = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        Assert.Equal(Content, QueueMessageCodec.Decode(copy.Text, encoding));
        Assert.Equal(1, copy.DequeueCount);
    }

    private static IncomingQueueMessage Message(long dequeueCount) =>
        new(QueueNames.LiveMessages, "msg-1", dequeueCount, 5, Inserted, Content, Content);

    private static QueueTriggerSettlement Settlement(
        int maxDequeueCount = 5, QueueMessageEncoding encoding = QueueMessageEncoding.Base64, IMessageQueueFactory? queues = null) => new(
        Options.Create(new HostJsonQueueOptions { MaxDequeueCount = maxDequeueCount, MessageEncoding = encoding }),
        new ManualTimeProvider(Now),
        NullLogger<QueueTriggerSettlement>.Instance,
        queues ?? new InMemoryMessageQueueFactory(new ManualTimeProvider(Now)));
}
