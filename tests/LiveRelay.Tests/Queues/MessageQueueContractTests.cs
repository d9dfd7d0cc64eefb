using System.Text;
using LiveRelay.Queues;

namespace LiveRelay.Tests.Queues;

/// <summary>
/// The behaviour every <see cref="IMessageQueue"/> must have. Run against the in-memory queue (with a hand-moved clock)
/// and against Azurite (with real time), so the two provably behave the same.
/// </summary>
public abstract class MessageQueueContractTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    protected abstract IMessageQueueFactory Factory { get; }

    /// <summary>Lets <paramref name="duration"/> pass for the queue (moves the clock, or waits).</summary>
    protected abstract Task PassAsync(TimeSpan duration);

    [Fact]
    public async Task CreateIfNotExists_creates_once()
    {
        var queue = Factory.GetQueue(TestQueues.UniqueName());
        Assert.True(await queue.CreateIfNotExistsAsync());
        Assert.False(await queue.CreateIfNotExistsAsync());
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task A_queue_that_was_never_created_is_not_found()
    {
        var queue = Factory.GetQueue(TestQueues.UniqueName());
        var send = await Assert.ThrowsAsync<MessageQueueException>(() => queue.SendAsync("x"));
        Assert.Equal(QueueErrorCodes.QueueNotFound, send.ErrorCode);
        Assert.Equal(queue.Name, send.QueueName);
        var receive = await Assert.ThrowsAsync<MessageQueueException>(() => queue.ReceiveAsync(1, OneSecond));
        Assert.Equal(QueueErrorCodes.QueueNotFound, receive.ErrorCode);
    }

    [Fact]
    public async Task Sent_message_is_peeked_counted_and_received_with_its_receipt()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("hello");

        var peeked = Assert.Single(await queue.PeekAsync(32));
        Assert.Equal(sent.MessageId, peeked.MessageId);
        Assert.Equal("hello", peeked.Text);
        Assert.Equal(0, peeked.DequeueCount);
        Assert.Equal(1, await queue.GetApproximateCountAsync());

        var received = Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal("hello", received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.NotEqual(sent.PopReceipt, received.PopReceipt);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.True(received.ExpiresOn > received.InsertedOn.AddDays(6));
    }

    [Fact]
    public async Task Received_message_is_invisible_until_its_visibility_timeout_passes_then_returns_with_a_higher_dequeue_count()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("lease");

        var first = Assert.Single(await queue.ReceiveAsync(1, OneSecond));
        Assert.Empty(await queue.ReceiveAsync(1, OneSecond));
        Assert.Empty(await queue.PeekAsync());
        Assert.Equal(1, await queue.GetApproximateCountAsync());

        await PassAsync(TimeSpan.FromMilliseconds(1300));

        var second = Assert.Single(await queue.ReceiveAsync(1, OneSecond));
        Assert.Equal(sent.MessageId, second.MessageId);
        Assert.Equal(2, second.DequeueCount);
        Assert.NotEqual(first.PopReceipt, second.PopReceipt);

        var stale = await Assert.ThrowsAsync<MessageQueueException>(() => queue.DeleteAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(QueueErrorCodes.PopReceiptMismatch, stale.ErrorCode);
        Assert.True(stale.IsMessageGone);
    }

    [Fact]
    public async Task Delete_removes_the_message_and_a_second_delete_finds_nothing()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("to delete");
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));

        await queue.DeleteAsync(received.MessageId, received.PopReceipt);

        Assert.Equal(0, await queue.GetApproximateCountAsync());
        var again = await Assert.ThrowsAsync<MessageQueueException>(() => queue.DeleteAsync(received.MessageId, received.PopReceipt));
        Assert.Equal(QueueErrorCodes.MessageNotFound, again.ErrorCode);
        Assert.True(again.IsMessageGone);
    }

    [Fact]
    public async Task UpdateVisibility_to_zero_releases_the_message_at_once_and_replaces_the_receipt()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("release me");
        var received = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(5)));

        var update = await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero);
        Assert.NotEqual(received.PopReceipt, update.PopReceipt);

        var stale = await Assert.ThrowsAsync<MessageQueueException>(
            () => queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero));
        Assert.Equal(QueueErrorCodes.PopReceiptMismatch, stale.ErrorCode);

        var again = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(received.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        Assert.Equal("release me", again.Text);
    }

    [Fact]
    public async Task UpdateVisibility_extends_the_lease_and_its_new_receipt_deletes()
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync("renew");
        var received = Assert.Single(await queue.ReceiveAsync(1, OneSecond));

        var renewed = await queue.UpdateVisibilityAsync(received.MessageId, received.PopReceipt, TimeSpan.FromSeconds(60));
        await PassAsync(TimeSpan.FromMilliseconds(1300));

        Assert.Empty(await queue.ReceiveAsync(1, OneSecond));
        await queue.DeleteAsync(received.MessageId, renewed.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task A_message_sent_with_a_delay_appears_only_after_it()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("later", visibilityDelay: OneSecond);
        Assert.True(sent.NextVisibleOn > sent.InsertedOn);

        Assert.Equal(1, await queue.GetApproximateCountAsync());
        Assert.Empty(await queue.ReceiveAsync(1, OneSecond));

        await PassAsync(TimeSpan.FromMilliseconds(1300));

        var received = Assert.Single(await queue.ReceiveAsync(1, OneSecond));
        Assert.Equal(sent.MessageId, received.MessageId);
    }

    [Fact]
    public async Task A_message_past_its_time_to_live_is_gone()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("short-lived", timeToLive: OneSecond);
        Assert.True(sent.ExpiresOn <= sent.InsertedOn.AddSeconds(2));

        await PassAsync(TimeSpan.FromMilliseconds(1300));

        Assert.Empty(await queue.ReceiveAsync(1, OneSecond));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Receive_takes_at_most_the_asked_number_in_send_order()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendAsync($"m{i}");
        }

        var first = await queue.ReceiveAsync(3, TimeSpan.FromSeconds(30));
        var rest = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));

        Assert.Equal(["m0", "m1", "m2"], first.Select(m => m.Text));
        Assert.Equal(["m3", "m4"], rest.Select(m => m.Text));
        Assert.Equal(5, await queue.GetApproximateCountAsync());
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
    }

    public static TheoryData<string> Texts => new()
    {
        "plain text",
        "eyJ2IjoxLCJpZCI6ImFiYyJ9",
        "{\"v\":1,\"data\":\"<b>&amp;</b> 'quoted' \\\"escaped\\\"\"}",
        "<QueueMessage><MessageText>not markup</MessageText></QueueMessage>",
        "a & b < c > d \" e ' f",
        "line one\r\nline two\nline three\rtab\there",
        "  leading and trailing spaces  ",
        "中文 / 日本語 / 한국어 / emoji 🎉🚀 / Ünïcödé",
        "]]> CDATA end and &#x41; entity-looking text",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Text_comes_back_exactly_as_sent(string text)
    {
        var queue = await NewQueueAsync();
        await queue.SendAsync(text);

        Assert.Equal(text, Assert.Single(await queue.PeekAsync()).Text);
        Assert.Equal(text, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30))).Text);
    }

    [Fact]
    public async Task A_64_KiB_message_fits_and_one_byte_more_is_refused_before_sending()
    {
        var queue = await NewQueueAsync();
        var largest = new string('a', 65_536 - 2) + "é";
        Assert.Equal(65_536, Encoding.UTF8.GetByteCount(largest));

        await queue.SendAsync(largest);
        Assert.Equal(largest, Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromSeconds(30))).Text);

        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync(new string('€', 21_846)));
        Assert.Contains("65538 bytes", tooLarge.Message, StringComparison.Ordinal);
        Assert.Equal("text", tooLarge.ParamName);
    }

    [Fact]
    public async Task Characters_XML_cannot_carry_are_refused_with_a_clear_error()
    {
        var queue = await NewQueueAsync();
        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync("bell\u0007"));
        Assert.Contains("U+0007", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => queue.SendAsync("lone \ud800 surrogate"));
        Assert.Equal(0, await queue.GetApproximateCountAsync());
    }

    [Fact]
    public async Task Out_of_range_arguments_are_refused_the_same_way()
    {
        var queue = await NewQueueAsync();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(0, OneSecond));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(33, OneSecond));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveAsync(1, TimeSpan.Zero));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendAsync("x", visibilityDelay: TimeSpan.FromDays(8)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.SendAsync("x", visibilityDelay: TimeSpan.FromSeconds(5), timeToLive: TimeSpan.FromSeconds(5)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekAsync(0));
        Assert.Throws<ArgumentException>(() => Factory.GetQueue("Not_A_Queue"));
    }

    [Fact]
    public async Task An_infinite_time_to_live_never_expires()
    {
        var queue = await NewQueueAsync();
        var sent = await queue.SendAsync("forever", timeToLive: Timeout.InfiniteTimeSpan);
        Assert.Equal(9999, sent.ExpiresOn.Year);
    }

    private async Task<IMessageQueue> NewQueueAsync()
    {
        var queue = Factory.GetQueue(TestQueues.UniqueName());
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
