namespace LiveRelay.Operations.Poison;

/// <summary>One message in a poison queue, as the admin API shows it.</summary>
/// <param name="Id">Its id in the poison queue: what show and replay take.</param>
/// <param name="InsertedOn">When it was parked.</param>
/// <param name="DequeueCount">How often it was received from the poison queue (replay scans receive it too).</param>
/// <param name="Wrapped">False for a message parked as it was (too large to wrap, or parked by the Functions runtime): no reason recorded.</param>
/// <param name="Content">The original content, decoded; only when one message is shown.</param>
public sealed record ParkedMessage(
    string Id,
    DateTimeOffset InsertedOn,
    long DequeueCount,
    string Reason,
    string Code,
    string OriginalQueue,
    string? OriginalMessageId,
    DateTimeOffset? OriginalInsertedOn,
    long? Attempts,
    DateTimeOffset? FailedAt,
    bool Wrapped,
    ParkedContentSummary Summary,
    string? Content = null);
