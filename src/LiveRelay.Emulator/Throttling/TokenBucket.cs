namespace LiveRelay.Emulator.Throttling;

/// <summary>
/// A token bucket that holds one second's worth of calls and refills continuously at the rate, read from the
/// <see cref="TimeProvider"/> on each call (no timers, so a manual clock drives it exactly). A caller at or below the
/// rate always finds a token; a burst gets at most the rate through at once; in any T seconds at most rate × (1 + T)
/// calls pass.
/// </summary>
internal sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _ratePerSecond;
    private double _tokens;
    private long _lastRefill;

    public TokenBucket(int ratePerSecond, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ratePerSecond, 1);
        _timeProvider = timeProvider;
        _ratePerSecond = ratePerSecond;
        _tokens = ratePerSecond;
        _lastRefill = timeProvider.GetTimestamp();
    }

    /// <param name="retryAfter">When refused: how long until a token will be there.</param>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var elapsed = _timeProvider.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            if (elapsed > TimeSpan.Zero)
            {
                _tokens = Math.Min(_ratePerSecond, _tokens + (elapsed.TotalSeconds * _ratePerSecond));
            }

            // A hair of tolerance so a caller paced exactly at the rate is not refused for a rounding error.
            if (_tokens >= 1 - 1e-9)
            {
                _tokens = Math.Max(0, _tokens - 1);
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / _ratePerSecond);
            return false;
        }
    }
}
