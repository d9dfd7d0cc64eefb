namespace LiveRelay.AlibabaCloud.Client;

/// <summary>What a failed call means for the caller's next step.</summary>
public enum LiveApiErrorKind
{
    /// <summary>A <c>Throttling*</c> code: slow down, then retry (after <c>x-acs-retry-after</c> when given).</summary>
    Throttled,

    /// <summary>5xx, timeouts, connection failures: retry later.</summary>
    Transient,

    /// <summary>The credential was refused: refresh it, then try once more.</summary>
    Authentication,

    /// <summary>The request itself is wrong or names something that does not exist: do not retry.</summary>
    Permanent,
}
