using LiveRelay.Queues;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Queues;

/// <summary>What one <c>live-messages</c> message produces; the runtime writes it after the function returns.</summary>
public sealed class LiveMessagesOutput
{
    /// <summary>The envelope parked with its reason (<c>live-messages-poison</c>); null unless it failed for good.</summary>
    [QueueOutput(QueueNames.LiveMessages + QueueNames.PoisonSuffix)]
    public string? Poison { get; init; }
}
