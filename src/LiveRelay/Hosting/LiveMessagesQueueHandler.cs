using LiveRelay.Queues.Processing;

namespace LiveRelay.Hosting;

/// <summary>The standalone host's <c>live-messages</c> handler: one envelope, one Live API call.</summary>
public sealed class LiveMessagesQueueHandler(RelayService relay) : IQueueMessageHandler
{
    public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return relay.DispatchQueuedMessageAsync(message.Body, cancellationToken);
    }
}
