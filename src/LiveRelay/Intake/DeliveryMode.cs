namespace LiveRelay.Intake;

/// <summary>How accepted message requests reach the sender.</summary>
public enum DeliveryMode
{
    /// <summary>Each envelope goes onto the <c>live-messages</c> queue; delivery concurrency is capped by the queue settings.</summary>
    Queued,

    /// <summary>The host sends the envelopes itself, at once, and answers with the outcome.</summary>
    Direct,
}
