using System.Threading.RateLimiting;

namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// A token bucket of one token, refilled at the <see cref="AdaptiveRateController"/>'s current rate: turns are
/// spaced <c>1 / rate</c> apart on average, and no one-second window holds more than <c>rate + 1</c> calls. Waiters
/// are served in arrival order; one whose turn is further away than it may wait is refused at once, with
/// the estimated wait as <see cref="MetadataName.RetryAfter"/>, and one still waiting when its time is up (the rate fell
/// meanwhile) is refused then. While the rate is 0 (this process holds no share of the fleet's limit yet) waiters
/// queue until their time is up: a share usually comes within one renewal.
/// </summary>
/// <remarks>
/// Turns are handed out one per timer tick. A timer fires a little after its due time (a millisecond or more,
/// more on a busy machine); the next turn is due one interval after the turn was <em>due</em>, so that this
/// lateness is not lost on every turn (at 100 calls/s, 2 ms of it would cost 17% of the rate). A turn handed out
/// an interval or more late (a timer late on a busy machine: at 100 calls/s an interval is 10 ms) still keeps the
/// schedule, so the turns it held up follow at once, if it is less than <see cref="CatchUpLimit"/> late; with it one
/// process on two shared cores delivered 0.99 of both limits instead of 0.96. No turn is handed out while the last
/// second already holds more turns than the rate, so catching up never crowds a second. Later than that (the process
/// was starved of CPU), the next turn is due one interval after the moment this one was handed out, so the process
/// resumes at the rate instead of releasing every overdue turn at once. There is deliberately no burst allowance beyond that: the account limits are per second,
/// and a burst on top of a full rate would exceed them; over any span of T seconds at most <c>rate × T + 1</c>
/// turns are handed out. All times come from the <see cref="TimeProvider"/>.
/// </remarks>
public sealed class PacingRateLimiter : RateLimiter
{
    /// <summary>The wait reported while the rate is 0 and the next turn cannot be estimated: about one share renewal.</summary>
    public static readonly TimeSpan UnknownWait = TimeSpan.FromSeconds(1);

    /// <summary>How late a turn may be handed out and the turns it held up still be caught up (within the rate over the last second).</summary>
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    /// <summary>The longest spacing between turns: a rate below one turn a day counts as none.</summary>
    public static readonly TimeSpan LongestInterval = TimeSpan.FromDays(1);

    private readonly Lock _gate = new();
    private readonly LinkedList<Waiter> _queue = new();
    private readonly Queue<TimeSpan> _recent = new();
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _defaultMaxWait;
    private readonly long _origin;
    private readonly ITimer _timer;
    private TimeSpan _next;
    private int _queuedPermits;
    private long _granted;
    private long _refused;
    private bool _disposed;

    /// <param name="rate">Supplies the rate each turn is spaced by.</param>
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
        _timer = timeProvider.CreateTimer(static state => ((PacingRateLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public AdaptiveRateController Rate { get; }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                var now = Now();
                return _queue.Count > 0 || _next > now ? null : now - _next;
            }
        }
    }

    /// <summary>Waits for this caller's turn, unless it is estimated to be more than <paramref name="maxWait"/> away: then the lease is refused at once.</summary>
    public ValueTask<RateLimitLease> WaitForTurnAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        WaitAsync(1, maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait, cancellationToken);

