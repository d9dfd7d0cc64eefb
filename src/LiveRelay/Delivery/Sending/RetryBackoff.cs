namespace LiveRelay.Delivery.Sending;

/// <summary>
/// Delays between tries: exponential with jitter, capped, or exactly what the API asked for with
/// <c>x-acs-retry-after</c>.
/// </summary>
public sealed class RetryBackoff
{
    private readonly TimeSpan _baseDelay;
    private readonly TimeSpan _maxDelay;
    private readonly Func<double> _random;

    /// <param name="baseDelay">The first retry waits between half of this and all of it.</param>
    /// <param name="maxDelay">No computed delay is longer.</param>
    /// <param name="random">Numbers in [0, 1); <see cref="Random.Shared"/> when not given.</param>
    public RetryBackoff(TimeSpan baseDelay, TimeSpan maxDelay, Func<double>? random = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        _baseDelay = baseDelay;
        _maxDelay = maxDelay;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <param name="retry">1 for the first retry, 2 for the second, ...</param>
    /// <param name="retryAfter">The API's <c>x-acs-retry-after</c>, when it sent one.</param>
    public TimeSpan DelayBefore(int retry, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);

        // The API knows when it will take calls again; waiting less would only be throttled again.
        if (retryAfter is { } after && after > TimeSpan.Zero)
        {
            return after;
        }

        var ceiling = TimeSpan.FromTicks((long)Math.Min(_maxDelay.Ticks, _baseDelay.Ticks * Math.Pow(2, Math.Min(retry - 1, 30))));

        // Half fixed, half random: delays still grow, and senders that failed together spread out.
        return (ceiling / 2) + (ceiling / 2 * _random());
    }
}
