using System.Collections.Concurrent;
using LiveRelay.Queues;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// Wraps the host's own queue factory and notes every message the host sends (to <c>live-messages</c>, to the poison
/// queues), so each hostile case can be checked for what it made the host enqueue. Everything else passes through.
/// </summary>
internal sealed class RecordingMessageQueueFactory(IMessageQueueFactory inner) : IMessageQueueFactory, IDisposable
{
    private readonly ConcurrentQueue<SentQueueMessage> _sent = new();

    /// <summary>The wrapped factory: the harness sends its own queue cases through it, unrecorded.</summary>
    public IMessageQueueFactory Inner => inner;

    public IReadOnlyList<SentQueueMessage> Sent => [.. _sent];

    public int CountSent(string queue) => _sent.Count(m => m.Queue == queue);

    public IMessageQueue GetQueue(string name) => new RecordingQueue(inner.GetQueue(name), _sent);

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private sealed class RecordingQueue(IMessageQueue queue, ConcurrentQueue<SentQueueMessage> sent) : IMessageQueue
    {
        public string Name => queue.Name;

        public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => queue.CreateIfNotExistsAsync(cancellationToken);

        public async Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
        {
            var receipt = await queue.SendAsync(text, visibilityDelay, timeToLive, cancellationToken).ConfigureAwait(false);
            sent.Enqueue(new SentQueueMessage(queue.Name, text, DateTimeOffset.UtcNow));
            return receipt;
        }

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
