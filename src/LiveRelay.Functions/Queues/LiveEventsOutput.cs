using LiveRelay.Queues;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Queues;

/// <summary>What one <c>live-events</c> message produces; the runtime writes both after the function returns.</summary>
public sealed class LiveEventsOutput
{
    /// <summary>Envelope JSON, one <c>live-messages</c> message each; null when there are none.</summary>
    [QueueOutput(QueueNames.LiveMessages)]
    public string[]? Messages { get; init; }

    /// <summary>The event parked with its reason (<c>live-events-poison</c>); null unless it failed for good.</summary>
    [QueueOutput(QueueNames.LiveEvents + QueueNames.PoisonSuffix)]
    public string? Poison { get; init; }
}
