namespace LiveRelay.Messages;

/// <summary>
/// One message request on its way to the Live API, as it travels on the <c>live-messages</c> queue.
/// <see cref="Id"/> is deterministic (<see cref="MessageIds"/>), so a redelivered event yields the same ids.
/// </summary>
public sealed record MessageEnvelope(
    string Id,
    string Source,
    string EventId,
    DateTimeOffset CreatedAt,
    LiveMessage Message,
    string? TraceParent = null)
{
    public const int CurrentVersion = 1;

    public MessageKind Kind => Message.Kind;
}
