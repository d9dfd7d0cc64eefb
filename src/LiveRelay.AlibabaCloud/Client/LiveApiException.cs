using System.Net;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>A Live API call failed: the API answered with an error, or the call did not complete.</summary>
public sealed class LiveApiException : Exception
{
    public LiveApiException()
        : this("The Live API call failed.")
    {
    }

    public LiveApiException(string message)
        : this(message, null)
    {
    }

    public LiveApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = "Unknown";
        Kind = LiveApiErrorKind.Transient;
    }

    public LiveApiException(
        LiveApiErrorKind kind,
        string code,
        string message,
        HttpStatusCode? statusCode = null,
        string? requestId = null,
        string? hostId = null,
        string? recommend = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(Describe(code, message, statusCode, requestId), innerException)
    {
        Kind = kind;
        Code = code;
        ErrorMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
        HostId = hostId;
        Recommend = recommend;
        RetryAfter = retryAfter;
    }

    public LiveApiErrorKind Kind { get; }

    /// <summary>The API's error code (<c>InputInvalid</c>, <c>Throttling.User</c>, ...) or one of ours for failures with no answer (<c>Timeout</c>, <c>ConnectionFailed</c>, <c>InvalidResponse</c>).</summary>
    public string Code { get; }

    /// <summary>The API's own message, as it sent it.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Null when no HTTP answer arrived.</summary>
    public HttpStatusCode? StatusCode { get; }

    public string? RequestId { get; }

    public string? HostId { get; }

    public string? Recommend { get; }

    /// <summary>From <c>x-acs-retry-after</c>, when the API sent it.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRetryable => Kind is LiveApiErrorKind.Throttled or LiveApiErrorKind.Transient;

    private static string Describe(string code, string message, HttpStatusCode? statusCode, string? requestId)
    {
        var status = statusCode is { } s ? $"HTTP {(int)s} " : string.Empty;
        var request = string.IsNullOrEmpty(requestId) ? string.Empty : $" (RequestId {requestId})";
        return $"Live API call failed: {status}{code}: {message}{request}";
    }
}
