namespace LiveRelay.Queues.Processing;

public enum QueueMessageOutcome
{
    /// <summary>Done: the message is deleted.</summary>
    Completed,

    /// <summary>Failed for now: the message comes back later, until maxDequeueCount attempts are used up.</summary>
    Retry,

    /// <summary>Failed for good: the message moves to the poison queue now, with its reason.</summary>
    Poison,
}
