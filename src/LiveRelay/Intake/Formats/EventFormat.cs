namespace LiveRelay.Intake.Formats;

/// <summary>The shape of what a source sends (configured as <c>Format</c>: json, cloudEvents, eventGrid).</summary>
internal enum EventFormat
{
    /// <summary>Any JSON document; the mapping reads it as it is.</summary>
    Json,

    /// <summary>CloudEvents 1.0, structured JSON mode: one event, or an array of events (batch mode).</summary>
    CloudEvents,

    /// <summary>The Azure Event Grid event schema: an array of events, including the subscription validation handshake.</summary>
    EventGrid,
}
