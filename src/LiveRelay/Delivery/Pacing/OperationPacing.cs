namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// One Live API operation's pacing in this process: its limiter, the rate it is paced at (this process's share of the
/// account limit, adapted to throttling), and the demand the fleet coordinator divides the limit by.
/// </summary>
public sealed class OperationPacing : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private int _inProgress;
    private long _lastActive;
    private double _demandSeconds;
    private long _demandMark;
    private long _demandWindowStart;
    private DateTimeOffset? _fleetPauseUntil;
    private volatile bool _onFallback;

    internal OperationPacing(string operation, double limit, AdaptiveRateController rate, PacingRateLimiter limiter, TimeProvider timeProvider)
    {
        Operation = operation;
        Limit = limit;
        Rate = rate;
        Limiter = limiter;
        _timeProvider = timeProvider;
        _lastActive = timeProvider.GetTimestamp();
        _demandMark = _lastActive;
        _demandWindowStart = _lastActive;
    }

    /// <summary>The Live API action, e.g. <c>SendMessageToGroup</c>.</summary>
    public string Operation { get; }

    /// <summary>The account's limit for the operation, in calls per second: what the whole fleet shares.</summary>
    public double Limit { get; }

    public AdaptiveRateController Rate { get; }

    public PacingRateLimiter Limiter { get; }

    /// <summary>This process's share of <see cref="Limit"/>, in calls per second, before adapting to throttling.</summary>
    public double Share => Rate.Ceiling;

    /// <summary>
    /// The fleet coordinator cannot be reached and <see cref="Share"/> is the fallback share: fixed, whatever this process
    /// holds, so holding more messages than it can send in a pacing wait only hands them back.
    /// </summary>
    public bool OnFallback
    {
        get => _onFallback;
        internal set => _onFallback = value;
    }

    /// <summary>Messages this process is sending now (waiting for a turn, being called or between retries).</summary>
    public int Demand
    {
        get
        {
            lock (_gate)
            {
                return _inProgress;
            }
        }
    }

    /// <summary>Raised when messages arrive while this process holds no share, or the API asked the fleet to pause: the coordinator renews at once.</summary>
    internal event Action? Changed;

    /// <summary>Sets this process's share; turns are re-timed at once.</summary>
    public void SetShare(double share)
    {
        Rate.Ceiling = share;
        Limiter.RateChanged();
    }

    /// <summary>
    /// The API asked to wait (<c>x-acs-retry-after</c>): no turn in this process before <paramref name="delay"/> from
    /// now, and the fleet is told through the coordinator.
    /// </summary>
    public void PauseFor(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        Limiter.PauseFor(delay);
        var until = _timeProvider.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_fleetPauseUntil is { } pending && pending >= until)
            {
                return;
            }

            _fleetPauseUntil = until;
        }

        Changed?.Invoke();
    }

    /// <summary>How long this process has had no message to send; zero while it has some.</summary>
    public TimeSpan IdleFor
    {
        get
        {
            lock (_gate)
            {
                return _inProgress > 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(_lastActive);
            }
        }
    }

    public void Dispose() => Limiter.Dispose();

    /// <summary>A send starts: counted as demand until <see cref="EndSend"/>.</summary>
    internal void BeginSend()
    {
        bool first;
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            Accumulate(now);
            first = ++_inProgress == 1;
            _lastActive = now;
        }

        if (first && Share == 0)
        {
            Changed?.Invoke();
        }
    }

    internal void EndSend()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            Accumulate(now);
            _inProgress--;
            _lastActive = now;
        }
    }

    /// <summary>
    /// The messages this process had to send on average since the last call (time-weighted), and at least one while it
    /// has any now. What a renewal reports: a queue trigger holds a batch, sends it, then fetches the next, so the count
    /// at one instant swings between none and the whole batch, and shares divided by it would swing with it.
    /// </summary>
    internal double TakeAverageDemand()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            Accumulate(now);
            var window = _timeProvider.GetElapsedTime(_demandWindowStart, now).TotalSeconds;
            var average = window > 0 ? _demandSeconds / window : _inProgress;
            _demandSeconds = 0;
            _demandWindowStart = now;
            return _inProgress > 0 ? Math.Max(1, average) : average;
        }
    }

    private void Accumulate(long now)
    {
        _demandSeconds += _inProgress * _timeProvider.GetElapsedTime(_demandMark, now).TotalSeconds;
        _demandMark = now;
    }

    /// <summary>The pause this process was asked for and has not told the fleet about yet.</summary>
    internal DateTimeOffset? TakeFleetPause()
    {
        lock (_gate)
        {
            var pause = _fleetPauseUntil;
            _fleetPauseUntil = null;
            return pause;
        }
    }
}
