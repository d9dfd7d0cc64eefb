using LiveRelay.Queues.Processing;

namespace LiveRelay.Hosting;

/// <summary>The standalone host's <c>live-events</c> handler: normalize one event and fan it out to <c>live-messages</c>.</summary>
public sealed class LiveEventsQueueHandler(RelayService relay, QueueMessageOutbox outbox) : IQueueMessageHandler
{
    public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return relay.ProcessQueuedEventAsync(message.Body, outbox, cancellationToken);
    }
}
