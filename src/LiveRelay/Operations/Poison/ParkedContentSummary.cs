namespace LiveRelay.Operations.Poison;

/// <summary>
/// What a parked message is about, without its body: for <c>live-messages</c> the envelope's id (the id the delivery
/// ledger and <c>MsgTid</c> use), kind, source and event id; for <c>live-events</c> the source and event id when given.
/// </summary>
public sealed record ParkedContentSummary(string? MessageId, string? Kind, string? Source, string? EventId, int Bytes);
