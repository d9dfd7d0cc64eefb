using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Telemetry;

/// <summary>The names an OpenTelemetry pipeline subscribes to for LiveRelay's own traces and metrics.</summary>
public static class LiveRelayTelemetry
{
    /// <summary>The queue spans: enqueue (producer) and processing (consumer).</summary>
    public const string ActivitySourceName = "LiveRelay";

    /// <summary>LiveRelay's queue spans and the Live API client spans.</summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = [ActivitySourceName, LiveApiTelemetry.ActivitySourceName];

    /// <summary>Delivery (<c>LiveRelay</c>) and the queue processors (<c>LiveRelay.Queues</c>).</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [DeliveryMetrics.MeterName, QueueMetrics.MeterName];
}
