using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

/// <summary>
/// The standalone host's <c>live-messages</c> handler: one envelope, one Live API call. It holds no more messages than
/// the pacing can send while it waits (<see cref="DeliveryPacing.HoldLimit"/>).
/// </summary>
public sealed class LiveMessagesQueueHandler(RelayService relay, DeliveryPacing pacing, IOptions<FleetPacingOptions> fleet) : IQueueMessageHandler, IQueueHoldLimit
{
    private readonly TimeSpan _maxPacingWait = fleet.Value.MaxPacingWait;

    public int? HoldLimit => pacing.HoldLimit(_maxPacingWait);

    public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return relay.DispatchQueuedMessageAsync(message.Body, cancellationToken);
    }
}
