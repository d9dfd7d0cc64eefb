namespace LiveRelay.Delivery.Sending;

/// <summary>The message was not delivered.</summary>
/// <param name="Kind">Whether trying again later can help.</param>
/// <param name="Code">The API's error code (<c>InputInvalid</c>, <c>Throttling.User</c>, ...) or one of ours (<c>InvalidRequest</c>, <c>Timeout</c>, <c>PacingBacklog</c>, ...).</param>
/// <param name="Message">What went wrong, in words. Never the message's content.</param>
/// <param name="Attempts">Calls made.</param>
/// <param name="RetryDelay">For <see cref="SendFailureKind.RetryLater"/> and <see cref="SendFailureKind.Deferred"/>: how long to wait before trying again.</param>
/// <param name="RequestId">The API's RequestId of the last call, when it answered.</param>
public sealed record SendFailed(
    SendFailureKind Kind,
    string Code,
    string Message,
    int Attempts,
    TimeSpan? RetryDelay = null,
    string? RequestId = null) : SendResult(Attempts);
