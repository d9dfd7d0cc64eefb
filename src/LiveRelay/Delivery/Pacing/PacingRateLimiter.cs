using System.Threading.RateLimiting;

namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// A token bucket of one token, refilled at the <see cref="AdaptiveRateController"/>'s current rate: calls
/// start evenly spaced, <c>1 / rate</c> apart, so no one-second window holds more than <c>rate</c> calls.
/// Callers reserve the next free slot and wait for it in arrival order; a caller whose slot is further away
/// than it may wait is refused at once, with the wait as <see cref="MetadataName.RetryAfter"/>.
/// </summary>
/// <remarks>
/// There is deliberately no burst allowance: the account limits are per second, and a burst on top of a full
/// rate would exceed them. All times come from the <see cref="TimeProvider"/>.
/// </remarks>
public sealed class PacingRateLimiter : RateLimiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _defaultMaxWait;
    private readonly long _origin;
    private TimeSpan _nextFree;
    private int _waiting;
    private long _granted;
    private long _refused;
    private bool _disposed;

    /// <param name="rate">Supplies the rate each reservation is spaced by.</param>
    /// <param name="defaultMaxWait">The longest wait <see cref="RateLimiter.AcquireAsync"/> accepts; <see cref="WaitForTurnAsync"/> takes its own.</param>
    /// <param name="timeProvider">The clock.</param>
    public PacingRateLimiter(AdaptiveRateController rate, TimeSpan defaultMaxWait, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(rate);
        ArgumentOutOfRangeException.ThrowIfLessThan(defaultMaxWait, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Rate = rate;
        _defaultMaxWait = defaultMaxWait;
        _timeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
    }

    public AdaptiveRateController Rate { get; }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = Now();
                return _waiting > 0 || _nextFree > now ? null : now - _nextFree;
            }
        }
    }

    /// <summary>Waits for the next free slot, unless it is more than <paramref name="maxWait"/> away: then the lease is refused at once.</summary>
    public ValueTask<RateLimitLease> WaitForTurnAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        ReserveAsync(1, maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait, cancellationToken);

    /// <summary>No call starts before <paramref name="delay"/> from now (the API asked to wait, with <c>x-acs-retry-after</c>).</summary>
    public void PauseFor(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var until = Now() + delay;
            if (until > _nextFree)
            {
                _nextFree = until;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _nextFree <= Now() ? 1 : 0,
                CurrentQueuedCount = _waiting,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            var wait = _nextFree > now ? _nextFree - now : TimeSpan.Zero;
            if (wait > TimeSpan.Zero)
            {
                _refused++;
                return PacingLease.Refused(wait);
            }

            if (permitCount > 0)
            {
                _nextFree = now + Interval(permitCount);
                _granted++;
            }

            return PacingLease.Granted;
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ReserveAsync(permitCount, _defaultMaxWait, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        lock (_gate)
        {
            _disposed = true;
        }
    }

    private async ValueTask<RateLimitLease> ReserveAsync(int permitCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (permitCount == 0)
        {
            return AttemptAcquireCore(0);
        }

        TimeSpan slot, end, wait;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            slot = _nextFree > now ? _nextFree : now;
            wait = slot - now;
            if (wait > maxWait)
            {
                _refused++;
                return PacingLease.Refused(wait);
            }

            end = slot + Interval(permitCount);
            _nextFree = end;
            if (wait == TimeSpan.Zero)
            {
                _granted++;
                return PacingLease.Granted;
            }

            _waiting++;
        }

        try
        {
            await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                _waiting--;

                // Hand the slot back when nobody has reserved after it, so a cancelled wait leaves no gap.
                if (_nextFree == end)
                {
                    _nextFree = slot;
                }
            }

            throw;
        }

        lock (_gate)
        {
            _waiting--;
            _granted++;
        }

        return PacingLease.Granted;
    }

    private TimeSpan Interval(int permitCount) => TimeSpan.FromSeconds(permitCount / Rate.CurrentRate);

    private TimeSpan Now() => _timeProvider.GetElapsedTime(_origin);
}
