namespace LiveRelay.Queues;

/// <summary>A received message. <see cref="PopReceipt"/> deletes or updates it until it is received again.</summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    string Text,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);
