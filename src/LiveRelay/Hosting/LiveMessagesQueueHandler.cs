using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

/// <summary>
/// The standalone host's <c>live-messages</c> handler: one envelope, one Live API call. It holds no more messages than
/// the pacing can send in four fifths of the longest pacing wait (<see cref="DeliveryPacing.HoldLimit"/>): the rest is
/// margin, since messages in a call or being settled are held too and a turn's estimate counts from the next free slot,
/// so holding exactly the wait's worth would still see the last few refused and handed back.
/// </summary>
public sealed class LiveMessagesQueueHandler(RelayService relay, DeliveryPacing pacing, IOptions<FleetPacingOptions> fleet) : IQueueMessageHandler, IQueueHoldLimit
{
    private readonly TimeSpan _holdFor = fleet.Value.MaxPacingWait * 0.8;

    public int? HoldLimit => pacing.HoldLimit(_holdFor);

    public Task<QueueMessageDisposition> HandleAsync(IncomingQueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return relay.DispatchQueuedMessageAsync(message.Body, cancellationToken);
    }
}
