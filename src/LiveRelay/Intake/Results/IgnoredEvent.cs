namespace LiveRelay.Intake.Results;

/// <summary>
/// One event that was acknowledged but produced no messages, and why (e.g. "header X-GitHub-Event is 'push', not one of:
/// release"). <see cref="EventId"/> is empty when the ignored event had no usable id.
/// </summary>
public sealed record IgnoredEvent(string EventId, string Reason);
