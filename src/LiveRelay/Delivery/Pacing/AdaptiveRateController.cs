namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// The pacing rate of one operation: this process's share of the account limit (<see cref="Ceiling"/>, set by the fleet
/// coordinator), adapted to the API's answers (AIMD): a throttling answer multiplies the rate by a factor below one, and
/// every second without throttling adds back a fixed step, never above the share and never below a floor.
/// </summary>
/// <remarks>
/// The adaptation is kept as a fraction of the share, so a share that changes while the API throttles keeps the
/// backoff: half of a new share is still half. Calls already in flight when the API starts throttling all come back
/// throttled; they report one overload, so the rate is lowered at most once per <see cref="DecreaseInterval"/>. Each
/// throttling answer still restarts the recovery.
/// </remarks>
public sealed class AdaptiveRateController
{
    public static readonly TimeSpan DecreaseInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly double _decreaseFactor;
    private readonly double _minimumFraction;
    private readonly double _recoveryFractionPerSecond;
    private double _ceiling;
    private double _fractionAtMark = 1;
    private long _markTimestamp;
    private long? _lastDecreaseTimestamp;

    /// <param name="configuredRate">The highest rate, in calls per second: the share until <see cref="Ceiling"/> is set.</param>
    /// <param name="minimumRate">The lowest rate at the configured rate, in calls per second (the same fraction of any other share).</param>
    /// <param name="decreaseFactor">What the rate is multiplied by on throttling, in (0, 1).</param>
    /// <param name="recoveryPerSecond">Calls per second added back for each second without throttling, at the configured rate.</param>
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
        _ceiling = configuredRate;
        _minimumFraction = minimumRate / configuredRate;
        _decreaseFactor = decreaseFactor;
        _recoveryFractionPerSecond = recoveryPerSecond / configuredRate;
        _timeProvider = timeProvider;
        _markTimestamp = timeProvider.GetTimestamp();
    }

    public double ConfiguredRate { get; }

    /// <summary>This process's share of the limit, in calls per second (0 to <see cref="ConfiguredRate"/>): the rate when the API does not throttle.</summary>
    public double Ceiling
    {
        get
        {
            lock (_gate)
            {
                return _ceiling;
            }
        }

        set
        {
            if (!double.IsFinite(value) || value < 0 || value > ConfiguredRate * (1 + 1e-9))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"A share must be between 0 and {ConfiguredRate} calls per second.");
            }

            lock (_gate)
            {
                _ceiling = Math.Min(value, ConfiguredRate);
            }
        }
    }

    /// <summary>The rate to pace at now, in calls per second; 0 while this process holds no share.</summary>
    public double CurrentRate
    {
        get
        {
            lock (_gate)
            {
                return _ceiling * FractionAt(_timeProvider.GetTimestamp());
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
            var fraction = FractionAt(now);
            if (_lastDecreaseTimestamp is not { } last || Elapsed(last, now) >= DecreaseInterval)
            {
                fraction = Math.Max(_minimumFraction, fraction * _decreaseFactor);
                _lastDecreaseTimestamp = now;
            }

            _fractionAtMark = fraction;
            _markTimestamp = now;
            return _ceiling * fraction;
        }
    }

    private double FractionAt(long now) =>
        Math.Min(1, _fractionAtMark + (_recoveryFractionPerSecond * Elapsed(_markTimestamp, now).TotalSeconds));

    private TimeSpan Elapsed(long from, long to) => _timeProvider.GetElapsedTime(from, to);
}
