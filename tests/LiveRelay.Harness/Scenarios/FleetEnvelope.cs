using LiveRelay.Messages;

namespace LiveRelay.Harness.Scenarios;

/// <summary>One envelope the fleet run enqueues: its id, event id, kind and base64 queue text.</summary>
internal sealed record FleetEnvelope(string Id, string EventId, MessageKind Kind, string Text);
