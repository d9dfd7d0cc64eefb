namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// One Live API operation's pacing in this process: its limiter, the rate it is paced at (this process's share of the
/// account limit, adapted to throttling), and the demand the fleet coordinator divides the limit by.
/// </summary>
public sealed class OperationPacing : IDisposable
{
    /// <summary>How long a call is taken to last until this process has made one (the Live API answers in about 150 to 250 ms).</summary>
    public static readonly TimeSpan DefaultCallTime = TimeSpan.FromMilliseconds(200);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private int _inProgress;
    private long _lastActive;
    private double _demandSeconds;
    private long _demandMark;
    private long _demandWindowStart;
    private double _callSeconds;
    private int _calls;
    private double _callTime = DefaultCallTime.TotalSeconds;
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

    /// <summary>The least demand of a process with messages: a call a second (the limit, if that is less).</summary>
    internal double NominalDemand => Math.Min(1, Limit);

    /// <summary>A call to the API took <paramref name="duration"/>: what turns the messages being sent into a rate.</summary>
    internal void RecordCall(TimeSpan duration)
    {
        lock (_gate)
        {
            _callSeconds += duration.TotalSeconds;
            _calls++;
        }
    }

    /// <summary>
    /// The rate this process could use, in calls per second, from its messages since the last call: on average
    /// (time-weighted) it had <c>M</c> messages to send and a call took <c>T</c>, so with no pacing wait it would send
    /// <c>M / T</c> a second (Little's law). Held to the limit, since no process can use more; at least one while it has
    /// any message now. What a renewal reports: a queue trigger holds a batch, sends it, then fetches the next, so the
    /// count at one instant swings between none and the whole batch, and shares divided by it would swing with it; and
    /// every process with more to send than the limit allows asks for the same (the limit), so busy processes get
    /// equal shares that stay put.
    /// </summary>
    internal double TakeDemand()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetTimestamp();
            Accumulate(now);
            var window = _timeProvider.GetElapsedTime(_demandWindowStart, now).TotalSeconds;
            var messages = window > 0 ? _demandSeconds / window : _inProgress;
            if (_calls > 0)
            {
                _callTime = Math.Max(_callSeconds / _calls, 1e-3);
            }

            _demandSeconds = 0;
            _callSeconds = 0;
            _calls = 0;
            _demandWindowStart = now;
            var rate = Math.Min(Limit, messages / _callTime);
            return _inProgress > 0 ? Math.Max(NominalDemand, rate) : rate;
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
