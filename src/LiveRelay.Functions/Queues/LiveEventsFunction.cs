using LiveRelay.Hosting;
using LiveRelay.Queues;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Queues;

/// <summary>
/// <c>live-events</c>: one event from an internal producer, normalized through its source; the envelopes go to
/// <c>live-messages</c> (for a direct-delivery source, those not delivered at once). A retry is thrown, so nothing is
/// written and the runtime tries again after host.json <c>visibilityTimeout</c>; the ids are deterministic.
/// </summary>
public sealed class LiveEventsFunction(RelayService relay, QueueTriggerSettlement settlement)
{
    [Function("LiveEvents")]
    public async Task<LiveEventsOutput> RunAsync(
        [QueueTrigger(QueueNames.LiveEvents)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incoming = settlement.Read(QueueNames.LiveEvents, message, context.BindingContext.BindingData);
        var outbox = new BufferedMessageOutbox();
        var disposition = await relay.ProcessQueuedEventAsync(incoming.Body, outbox, cancellationToken).ConfigureAwait(false);
        var poison = await settlement.SettleAsync(incoming, disposition, cancellationToken).ConfigureAwait(false);
        return new LiveEventsOutput
        {
            Messages = outbox.Messages.Count == 0 ? null : [.. outbox.Messages],
            Poison = poison,
        };
    }
}
