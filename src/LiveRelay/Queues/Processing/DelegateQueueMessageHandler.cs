namespace LiveRelay.Queues.Processing;

internal sealed class DelegateQueueMessageHandler(Func<IncomingQueueMessage, CancellationToken, Task<QueueMessageDisposition>> handle)
    : IQueueMessageHandler
{
    public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken) =>
        handle(message, cancellationToken);
}
