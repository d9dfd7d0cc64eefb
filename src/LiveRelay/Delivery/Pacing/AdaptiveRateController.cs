namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// The pacing rate of one operation, adapted to the API's answers (AIMD): a throttling answer multiplies the
/// rate by a factor below one, and every second without throttling adds back a fixed step, never above the
/// configured rate and never below a floor.
/// </summary>
/// <remarks>
/// Calls already in flight when the API starts throttling all come back throttled; they report one overload,
/// so the rate is lowered at most once per <see cref="DecreaseInterval"/>. Each throttling answer still
/// restarts the recovery.
/// </remarks>
public sealed class AdaptiveRateController
{
    public static readonly TimeSpan DecreaseInterval = TimeSpan.FromSeconds(1);

    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _decreaseFactor;
    private readonly double _recoveryPerSecond;
    private double _rateAtMark;
    private long _markTimestamp;
    private long? _lastDecreaseTimestamp;

    /// <param name="configuredRate">The highest rate, in calls per second.</param>
    /// <param name="minimumRate">The lowest rate, in calls per second.</param>
    /// <param name="decreaseFactor">What the rate is multiplied by on throttling, in (0, 1).</param>
    /// <param name="recoveryPerSecond">Calls per second added back for each second without throttling.</param>
    /// <param name="timeProvider">The clock.</param>
    public AdaptiveRateController(double configuredRate, double minimumRate, double decreaseFactor, double recoveryPerSecond, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(configuredRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumRate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minimumRate, configuredRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(decreaseFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(decreaseFactor, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(recoveryPerSecond);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ConfiguredRate = configuredRate;
        MinimumRate = minimumRate;
        _decreaseFactor = decreaseFactor;
        _recoveryPerSecond = recoveryPerSecond;
        _timeProvider = timeProvider;
        _rateAtMark = configuredRate;
        _markTimestamp = timeProvider.GetTimestamp();
    }

    public double ConfiguredRate { get; }

    public double MinimumRate { get; }

    /// <summary>The rate to pace at now, in calls per second.</summary>
    public double CurrentRate
    {
        get
        {
            lock (_gate)
            {
                return RateAt(_timeProvider.GetTimestamp());
            }
        }
    }

    /// <summary>The API answered with throttling: lower the rate (unless it was just lowered) and restart the recovery.</summary>
    /// <returns>The new rate.</returns>
    public double OnThrottled()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            var rate = RateAt(now);
            if (_lastDecreaseTimestamp is not { } last || Elapsed(last, now) >= DecreaseInterval)
            {
                rate = Math.Max(MinimumRate, rate * _decreaseFactor);
                _lastDecreaseTimestamp = now;
            }

            _rateAtMark = rate;
            _markTimestamp = now;
            return rate;
        }
    }

    private double RateAt(long now) =>
        Math.Min(ConfiguredRate, _rateAtMark + (_recoveryPerSecond * Elapsed(_markTimestamp, now).TotalSeconds));

    private TimeSpan Elapsed(long from, long to) => _timeProvider.GetElapsedTime(from, to);
}
