using LiveRelay.Queues;

namespace LiveRelay.Tests.Queues;

/// <summary>The queues of <paramref name="inner"/>, counting the visibility updates made through them (a processor's lease renewals).</summary>
internal sealed class RenewalCountingQueueFactory(IMessageQueueFactory inner) : IMessageQueueFactory
{
    private int _updates;
    private int _updated;

    /// <summary>Visibility updates started.</summary>
    public int VisibilityUpdates => Volatile.Read(ref _updates);

    /// <summary>Visibility updates the queue has answered.</summary>
    public int VisibilityUpdatesDone => Volatile.Read(ref _updated);

    public IMessageQueue GetQueue(string name) => new CountingQueue(this, inner.GetQueue(name));

    private sealed class CountingQueue(RenewalCountingQueueFactory owner, IMessageQueue queue) : IMessageQueue
    {
        public string Name => queue.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => queue.CreateIfNotExistsAsync(cancellationToken);

        public Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            queue.SendAsync(text, visibilityDelay, timeToLive, cancellationToken);

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            queue.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            queue.DeleteAsync(messageId, popReceipt, cancellationToken);

        public async Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._updates);
            try
            {
                return await queue.UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref owner._updated);
            }
        }

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => queue.GetApproximateCountAsync(cancellationToken);

        public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) =>
            queue.PeekAsync(maxMessages, cancellationToken);
    }
}
