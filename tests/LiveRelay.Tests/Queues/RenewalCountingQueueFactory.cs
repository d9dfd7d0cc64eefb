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

    private sealed class CountingQueue(RenewalCountingQueueFactory owner, IMessageQueue queue) : DelegatingMessageQueue(queue)
    {
        public override async Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref owner._updates);
            try
            {
                return await Inner.UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);
            }
            finally
            {
                Interlocked.Increment(ref owner._updated);
            }
        }
    }
}
