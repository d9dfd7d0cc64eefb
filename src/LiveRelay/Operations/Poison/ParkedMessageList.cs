namespace LiveRelay.Operations.Poison;

/// <summary>The answer to a list: at most 32 messages (a peek), with the queue's approximate size.</summary>
/// <param name="Truncated">True when the queue may hold messages the list could not show (more than one peek returns).</param>
public sealed record ParkedMessageList(string Queue, string OriginalQueue, int ApproximateCount, bool Truncated, IReadOnlyList<ParkedMessage> Messages);
