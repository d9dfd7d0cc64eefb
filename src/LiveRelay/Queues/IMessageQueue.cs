namespace LiveRelay.Queues;

/// <summary>
/// One queue with Azure Queue Storage semantics: a received message stays invisible for its visibility timeout and
/// comes back (with a higher dequeue count) unless deleted with its current pop receipt. Visibility times are whole
/// seconds, rounded up, as the service counts them. The text is stored as given: encoding is the caller's concern
/// (see <see cref="Processing.QueueMessageCodec"/>).
/// </summary>
public interface IMessageQueue
{
    string Name { get; }

    /// <returns>True when this call created the queue.</returns>
    Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default);

    /// <param name="text">At most <see cref="QueueLimits.MaxMessageBytes"/> bytes of UTF-8, characters XML can carry.</param>
    /// <param name="visibilityDelay">How long the new message stays invisible (0 to 7 days); none by default.</param>
    /// <param name="timeToLive">How long the message lives (at least 1 second, or <see cref="Timeout.InfiniteTimeSpan"/>); 7 days by default.</param>
    Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default);

    /// <param name="maxMessages">1 to <see cref="QueueLimits.MaxMessagesPerReceive"/>.</param>
    /// <param name="visibilityTimeout">How long received messages stay invisible: 1 second to 7 days.</param>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <exception cref="MessageQueueException"><see cref="QueueErrorCodes.MessageNotFound"/> or <see cref="QueueErrorCodes.PopReceiptMismatch"/> when the message is gone or was received again.</exception>
    Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default);

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeout"/> (0 to 7 days): a release, or a lease renewal.</summary>
    /// <returns>The new pop receipt: the old one no longer works.</returns>
    Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Messages in the queue, visible or not (approximate on the service).</summary>
    Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Visible messages, in the order a receive would return them, without changing them.</summary>
    Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default);
}
