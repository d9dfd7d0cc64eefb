using LiveRelay.Messages;

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
    private DateTimeOffset? _fleetPauseUntil;

    internal OperationPacing(MessageKind kind, string operation, double limit, AdaptiveRateController rate, PacingRateLimiter limiter, TimeProvider timeProvider)
    {
        Kind = kind;
        Operation = operation;
        Limit = limit;
        Rate = rate;
        Limiter = limiter;
        _timeProvider = timeProvider;
        _lastActive = timeProvider.GetTimestamp();
    }

    public MessageKind Kind { get; }

    /// <summary>The Live API action, e.g. <c>SendMessageToGroup</c>.</summary>
    public string Operation { get; }

    /// <summary>The account's limit for the operation, in calls per second: what the whole fleet shares.</summary>
    public double Limit { get; }

    public AdaptiveRateController Rate { get; }

    public PacingRateLimiter Limiter { get; }

    /// <summary>This process's share of <see cref="Limit"/>, in calls per second, before adapting to throttling.</summary>
    public double Share => Rate.Ceiling;

    /// <summary>Messages this process is sending now (waiting for a turn, being called or between retries).</summary>
    public int Demand => Volatile.Read(ref _inProgress);

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
    public TimeSpan IdleFor => Demand > 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(Volatile.Read(ref _lastActive));

    public void Dispose() => Limiter.Dispose();

    /// <summary>A send starts: counted as demand until <see cref="EndSend"/>.</summary>
    internal void BeginSend()
    {
        if (Interlocked.Increment(ref _inProgress) == 1)
        {
            Volatile.Write(ref _lastActive, _timeProvider.GetTimestamp());
            if (Share == 0)
            {
                Changed?.Invoke();
            }
        }
    }

    internal void EndSend()
    {
        Volatile.Write(ref _lastActive, _timeProvider.GetTimestamp());
        Interlocked.Decrement(ref _inProgress);
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
