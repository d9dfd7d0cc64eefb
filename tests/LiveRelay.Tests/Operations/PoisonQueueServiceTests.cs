using LiveRelay.Operations.Poison;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Tests.Queues;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Operations;

/// <summary>
/// <see cref="PoisonQueueService"/> over real queues (in memory and Azurite): messages are parked by the processor's own
/// <see cref="PoisonQueueWriter"/>, as a failed message would be.
/// </summary>
public abstract class PoisonQueueServiceTests
{
    private const string MessagesPoison = "live-messages-poison";

    private PrefixedQueueFactory? _queues;

    protected abstract IMessageQueueFactory Factory { get; }

    private PrefixedQueueFactory Queues => _queues ??= new PrefixedQueueFactory(Factory, $"p{Guid.NewGuid():N}"[..12] + "-");

    private PoisonQueueService Service => new(Queues, Options.Create(new HostJsonQueueOptions()));

    [Fact]
    public async Task A_parked_message_is_listed_with_its_reason_code_and_a_summary_without_its_body()
    {
        var parkedId = await ParkAsync(Envelope("env1shop", "order-1"), "The Live API refused it: ResourceNotExist: no such app", "ResourceNotExist");

        var list = await Service.ListAsync(MessagesPoison, PoisonFilter.All);

        Assert.Equal(QueueNames.LiveMessages, list.OriginalQueue);
        Assert.Equal(1, list.ApproximateCount);
        Assert.False(list.Truncated);
        var item = Assert.Single(list.Messages);
        Assert.Equal(parkedId, item.Id);
        Assert.Equal("ResourceNotExist", item.Code);
        Assert.Contains("no such app", item.Reason, StringComparison.Ordinal);
        Assert.Equal(QueueNames.LiveMessages, item.OriginalQueue);
        Assert.True(item.Wrapped);
        Assert.Equal(1, item.Attempts);
        Assert.NotNull(item.OriginalMessageId);
        Assert.Equal(new ParkedContentSummary("env1shop", "user", "shop", "order-1", Envelope("env1shop", "order-1").Length), item.Summary);
        Assert.Null(item.Content);
    }

    [Fact]
    public async Task Filters_select_by_code_and_by_words_in_the_reason_and_top_shortens_the_list()
    {
        await ParkAsync(Envelope("a1", "e1"), "Refused: ResourceNotExist", "ResourceNotExist");
        await ParkAsync(Envelope("a2", "e2"), "Gave up after 3 attempts: Throttling", "Throttling");
        await ParkAsync(Envelope("a3", "e3"), "Refused: InputInvalid body too long", "InputInvalid");

        var byCode = await Service.ListAsync(MessagesPoison, new PoisonFilter(Code: "throttling"));
        var byReason = await Service.ListAsync(MessagesPoison, new PoisonFilter(Reason: "REFUSED"));
        var top = await Service.ListAsync(MessagesPoison, PoisonFilter.All, top: 2);

        Assert.Equal(["a2"], byCode.Messages.Select(static m => m.Summary.MessageId));
        Assert.Equal(["a1", "a3"], byReason.Messages.Select(static m => m.Summary.MessageId).Order());
        Assert.Equal(2, top.Messages.Count);
        Assert.True(top.Truncated);
    }

    [Fact]
    public async Task A_poison_queue_that_was_never_created_lists_empty_and_finds_nothing()
    {
        var list = await Service.ListAsync("live-events-poison", PoisonFilter.All);

        Assert.Empty(list.Messages);
        Assert.Equal(0, list.ApproximateCount);
        Assert.Null(await Service.GetAsync("live-events-poison", "nope"));
        Assert.Null(await Service.ReplayAsync("live-events-poison", "nope"));
    }

