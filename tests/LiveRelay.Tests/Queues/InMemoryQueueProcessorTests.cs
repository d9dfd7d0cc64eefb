using System.Collections.Concurrent;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

public sealed class InMemoryQueueProcessorTests : QueueProcessorTests
{
    protected override IMessageQueueFactory Factory { get; } = new InMemoryMessageQueueFactory();

    [Fact]
    public async Task A_received_batch_s_handlers_start_on_the_thread_that_received_it()
    {
        // A thread-pool hop per message cost more CPU at the API limits than the handlers' synchronous parts
        // (docs/performance.md). The in-memory queue answers at once, so the loop's first receive runs on the thread
        // that started it, and so must the handlers it starts.
        var queue = Factory.GetQueue(TestQueues.UniqueName("p"));
        await queue.CreateIfNotExistsAsync();
        for (var i = 0; i < 5; i++)
        {
            await queue.SendAsync(QueueMessageCodec.Encode($"{{\"n\":{i}}}", QueueMessageEncoding.Base64));
        }

        var threads = new ConcurrentQueue<int>();
        using var processor = new QueueProcessor(Factory, queue.Name, (_, _) =>
        {
            threads.Enqueue(Environment.CurrentManagedThreadId);
            return Task.FromResult(QueueMessageDisposition.Completed);
        }, TestHostJson.Queues(batchSize: 8));
        using var stop = new CancellationTokenSource();
        Task? run = null;
        var loop = new Thread(() => run = processor.RunAsync(stop.Token));
        loop.Start();
        Assert.True(loop.Join(TimeSpan.FromSeconds(30)), "the loop should reach its first wait");

        try
        {
            Assert.Equal(Enumerable.Repeat(loop.ManagedThreadId, 5), threads);
        }
        finally
        {
            await stop.CancelAsync();
            await run!.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
