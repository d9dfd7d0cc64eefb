namespace LiveRelay.Intake.Mapping;

internal enum PlaceholderKind
{
    /// <summary>A JSONPath or JSON Pointer into the whole event.</summary>
    Event,

    /// <summary>A JSONPath or JSON Pointer into the current fan-out element (<c>@</c>).</summary>
    Element,

    EventId,
    Source,
    Index,
    Header,
}
