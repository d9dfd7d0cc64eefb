using LiveRelay.Hosting;
using LiveRelay.Queues;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Queues;

/// <summary>
/// <c>live-messages</c>: one envelope, one Live API call. Refused for good: parked in <c>live-messages-poison</c> with the
/// reason at once. Not delivered yet (throttling, 5xx, timeouts): thrown, so the runtime tries again after host.json
/// <c>visibilityTimeout</c>, and the last attempt is parked with its reason.
/// </summary>
public sealed class LiveMessagesFunction(RelayService relay, QueueTriggerSettlement settlement)
{
    [Function("LiveMessages")]
    public async Task<LiveMessagesOutput> RunAsync(
        [QueueTrigger(QueueNames.LiveMessages)] string message,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var incoming = settlement.Read(QueueNames.LiveMessages, message, context.BindingContext.BindingData);
        var disposition = await relay.DispatchQueuedMessageAsync(incoming.Body, cancellationToken).ConfigureAwait(false);
        return new LiveMessagesOutput { Poison = await settlement.SettleAsync(incoming, disposition, cancellationToken).ConfigureAwait(false) };
    }
}
