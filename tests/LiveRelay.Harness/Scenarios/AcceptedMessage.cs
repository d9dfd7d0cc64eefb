namespace LiveRelay.Harness.Scenarios;

/// <summary>A message the host accepted (its id was in a 202 answer).</summary>
internal sealed record AcceptedMessage(string MessageId, string Source, string EventId, DateTimeOffset AcceptedAt);
