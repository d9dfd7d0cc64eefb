using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

public sealed class InMemoryMessageQueueContractTests : MessageQueueContractTests
{
    private readonly ManualTimeProvider _time = new();

    public InMemoryMessageQueueContractTests()
    {
        Factory = new InMemoryMessageQueueFactory(_time);
    }

    protected override IMessageQueueFactory Factory { get; }

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_same_name_gives_the_same_queue()
    {
        var name = TestQueues.UniqueName();
        Assert.Same(Factory.GetQueue(name), Factory.GetQueue(name));
    }

    [Fact]
    public async Task Message_ids_and_pop_receipts_never_repeat_across_queues_and_ids_are_guids()
    {
        var queues = new[] { Factory.GetQueue(TestQueues.UniqueName()), Factory.GetQueue(TestQueues.UniqueName()) };
        var ids = new List<string>();
        var receipts = new List<string>();
        foreach (var queue in queues)
        {
            await queue.CreateIfNotExistsAsync();
            for (var i = 0; i < 500; i++)
            {
                var sent = await queue.SendAsync("m");
                ids.Add(sent.MessageId);
                receipts.Add(sent.PopReceipt);
            }

            for (var round = 0; round < 16; round++)
            {
                foreach (var message in await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)))
                {
                    receipts.Add(message.PopReceipt);
                    receipts.Add((await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.FromSeconds(30))).PopReceipt);
                }
            }
        }

        Assert.Equal(1_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, static id => Assert.True(Guid.TryParseExact(id, "D", out _), id));
        Assert.Equal(receipts.Count, receipts.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Thousands_of_receives_releases_and_deletes_keep_every_message_in_order()
    {
        // Each receive and release leaves a stale node in the queue's heaps; past a few thousand they are rebuilt.
        // Whatever the rebuilds do, the live messages, their order and their counts must stay as the service keeps them.
        var queue = Factory.GetQueue(TestQueues.UniqueName());
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < 50; i++)
        {
            await queue.SendAsync("m" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
        }

        for (var round = 0; round < 120; round++)
        {
            var batch = await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30));
            foreach (var message in batch)
            {
                await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero);
            }
        }

        Assert.Equal(50, await queue.GetApproximateCountAsync());
        var peeked = await queue.PeekAsync(32);
        Assert.Equal(32, peeked.Count);

        // Visible since the same moment, they come back in arrival order; a delete removes exactly one.
        var all = new List<QueueMessage>();
        all.AddRange(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        all.AddRange(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(30)));
        Assert.Equal(Enumerable.Range(0, 50).Select(static i => "m" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture)), all.Select(static m => m.Text));
        Assert.Equal(peeked.Select(static p => p.MessageId), all.Take(32).Select(static m => m.MessageId));

        // The clock never moved, so every round took the first 32 again: they were received 121 times, the rest once.
        Assert.All(all.Take(32), static m => Assert.Equal(121, m.DequeueCount));
        Assert.All(all.Skip(32), static m => Assert.Equal(1, m.DequeueCount));
        foreach (var message in all.Take(49))
        {
            await queue.DeleteAsync(message.MessageId, message.PopReceipt);
        }

        Assert.Equal(1, await queue.GetApproximateCountAsync());
        Assert.Empty(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1)));
        await PassAsync(TimeSpan.FromSeconds(31));
        Assert.Equal(all[49].MessageId, Assert.Single(await queue.ReceiveAsync(32, TimeSpan.FromSeconds(1))).MessageId);
    }
}
