namespace LiveRelay.Emulator.Settings;

/// <summary>
/// Per-account call limits (<c>Emulator:RateLimits</c>), enforced with one token bucket per operation: the bucket holds
/// one second's worth of calls and refills continuously at the rate.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The documented limit of SendMessageToGroup, calls per second per account.</summary>
    public const int DefaultSendMessageToGroup = 100;

    /// <summary>The documented limit of SendLiveMessageUser, calls per second per account.</summary>
    public const int DefaultSendLiveMessageUser = 50;

    public int SendMessageToGroup { get; set; } = DefaultSendMessageToGroup;

    public int SendLiveMessageUser { get; set; } = DefaultSendLiveMessageUser;

    /// <summary>Whether a throttled call's answer carries <c>x-acs-retry-after</c> (milliseconds until the next call would pass).</summary>
    public bool RetryAfterHeader { get; set; } = true;
}