    /// <summary>No turn is handed out before <paramref name="delay"/> from now (the API asked to wait, with <c>x-acs-retry-after</c>).</summary>
    public void PauseFor(TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var now = Now();
            if (now + delay > _next)
            {
                _next = now + delay;
                if (_queue.Count > 0)
                {
                    Arm(now);
                }
            }
        }
    }

    /// <summary>The rate's share was changed: turns are re-timed at once (a share that comes after none releases waiters).</summary>
    public void RateChanged()
    {
        lock (_gate)
        {
            if (!_disposed && _queue.Count > 0)
            {
                Arm(Now());
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _queue.Count == 0 && _next <= Now() ? 1 : 0,
                CurrentQueuedCount = _queuedPermits,
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
            if (permitCount == 0 ? _queue.Count == 0 && now >= _next && Interval(1) is not null : TryGrantNow(permitCount, now))
            {
                return PacingLease.Granted;
            }

            _refused++;
            return PacingLease.Refused(EstimatedWait(now) ?? UnknownWait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        WaitAsync(permitCount, _defaultMaxWait, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        List<Waiter> abandoned;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            abandoned = [.. _queue];
            _queue.Clear();
            _queuedPermits = 0;
        }

        foreach (var waiter in abandoned)
        {
            waiter.Completion.TrySetException(new ObjectDisposedException(nameof(PacingRateLimiter)));
        }
    }

    private async ValueTask<RateLimitLease> WaitAsync(int permitCount, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (permitCount == 0)
        {
            return AttemptAcquireCore(0);
        }

        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            if (TryGrantNow(permitCount, now))
            {
                return PacingLease.Granted;
            }

            if (EstimatedWait(now) is { } wait && wait > maxWait)
            {
                _refused++;
                return PacingLease.Refused(wait);
            }

            node = _queue.AddLast(new Waiter(permitCount, maxWait >= TimeSpan.MaxValue - now ? TimeSpan.MaxValue : now + maxWait));
            _queuedPermits += permitCount;
            if (_queue.Count == 1)
            {
                Arm(now);
            }
        }

        using var registration = cancellationToken.Register(() => Cancel(node, cancellationToken));
        return await node.Value.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>
    /// Refuses the waiters whose time is up, hands the next turn to the first waiter when it is due, then sets the timer
    /// for whichever comes first: the next turn or the next waiter's time running out.
    /// </summary>
    private void OnTimer()
    {
        Waiter? turn = null;
        List<(Waiter Waiter, TimeSpan Wait)>? expired = null;
        lock (_gate)
        {
            if (_disposed || _queue.Count == 0)
            {
                return;
            }

            var now = Now();
            for (var node = _queue.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Deadline <= now)
                {
                    _queue.Remove(node);
                    _queuedPermits -= node.Value.Permits;
                    _refused++;
                    (expired ??= []).Add((node.Value, TimeSpan.Zero));
                }

                node = next;
            }

            if (expired is not null)
            {
                var wait = EstimatedWait(now) ?? UnknownWait;
                expired = expired.ConvertAll(e => (e.Waiter, wait));
            }

            if (_queue.Count > 0 && now >= _next && Interval(_queue.First!.Value.Permits) is { } interval && !HeldByWindow(now))
            {
                turn = _queue.First!.Value;
                _queue.RemoveFirst();
                _queuedPermits -= turn.Permits;
                _next = NextAfterGrant(now, interval);
                _granted++;
            }

            if (_queue.Count > 0)
            {
                Arm(now);
            }
        }

        turn?.Completion.TrySetResult(PacingLease.Granted);
        if (expired is not null)
        {
            foreach (var (waiter, wait) in expired)
            {
                waiter.Completion.TrySetResult(PacingLease.Refused(wait));
            }
        }
    }

    private bool TryGrantNow(int permitCount, TimeSpan now)
    {
        if (_queue.Count > 0 || now < _next || Interval(permitCount) is not { } interval || HeldByWindow(now))
        {
            return false;
        }

        Record(now);
        _next = now + interval;
        _granted++;
        return true;
    }

    /// <summary>
    /// When the turn after one handed out at <paramref name="now"/> is due. A turn handed out late keeps the schedule
    /// (the next is due one interval after this one was due, so it may be due at once) while it is less than an
    /// interval or <see cref="CatchUpLimit"/> late; otherwise the schedule starts again from now. Either way no turn is
    /// handed out while the last second holds more than the rate (<see cref="HeldByWindow"/>).
    /// </summary>
    private TimeSpan NextAfterGrant(TimeSpan now, TimeSpan interval)
    {
        Record(now);
        var late = now - _next;
        return (late < interval || late < CatchUpLimit ? _next : now) + interval;
    }

    /// <summary>
    /// The last second already holds more turns than the rate: the next turn is moved to when the oldest leaves it.
    /// Spacing alone keeps to that; turns caught up after a late timer could otherwise crowd into one second with the
    /// turns due after them.
    /// </summary>
    private bool HeldByWindow(TimeSpan now)
    {
        Forget(now);
        if (_recent.Count <= Rate.CurrentRate)
        {
            return false;
        }

        var leaves = _recent.Peek() + Window;
        _next = _next > leaves ? _next : leaves;
        return true;
    }

    /// <summary>Keeps the times of the turns handed out in the last second.</summary>
    private void Record(TimeSpan now)
    {
        Forget(now);
        _recent.Enqueue(now);
    }

    private void Forget(TimeSpan now)
    {
        while (_recent.Count > 0 && _recent.Peek() <= now - Window)
        {
            _recent.Dequeue();
        }
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (node.List is null)
            {
                return;
            }

            _queue.Remove(node);
            _queuedPermits -= node.Value.Permits;
        }

        node.Value.Completion.TrySetCanceled(cancellationToken);
    }

    /// <summary>
    /// Sets the timer for the next turn (when there is a rate) or the first waiter's time running out, whichever is
    /// sooner; never for zero, which some clocks would fire on this thread, inside the lock. A due time with a
    /// fraction of a millisecond is rounded up: the system timer counts whole milliseconds and drops the fraction, so
    /// it fired before the turn, and the timer set for the rest (under a millisecond, so zero to it) fired again at
    /// once until the turn was due: three to four timer turns for each turn handed out at 150 calls/s.
    /// </summary>
    private void Arm(TimeSpan now)
    {
        var at = TimeSpan.MaxValue;
        foreach (var waiter in _queue)
        {
            at = waiter.Deadline < at ? waiter.Deadline : at;
        }

        if (Interval(1) is not null && _next < at)
        {
            at = _next;
        }

        var due = at - now;
        _timer.Change(due > TimeSpan.Zero ? WholeMilliseconds(due) : TimeSpan.FromTicks(1), Timeout.InfiniteTimeSpan);
    }

    private static TimeSpan WholeMilliseconds(TimeSpan due)
    {
        var fraction = due.Ticks % TimeSpan.TicksPerMillisecond;
        return fraction == 0 || due.Ticks > TimeSpan.MaxValue.Ticks - TimeSpan.TicksPerMillisecond
            ? due
            : TimeSpan.FromTicks(due.Ticks - fraction + TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Until the next turn is free, plus one interval for each queued permit; unknown (null) while the rate is 0.</summary>
    private TimeSpan? EstimatedWait(TimeSpan now)
    {
        if (Interval(Math.Max(1, _queuedPermits)) is not { } queued)
        {
            return null;
        }

        return (_next > now ? _next - now : TimeSpan.Zero) + (_queuedPermits == 0 ? TimeSpan.Zero : queued);
    }

    /// <summary>
    /// The spacing <paramref name="permitCount"/> turns take at the current rate; null while the rate is 0, or so small
    /// (a share left over from rounding) that the spacing would be longer than <see cref="LongestInterval"/>.
    /// </summary>
    private TimeSpan? Interval(int permitCount)
    {
        var seconds = permitCount / Rate.CurrentRate;
        return seconds <= LongestInterval.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    private TimeSpan Now() => _timeProvider.GetElapsedTime(_origin);

    private sealed class Waiter(int permits, TimeSpan deadline)
    {
        public int Permits { get; } = permits;

        /// <summary>When this waiter's time is up, on the limiter's own time line.</summary>
        public TimeSpan Deadline { get; } = deadline;

        /// <summary>
        /// Completed outside the limiter's lock, and its continuation runs at once on the completing thread: a turn's
        /// call starts on the timer's thread (a thread-pool thread), as a timer-driven sender would do it, instead of
        /// costing a thread-pool work item per turn.
        /// </summary>
        public TaskCompletionSource<RateLimitLease> Completion { get; } = new();
    }
}
