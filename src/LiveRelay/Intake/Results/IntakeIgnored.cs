namespace LiveRelay.Intake.Results;

/// <summary>The request was authentic and well-formed, but no event in it is one the source turns into messages.</summary>
public sealed record IntakeIgnored : IntakeResult
{
    /// <summary>Why, in words: the first event's reason.</summary>
    public required string Reason { get; init; }

    public required IReadOnlyList<IgnoredEvent> Events { get; init; }
}
