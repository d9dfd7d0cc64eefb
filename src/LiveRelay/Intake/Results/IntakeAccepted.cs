using LiveRelay.Messages;

namespace LiveRelay.Intake.Results;

/// <summary>
/// The request was valid: every envelope is to be delivered (all or nothing). Envelope ids are deterministic, so a
/// redelivered event yields the same ids. <see cref="Envelopes"/> may be empty (a fan-out over an empty array).
/// </summary>
public sealed record IntakeAccepted : IntakeResult
{
    public required DeliveryMode Delivery { get; init; }

    public required IReadOnlyList<MessageEnvelope> Envelopes { get; init; }

    /// <summary>The ids of the events that produced messages (one, or several for a batch).</summary>
    public required IReadOnlyList<string> EventIds { get; init; }

    /// <summary>Events of a batch that the filter or the rules' conditions left out.</summary>
    public IReadOnlyList<IgnoredEvent> Ignored { get; init; } = [];
}
