namespace LiveRelay.Harness.Scenarios;

/// <summary>Messages in a queue (visible or not) at one moment.</summary>
internal sealed record BacklogSample(DateTimeOffset At, int Messages);
