namespace LiveRelay.Delivery.Sending;

/// <summary>Whether a failed send may succeed if tried again later.</summary>
public enum SendFailureKind
{
    /// <summary>Throttling, transient failures, timeouts, network errors, credential trouble: try again later.</summary>
    RetryLater,

    /// <summary>
    /// Not sent at all: this process's pacing turn for it is further away than it may hold a message. Hand it back to
    /// its queue for later without counting an attempt; another process (or this one, later) sends it.
    /// </summary>
    Deferred,

    /// <summary>The request is wrong or names something that does not exist: trying again cannot help.</summary>
    Permanent,
}
