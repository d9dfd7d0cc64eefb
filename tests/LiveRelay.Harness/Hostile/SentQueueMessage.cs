namespace LiveRelay.Harness.Hostile;

/// <summary>A message the host put on a queue.</summary>
internal sealed record SentQueueMessage(string Queue, string Text, DateTimeOffset At);
