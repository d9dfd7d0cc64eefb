namespace LiveRelay.Queues.Processing;

/// <summary>
/// What the processor writes to <c>&lt;queue&gt;-poison</c> (see <see cref="PoisonMessageSerializer"/> for the JSON):
/// why, after how many attempts, and the original content.
/// </summary>
/// <param name="Reason">Why the message failed for good, in words.</param>
/// <param name="Code">A short cause: the handler's code, <c>RetriesExhausted</c>, or <c>MaxDequeueCountExceeded</c>.</param>
/// <param name="Attempts">The dequeue count when it was parked.</param>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">Its id in that queue.</param>
/// <param name="Message">The original content, decoded per messageEncoding.</param>
public sealed record PoisonMessage(
    string Reason,
    string Code,
    long Attempts,
    DateTimeOffset FailedAt,
    string Queue,
    string MessageId,
    DateTimeOffset InsertedAt,
    string Message);
