namespace LiveRelay.Delivery;

/// <summary>Settings under <c>LiveRelay:Delivery</c>: pacing, adaptation to throttling, and retries.</summary>
public sealed class DeliveryOptions
{
    public const string SectionName = "LiveRelay:Delivery";

    /// <summary>The account's limit for SendMessageToGroup, in calls per second, shared by every sending process (see <c>LiveRelay:Delivery:Fleet</c>).</summary>
    public double SendMessageToGroup { get; set; } = 100;

    /// <summary>The account's limit for SendLiveMessageUser, in calls per second (the API drops excess requests).</summary>
    public double SendLiveMessageUser { get; set; } = 50;

    /// <summary>Calls per message, the first included, for throttling and transient failures.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// How long one send may keep trying, pacing waits and retry delays included. A retry that would start
    /// after this is not made: the message is handed back to be retried later. A call already under way may
    /// still run for its own timeout (<c>LiveRelay:AlibabaCloud:Timeout</c>).
    /// </summary>
    public TimeSpan MaxRetryDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The first retry waits between half of this and all of it; each further retry doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest delay between two tries, unless the API asks for longer with <c>x-acs-retry-after</c>.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What the pacing rate is multiplied by when the API answers with throttling (at most once a second).</summary>
    public double ThrottleDecreaseFactor { get; set; } = 0.5;

    /// <summary>The share of the configured rate added back for each second without throttling.</summary>
    public double RateRecoveryPerSecond { get; set; } = 0.05;

    /// <summary>The lowest the pacing rate goes, as a share of the configured rate.</summary>
    public double MinimumRateFraction { get; set; } = 0.05;

    /// <summary>How many envelopes of one direct delivery are sent at once (pacing still applies).</summary>
    public int DirectConcurrency { get; set; } = 8;
}
