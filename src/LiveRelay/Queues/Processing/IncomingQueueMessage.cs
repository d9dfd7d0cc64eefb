namespace LiveRelay.Queues.Processing;

/// <summary>What a handler gets: the decoded content and the attempt it is on.</summary>
/// <param name="Body">The content, decoded per host.json <c>messageEncoding</c> (plain text is accepted in base64 mode too).</param>
/// <param name="RawText">The message text as stored in the queue.</param>
/// <param name="DequeueCount">This attempt's number, from 1.</param>
public sealed record IncomingQueueMessage(
    string QueueName,
    string MessageId,
    long DequeueCount,
    int MaxDequeueCount,
    DateTimeOffset InsertedOn,
    string Body,
    string RawText)
{
    /// <summary>A retry from this attempt would move the message to the poison queue instead.</summary>
    public bool IsLastAttempt => DequeueCount >= MaxDequeueCount;
}
