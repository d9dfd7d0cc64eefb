namespace LiveRelay.Emulator.Api;

/// <summary>An error answer: HTTP status, the API's error code and message, and for throttling how long to wait.</summary>
public sealed record ApiError(int StatusCode, string Code, string Message)
{
    /// <summary>Sent as <c>x-acs-retry-after</c> (milliseconds) when set.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
