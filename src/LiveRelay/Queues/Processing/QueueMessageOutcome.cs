namespace LiveRelay.Queues.Processing;

public enum QueueMessageOutcome
{
    /// <summary>Done: the message is deleted.</summary>
    Completed,

    /// <summary>Failed for now: the message comes back later, until maxDequeueCount attempts are used up.</summary>
    Retry,

    /// <summary>
    /// Not tried: handed back to come again after the disposition's delay, as a new copy of the message, so it does not
    /// use up a dequeue attempt (the sender had no pacing turn for it soon enough).
    /// </summary>
    Deferred,

    /// <summary>Failed for good: the message moves to the poison queue now, with its reason.</summary>
    Poison,
}
