namespace LiveRelay.Delivery.Sending;

/// <summary>Whether a failed send may succeed if tried again later.</summary>
public enum SendFailureKind
{
    /// <summary>Throttling, transient failures, timeouts, network errors, credential trouble: try again later.</summary>
    RetryLater,

    /// <summary>The request is wrong or names something that does not exist: trying again cannot help.</summary>
    Permanent,
}
