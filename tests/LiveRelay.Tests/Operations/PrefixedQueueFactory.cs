using LiveRelay.Queues;

namespace LiveRelay.Tests.Operations;

/// <summary>
/// The real queues of <paramref name="inner"/> under a prefix, so tests sharing one Azurite each have their own
/// <c>live-messages</c> and <c>live-messages-poison</c>. <see cref="FailSendsTo"/> makes sends to one queue fail, as an
/// unreachable or refusing queue would.
/// </summary>
internal sealed class PrefixedQueueFactory(IMessageQueueFactory inner, string prefix) : IMessageQueueFactory
{
    public string? FailSendsTo { get; set; }

    public IMessageQueue GetQueue(string name)
    {
        var queue = inner.GetQueue(prefix + name);
        return name == FailSendsTo ? new RefusingQueue(queue) : queue;
    }

    private sealed class RefusingQueue(IMessageQueue queue) : IMessageQueue
    {
        public string Name => queue.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => queue.CreateIfNotExistsAsync(cancellationToken);

        public Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            throw new MessageQueueException(Name, "Send", QueueErrorCodes.ConnectionFailed, "Refused by the test.");

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            queue.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

        public Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
            queue.DeleteAsync(messageId, popReceipt, cancellationToken);

        public Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            queue.UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);

        public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => queue.GetApproximateCountAsync(cancellationToken);

        public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) =>
            queue.PeekAsync(maxMessages, cancellationToken);
    }
}
