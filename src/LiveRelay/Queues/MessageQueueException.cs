using System.Net;

namespace LiveRelay.Queues;

/// <summary>A queue operation failed. Never carries an account key, a signature or a token.</summary>
public sealed class MessageQueueException : Exception
{
    public MessageQueueException()
        : this("The queue operation failed.")
    {
    }

    public MessageQueueException(string message)
        : this(message, null)
    {
    }

    public MessageQueueException(string message, Exception? innerException)
        : base(message, innerException)
    {
        QueueName = string.Empty;
        Operation = string.Empty;
        ErrorCode = "Unknown";
    }

    public MessageQueueException(
        string queueName,
        string operation,
        string errorCode,
        string message,
        HttpStatusCode? statusCode = null,
        string? requestId = null,
        Exception? innerException = null)
        : base(Describe(queueName, operation, errorCode, message, statusCode, requestId), innerException)
    {
        QueueName = queueName;
        Operation = operation;
        ErrorCode = errorCode;
        ErrorMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    public string QueueName { get; }

    /// <summary>What was attempted: <c>Create</c>, <c>Send</c>, <c>Receive</c>, <c>Delete</c>, <c>UpdateVisibility</c>, <c>Count</c>, <c>Peek</c>.</summary>
    public string Operation { get; }

    /// <summary>The service's error code (<see cref="QueueErrorCodes"/>), or one of ours when no answer arrived.</summary>
    public string ErrorCode { get; }

    public string? ErrorMessage { get; }

    /// <summary>Null when no HTTP answer arrived (and for the in-memory queue's own errors).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string? RequestId { get; }

    /// <summary>The message was deleted, expired, or received again by someone else since it was read.</summary>
    public bool IsMessageGone => ErrorCode is QueueErrorCodes.MessageNotFound or QueueErrorCodes.PopReceiptMismatch;

    private static string Describe(string queueName, string operation, string errorCode, string message, HttpStatusCode? statusCode, string? requestId)
    {
        var status = statusCode is { } s ? $"HTTP {(int)s} " : string.Empty;
        var request = string.IsNullOrEmpty(requestId) ? string.Empty : $" (RequestId {requestId})";
        return $"Queue '{queueName}': {operation} failed: {status}{errorCode}: {message}{request}";
    }
}
