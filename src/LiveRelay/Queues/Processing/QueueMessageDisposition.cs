namespace LiveRelay.Queues.Processing;

/// <summary>A handler's verdict on one message. An exception from the handler counts as <see cref="Retry"/>.</summary>
public sealed record QueueMessageDisposition
{
    private QueueMessageDisposition(QueueMessageOutcome outcome, string? reason, string? code, TimeSpan? delay)
    {
        Outcome = outcome;
        Reason = reason;
        Code = code;
        Delay = delay;
    }

    public static QueueMessageDisposition Completed { get; } = new(QueueMessageOutcome.Completed, null, null, null);

    public QueueMessageOutcome Outcome { get; }

    /// <summary>Why it failed, in words: goes into the poison message and the logs.</summary>
    public string? Reason { get; }

    /// <summary>A short machine-readable cause (e.g. <c>InputInvalid</c>, <c>Throttling</c>).</summary>
    public string? Code { get; }

    /// <summary>For a retry or a hand-back: how long the message stays invisible; host.json <c>visibilityTimeout</c> when null.</summary>
    public TimeSpan? Delay { get; }

    /// <param name="delay">Rounded up to whole seconds, at most 7 days; host.json <c>visibilityTimeout</c> when null.</param>
    /// <param name="code">Reported in the poison message if this was the last attempt; <c>RetriesExhausted</c> when null.</param>
    public static QueueMessageDisposition Retry(string reason, TimeSpan? delay = null, string? code = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (delay is { } d && (d < TimeSpan.Zero || d > QueueLimits.MaxVisibilityTimeout))
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A retry delay must be between 0 and 7 days.");
        }

        return new(QueueMessageOutcome.Retry, reason, code, delay);
    }

    /// <summary>Hands the message back untried: re-enqueued to become visible after <paramref name="delay"/>, the original deleted.</summary>
    /// <param name="delay">Rounded up to whole seconds, at most 7 days.</param>
    public static QueueMessageDisposition Defer(string reason, TimeSpan delay, string? code = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (delay < TimeSpan.Zero || delay > QueueLimits.MaxVisibilityTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A hand-back delay must be between 0 and 7 days.");
        }

        return new(QueueMessageOutcome.Deferred, reason, code, delay);
    }

    public static QueueMessageDisposition Poison(string reason, string code)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new(QueueMessageOutcome.Poison, reason, code, null);
    }
}
