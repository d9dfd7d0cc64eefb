namespace LiveRelay.Queues.Processing;

/// <summary>Names of the queue processors' instruments (System.Diagnostics.Metrics), for listeners, exporters and the load harness.</summary>
public static class QueueMetrics
{
    public const string MeterName = "LiveRelay.Queues";

    /// <summary>Observable up-down counter: messages received and not yet settled, per queue.</summary>
    public const string InFlight = "liverelay.queue.messages.in_flight";

    /// <summary>Observable gauge: the most messages in flight at once since the processor started, per queue.</summary>
    public const string PeakInFlight = "liverelay.queue.messages.in_flight.peak";

    /// <summary>Counter: messages settled, tagged with <see cref="OutcomeTag"/> (completed, retried, poisoned, released).</summary>
    public const string Settled = "liverelay.queue.messages.settled";

    /// <summary>Histogram: handler run time in seconds.</summary>
    public const string HandlerDuration = "liverelay.queue.handler.duration";

    public const string QueueTag = "queue";

    public const string OutcomeTag = "outcome";
}
