namespace LiveRelay.Hosting;

/// <summary>
/// Thrown by <see cref="QueueTriggerSettlement.Settle"/> when a queue message is to be tried again: a Functions queue
/// trigger lets it escape, and the runtime makes the message visible again after host.json <c>visibilityTimeout</c>.
/// The message says why, never anything secret.
/// </summary>
public sealed class QueueTriggerRetryException : Exception
{
    public QueueTriggerRetryException()
        : this("The queue message is to be retried.")
    {
    }

    public QueueTriggerRetryException(string message)
        : this(message, null)
    {
    }

    public QueueTriggerRetryException(string message, Exception? innerException)
        : base(message, innerException)
    {
        QueueName = string.Empty;
        MessageId = string.Empty;
        Reason = message;
    }

    public QueueTriggerRetryException(string queueName, string messageId, string reason, string? code)
        : base($"Queue '{queueName}': message {messageId} will be retried: {(code is null ? string.Empty : code + ": ")}{reason}")
    {
        QueueName = queueName;
        MessageId = messageId;
        Reason = reason;
        Code = code;
    }

    public string QueueName { get; }

    public string MessageId { get; }

    /// <summary>Why, in words.</summary>
    public string Reason { get; }

    /// <summary>A short cause (e.g. <c>Throttling.User</c>), when one is known.</summary>
    public string? Code { get; }
}
