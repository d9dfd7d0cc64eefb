using LiveRelay.Intake.Input;

namespace LiveRelay.Intake.Processing;

/// <summary>An event from an internal producer on <c>live-events</c>, to be mapped through the named source.</summary>
internal sealed record QueueEvent(string Source, string? EventId, WebhookHeaders Headers, string? TraceParent, byte[] EventJson);
