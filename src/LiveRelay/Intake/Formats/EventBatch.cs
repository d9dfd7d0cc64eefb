namespace LiveRelay.Intake.Formats;

/// <summary>The events of one request, or the validation code of an Event Grid subscription handshake.</summary>
internal sealed record EventBatch(IReadOnlyList<IncomingEvent> Events, bool IsBatch, string? ValidationCode = null);
