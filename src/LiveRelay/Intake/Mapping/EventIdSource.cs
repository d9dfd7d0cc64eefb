namespace LiveRelay.Intake.Mapping;

internal enum EventIdSource
{
    /// <summary>The event's own <c>id</c> (CloudEvents, Event Grid).</summary>
    FormatId,
    Header,
    Json,
    BodyHash,
}
