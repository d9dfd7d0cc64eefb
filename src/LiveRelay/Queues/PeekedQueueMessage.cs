namespace LiveRelay.Queues;

/// <summary>A message seen without receiving it.</summary>
public sealed record PeekedQueueMessage(
    string MessageId,
    long DequeueCount,
    string Text,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn);
