using LiveRelay.Queues;

namespace LiveRelay.Tests.Queues;

/// <summary>
/// A queue that passes every call to <paramref name="inner"/>: tests derive from it and override only the calls they
/// watch or break (recording sends, counting renewals, refusing a queue).
/// </summary>
internal abstract class DelegatingMessageQueue(IMessageQueue inner) : IMessageQueue
{
    protected IMessageQueue Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public string Name => Inner.Name;

    public virtual Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => Inner.CreateIfNotExistsAsync(cancellationToken);

    public virtual Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        Inner.SendAsync(text, visibilityDelay, timeToLive, cancellationToken);

    public virtual Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        Inner.ReceiveAsync(maxMessages, visibilityTimeout, cancellationToken);

    public virtual Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(messageId, popReceipt, cancellationToken);

    public virtual Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        Inner.UpdateVisibilityAsync(messageId, popReceipt, visibilityTimeout, cancellationToken);

    public virtual Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) => Inner.GetApproximateCountAsync(cancellationToken);

    public virtual Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default) =>
        Inner.PeekAsync(maxMessages, cancellationToken);
}