    [Fact]
    public async Task Other_queues_are_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Service.ListAsync(QueueNames.LiveMessages, PoisonFilter.All));
        Assert.Contains("live-messages-poison", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_gives_the_decoded_content_also_for_a_message_beyond_the_first_32()
    {
        var ids = new List<string>();
        for (var i = 0; i < 35; i++)
        {
            ids.Add(await ParkAsync(Envelope($"m{i}", $"e{i}"), "Refused", "InputInvalid"));
        }

        var peeked = (await Service.ListAsync(MessagesPoison, PoisonFilter.All)).Messages.Select(static m => m.Id).ToHashSet();
        var hidden = ids.First(id => !peeked.Contains(id));

        var shown = await Service.GetAsync(MessagesPoison, hidden);
        var first = await Service.GetAsync(MessagesPoison, ids[0]);

        Assert.NotNull(shown);
        Assert.Equal(Envelope(shown.Summary.MessageId!, shown.Summary.EventId!), shown.Content);
        Assert.Equal(Envelope("m0", "e0"), first!.Content);

        // The scan put back what it looked at: every message can be received again at once.
        Assert.Equal(35, await ReceiveAllAsync(MessagesPoison));
    }

    [Fact]
    public async Task Replay_puts_the_content_back_on_its_queue_unchanged_and_removes_it_from_the_poison_queue()
    {
        var keep = await ParkAsync(Envelope("keep1", "e0"), "Refused", "InputInvalid");
        var parkedId = await ParkAsync(Envelope("env9", "order-9"), "Refused", "ResourceNotExist");

        var report = await Service.ReplayAsync(MessagesPoison, parkedId);

        Assert.NotNull(report);
        var result = Assert.Single(report.Results);
        Assert.Equal((1, 0, PoisonReplayResult.Replayed, parkedId), (report.Replayed, report.Failed, result.Outcome, result.Id));
        Assert.Equal(QueueNames.LiveMessages, result.OriginalQueue);
        var back = await Queues.GetQueue(QueueNames.LiveMessages).PeekAsync(32);
        var replayed = Assert.Single(back);
        Assert.Equal(result.NewId, replayed.MessageId);
        Assert.Equal(Envelope("env9", "order-9"), QueueMessageCodec.Decode(replayed.Text, QueueMessageEncoding.Base64));
        Assert.Equal(QueueMessageCodec.Encode(Envelope("env9", "order-9"), QueueMessageEncoding.Base64), replayed.Text);
        Assert.Equal([keep], (await Service.ListAsync(MessagesPoison, PoisonFilter.All)).Messages.Select(static m => m.Id));
        Assert.Null(await Service.ReplayAsync(MessagesPoison, parkedId));
    }

    [Fact]
    public async Task Replay_of_all_matching_takes_only_those_and_leaves_the_rest_visible()
    {
        await ParkAsync(Envelope("t1", "e1"), "Throttled", "Throttling");
        await ParkAsync(Envelope("r1", "e2"), "Refused", "ResourceNotExist");
        await ParkAsync(Envelope("t2", "e3"), "Throttled", "Throttling");

        var report = await Service.ReplayMatchingAsync(MessagesPoison, new PoisonFilter(Code: "Throttling"));

        Assert.Equal((2, 0, 3, false), (report.Replayed, report.Failed, report.Scanned, report.Truncated));
        var back = await Queues.GetQueue(QueueNames.LiveMessages).PeekAsync(32);
        Assert.Equal(
            [Envelope("t1", "e1"), Envelope("t2", "e3")],
            back.Select(static m => QueueMessageCodec.Decode(m.Text, QueueMessageEncoding.Base64)).Order());
        var left = await Service.ListAsync(MessagesPoison, PoisonFilter.All);
        Assert.Equal(["r1"], left.Messages.Select(static m => m.Summary.MessageId));
    }

    [Fact]
    public async Task A_replay_the_original_queue_refuses_keeps_the_message_parked_and_says_why()
    {
        var parkedId = await ParkAsync(Envelope("env5", "e5"), "Refused", "ResourceNotExist");
        Queues.FailSendsTo = QueueNames.LiveMessages;

        var report = await Service.ReplayAsync(MessagesPoison, parkedId);

        Assert.NotNull(report);
        var result = Assert.Single(report.Results);
        Assert.Equal((0, 1, PoisonReplayResult.Failed), (report.Replayed, report.Failed, result.Outcome));
        Assert.Contains(QueueErrorCodes.ConnectionFailed, result.Error, StringComparison.Ordinal);
        Assert.Null(result.NewId);
        Queues.FailSendsTo = null;
        Assert.Equal([parkedId], (await Service.ListAsync(MessagesPoison, PoisonFilter.All)).Messages.Select(static m => m.Id));
        Assert.Equal(0, await ReceiveAllAsync(QueueNames.LiveMessages));
    }

    [Fact]
    public async Task A_message_parked_as_it_was_is_shown_as_unwrapped_and_replayed_as_it_was()
    {
        var poison = Queues.GetQueue(MessagesPoison);
        await poison.CreateIfNotExistsAsync();
        var raw = QueueMessageCodec.Encode(Envelope("raw1", "e1"), QueueMessageEncoding.Base64);
        var sent = await poison.SendAsync(raw);

        var shown = await Service.GetAsync(MessagesPoison, sent.MessageId);
        var report = await Service.ReplayAsync(MessagesPoison, sent.MessageId);

        Assert.NotNull(shown);
        Assert.False(shown.Wrapped);
        Assert.Equal("Unknown", shown.Code);
        Assert.Null(shown.Attempts);
        Assert.Equal("raw1", shown.Summary.MessageId);
        Assert.Equal(Envelope("raw1", "e1"), shown.Content);
        Assert.Equal(1, report!.Replayed);
        Assert.Equal(raw, Assert.Single(await Queues.GetQueue(QueueNames.LiveMessages).PeekAsync(32)).Text);
    }

    protected static string Envelope(string id, string eventId) =>
        $$$"""{"v":1,"id":"{{{id}}}","kind":"user","source":"shop","eventId":"{{{eventId}}}","createdAt":"2026-12-04T19:00:00+00:00","request":{"appId":"app1","receiverId":"u1","senderId":"s1","body":"hello"}}""";

    /// <summary>Puts <paramref name="content"/> on live-messages, receives it, and parks it as the processor does; the poison queue's id.</summary>
    private async Task<string> ParkAsync(string content, string reason, string code)
    {
        var queue = Queues.GetQueue(QueueNames.LiveMessages);
        var poison = Queues.GetQueue(MessagesPoison);
        await queue.CreateIfNotExistsAsync();
        await poison.CreateIfNotExistsAsync();
        await queue.SendAsync(QueueMessageCodec.Encode(content, QueueMessageEncoding.Base64));
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        var count = await poison.GetApproximateCountAsync();
        await new PoisonQueueWriter(poison, QueueNames.LiveMessages, QueueMessageEncoding.Base64, TimeProvider.System).WriteAsync(received, content, reason, code);
        await queue.DeleteAsync(received.MessageId, received.PopReceipt);

        // A peek sees them all up to 32; beyond, receive everything once to find the new one.
        var ids = count < 32 ? (await poison.PeekAsync(32)).Select(static m => m.MessageId).ToList() : await ReceiveIdsAsync(MessagesPoison);
        var id = ids.Single(i => !KnownIds.Contains(i));
        KnownIds.Add(id);
        return id;
    }

    private HashSet<string> KnownIds { get; } = [];

    private async Task<int> ReceiveAllAsync(string name) => (await ReceiveIdsAsync(name)).Count;

    /// <summary>Receives every visible message once and makes it visible again; their ids.</summary>
    private async Task<List<string>> ReceiveIdsAsync(string name)
    {
        var queue = Queues.GetQueue(name);
        await queue.CreateIfNotExistsAsync();
        var received = new List<QueueMessage>();
        while ((await queue.ReceiveAsync(32, TimeSpan.FromMinutes(1))) is { Count: > 0 } batch)
        {
            received.AddRange(batch);
        }

        foreach (var message in received)
        {
            await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
        }

        return [.. received.Select(static m => m.MessageId)];
    }
}
