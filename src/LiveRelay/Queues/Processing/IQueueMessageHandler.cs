namespace LiveRelay.Queues.Processing;

/// <summary>Handles one message for a <see cref="QueueProcessor"/>.</summary>
public interface IQueueMessageHandler
{
    /// <param name="cancellationToken">Cancelled only when a stopping host's grace period runs out; the message is then released.</param>
    Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken);
}
