namespace LiveRelay.Intake.Results;

/// <summary>
/// One reason a request was rejected. <see cref="Field"/> is the API parameter or input field (never its value);
/// <see cref="Rule"/> the mapping rule that produced it; <see cref="Index"/> the fan-out index within that rule (or the
/// item's position in a normalized request array); <see cref="Event"/> the event's position in a batch.
/// </summary>
public sealed record IntakeError(string Field, string Message, string? Rule = null, int? Index = null, int? Event = null)
{
    public override string ToString()
    {
        var where = Rule is null ? string.Empty : $"rule '{Rule}'" + (Index is { } i ? $" [{i}]" : string.Empty) + ": ";
        if (Rule is null && Index is { } item)
        {
            where = $"[{item}] ";
        }

        return (Event is { } e ? $"event {e}: " : string.Empty) + where + $"{Field}: {Message}";
    }
}
