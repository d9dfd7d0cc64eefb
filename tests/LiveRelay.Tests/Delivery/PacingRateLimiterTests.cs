using System.Threading.RateLimiting;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Delivery;

public sealed class PacingRateLimiterTests
{
    private static readonly TimeSpan Tenth = TimeSpan.FromMilliseconds(100);
    private readonly ManualTimeProvider _clock = new();

    // 10 calls/s: one slot every 100 ms.
    private PacingRateLimiter Limiter(double rate = 10, TimeSpan? maxWait = null) =>
        new(new AdaptiveRateController(rate, rate / 20, 0.5, rate / 20, _clock), maxWait ?? TimeSpan.FromSeconds(30), _clock);

    [Fact]
    public void Grants_one_call_at_once_then_spaces_the_next_by_one_interval()
    {
        using var limiter = Limiter();

        using var first = limiter.AttemptAcquire();
        using var second = limiter.AttemptAcquire();

        Assert.True(first.IsAcquired);
        Assert.False(second.IsAcquired);
        Assert.True(second.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(Tenth, retryAfter);

        _clock.Advance(Tenth);
        using var third = limiter.AttemptAcquire();
        Assert.True(third.IsAcquired);
    }

    [Fact]
    public async Task Waiters_get_their_turns_in_order_one_interval_apart()
    {
        using var limiter = Limiter();
        var waits = Enumerable.Range(0, 25).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromMinutes(1)).AsTask()).ToList();

        // Step the clock 10 ms at a time: after each step exactly the turns whose slot has come are granted,
        // so N calls at R per second take (N - 1) / R and no one-second window holds more than R.
        for (var elapsedMs = 0; elapsedMs <= 2600; elapsedMs += 10)
        {
            var due = Math.Min(25, (elapsedMs / 100) + 1);
            await WhenCountAsync(() => waits.Count(w => w.IsCompleted), due);
            Assert.Equal(due, waits.Count(w => w.IsCompleted));
            Assert.All(waits.Take(due), w => Assert.True(w.Result.IsAcquired));
            Assert.All(waits.Skip(due), w => Assert.False(w.IsCompleted));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    [Fact]
    public async Task A_turn_further_away_than_the_caller_may_wait_is_refused_at_once_without_taking_a_slot()
    {
        using var limiter = Limiter();
        var queued = Enumerable.Range(0, 5).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromSeconds(1)).AsTask()).ToList();

        using var refused = await limiter.WaitForTurnAsync(TimeSpan.FromMilliseconds(250));

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(500), wait);
        Assert.Equal(1, limiter.GetStatistics()!.TotalFailedLeases);

        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(Tenth);
        }

        await Task.WhenAll(queued).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(queued, q => Assert.True(q.Result.IsAcquired));

        // The refused caller took no slot: the next is right after the five queued ones.
        using var next = limiter.AttemptAcquire();
        Assert.False(next.IsAcquired);
        next.TryGetMetadata(MetadataName.RetryAfter, out var nextWait);
        Assert.Equal(Tenth, nextWait);
    }

    [Fact]
    public async Task A_waiter_whose_time_runs_out_while_the_rate_is_gone_is_refused_then_and_takes_no_turn()
    {
        using var limiter = Limiter();
        using var first = limiter.AttemptAcquire();
        var waiting = limiter.WaitForTurnAsync(TimeSpan.FromMilliseconds(300)).AsTask();

        // The share is taken away before the turn comes (another process now holds it).
        limiter.Rate.Ceiling = 0;
        limiter.RateChanged();
        _clock.Advance(Tenth);
        _clock.Advance(Tenth);
        Assert.False(waiting.IsCompleted);

        _clock.Advance(Tenth);
        using var refused = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(PacingRateLimiter.UnknownWait, wait);

        // A share that comes back later hands out turns again, from the first free slot.
        limiter.Rate.Ceiling = 10;
        using var next = limiter.AttemptAcquire();
        Assert.True(next.IsAcquired);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-9)]
    public async Task A_share_too_small_to_space_turns_counts_as_none_instead_of_overflowing(double share)
    {
        using var limiter = Limiter();
        limiter.Rate.Ceiling = share;
        limiter.RateChanged();
        var waiting = limiter.WaitForTurnAsync(TimeSpan.FromMilliseconds(300)).AsTask();

        // The timer runs each tenth; a turn a thousand days away would overflow a TimeSpan's arithmetic.
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(Tenth);
        }

        using var refused = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(PacingRateLimiter.UnknownWait, wait);
    }

    [Fact]
    public void A_lowered_rate_spaces_later_turns_further_apart()
    {
        using var limiter = Limiter();
        using var first = limiter.AttemptAcquire();
        _clock.Advance(Tenth);

        limiter.Rate.OnThrottled();
        using var second = limiter.AttemptAcquire();
        using var third = limiter.AttemptAcquire();

        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(200), wait);
    }

    [Fact]
    public void A_pause_holds_every_turn_until_it_ends()
    {
        using var limiter = Limiter();

        limiter.PauseFor(TimeSpan.FromMilliseconds(700));
        using var during = limiter.AttemptAcquire();
        _clock.Advance(TimeSpan.FromMilliseconds(700));
        using var after = limiter.AttemptAcquire();

        Assert.False(during.IsAcquired);
        Assert.True(during.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromMilliseconds(700), wait);
        Assert.True(after.IsAcquired);
    }

    [Fact]
    public async Task A_cancelled_wait_gives_its_slot_back()
    {
        using var limiter = Limiter();
        using var first = limiter.AttemptAcquire();
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.WaitForTurnAsync(TimeSpan.FromSeconds(1), cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);
        Assert.Equal(1, limiter.GetStatistics()!.CurrentQueuedCount);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, limiter.GetStatistics()!.CurrentQueuedCount);
        _clock.Advance(Tenth);
        using var next = limiter.AttemptAcquire();
        Assert.True(next.IsAcquired);
    }

    [Fact]
    public async Task The_standard_acquire_uses_the_default_maximum_wait()
    {
        using var limiter = Limiter(maxWait: TimeSpan.FromMilliseconds(150));
        using var first = await limiter.AcquireAsync();
        var second = limiter.AcquireAsync().AsTask();
        using var third = await limiter.AcquireAsync();

        Assert.True(first.IsAcquired);
        Assert.False(third.IsAcquired);
        _clock.Advance(Tenth);
        Assert.True((await second.WaitAsync(TimeSpan.FromSeconds(10))).IsAcquired);
    }

    [Fact]
    public async Task A_turn_handed_out_late_does_not_push_the_next_turn_back()
    {
        using var limiter = Limiter();
        var waits = Enumerable.Range(0, 3).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromMinutes(1)).AsTask()).ToList();
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 1);

        // The timer for the 100 ms turn fires 30 ms late; the next turn is still due at 200 ms, not at 230 ms.
        _clock.Advance(TimeSpan.FromMilliseconds(130));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 2);
        _clock.Advance(TimeSpan.FromMilliseconds(70));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 3);

        Assert.All(waits, w => Assert.True(w.IsCompleted && w.Result.IsAcquired));
    }

    [Fact]
    public async Task After_a_stall_of_an_interval_or_more_the_overdue_turns_are_not_released_at_once()
    {
        using var limiter = Limiter();
        var waits = Enumerable.Range(0, 3).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromMinutes(1)).AsTask()).ToList();
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 1);

        // Nothing ran for 250 ms: one turn is handed out then, and the next a whole interval later.
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 2);
        _clock.Advance(TimeSpan.FromMilliseconds(90));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 3);
        Assert.Equal(2, waits.Count(w => w.IsCompleted));

        _clock.Advance(TimeSpan.FromMilliseconds(10));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 3);
        Assert.All(waits, w => Assert.True(w.IsCompleted && w.Result.IsAcquired));
    }

    [Fact]
    public async Task Turns_held_up_by_a_timer_a_few_intervals_late_follow_at_once()
    {
        // 100 calls/s: a turn every 10 ms. The timer for the 10 ms turn fires at 35 ms: the turns due at 10, 20 and
        // 30 ms are all handed out then (the last second holds room for them), and the next is still due at 40 ms.
        using var limiter = Limiter(rate: 100);
        var waits = Enumerable.Range(0, 6).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromMinutes(1)).AsTask()).ToList();
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 1);

        _clock.Advance(TimeSpan.FromMilliseconds(35));
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(TimeSpan.FromTicks(1));
        }

        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 4);
        Assert.Equal(4, waits.Count(w => w.IsCompleted));

        _clock.Advance(TimeSpan.FromMilliseconds(5));
        await WhenCountAsync(() => waits.Count(w => w.IsCompleted), 5);
        Assert.Equal(5, waits.Count(w => w.IsCompleted));
    }

    /// <summary>
    /// At 100 calls/s: on time for a second, then a timer 85 ms late (the 9 turns it held up are caught up at once),
    /// then on time again. The turns due in the second after the late timer must not all come on top of the 9: no
    /// second may hold more than 101 turns.
    /// </summary>
    [Fact]
    public void Catching_up_never_puts_more_than_the_rate_in_a_second()
    {
        using var limiter = Limiter(rate: 100);
        _ = Enumerable.Range(0, 400).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromHours(1)).AsTask()).ToList();
        var turns = new List<TimeSpan>();
        var seen = 0L;
        var elapsed = TimeSpan.Zero;

        // Turns are handed out only inside Advance (the manual clock runs the timer there), so each one is timed exactly.
        void Advance(TimeSpan by)
        {
            _clock.Advance(by);
            elapsed += by;
            for (var count = limiter.GetStatistics()!.TotalSuccessfulLeases; seen < count; seen++)
            {
                turns.Add(elapsed);
            }
        }

        void OnTime(TimeSpan duration)
        {
            for (var end = elapsed + duration; elapsed < end;)
            {
                Advance(TimeSpan.FromMilliseconds(1));
            }
        }

        turns.AddRange(Enumerable.Repeat(TimeSpan.Zero, (int)(seen = limiter.GetStatistics()!.TotalSuccessfulLeases)));
        OnTime(TimeSpan.FromMilliseconds(1_005));
        Advance(TimeSpan.FromMilliseconds(90));
        var late = elapsed;
        for (var i = 0; i < 20; i++)
        {
            Advance(TimeSpan.FromTicks(1));
        }

        var caughtUp = turns.Count(t => t >= late);
        OnTime(TimeSpan.FromMilliseconds(1_500));

        Assert.True(caughtUp >= 8, $"{caughtUp} turns caught up after the late timer");
        for (var i = 0; i < turns.Count; i++)
        {
            var inSecond = turns.Count(t => t > turns[i] - TimeSpan.FromSeconds(1) && t <= turns[i]);
            Assert.True(inSecond <= 101, $"{inSecond} turns in the second up to {turns[i].TotalMilliseconds} ms");
        }
    }

    /// <summary>
    /// The system timer counts whole milliseconds and drops a fraction: set for 6.7 ms (150 calls/s) it fired at 6 ms,
    /// before the turn, and the timer set for the remaining 0.7 ms fired again at once, until the turn was due. So
    /// the limiter sets its timer for whole milliseconds (or one tick when a turn is already due), and turns keep the rate.
    /// </summary>
    [Fact]
    public void The_timer_is_set_for_whole_milliseconds_and_turns_keep_the_rate()
    {
        var clock = new DueTimeRecorder(_clock);
        using var limiter = new PacingRateLimiter(new AdaptiveRateController(150, 7.5, 0.5, 7.5, clock), TimeSpan.FromSeconds(30), clock);
        _ = Enumerable.Range(0, 200).Select(_ => limiter.WaitForTurnAsync(TimeSpan.FromMinutes(1)).AsTask()).ToList();

        for (var step = 0; step < 10_000; step++)
        {
            _clock.Advance(TimeSpan.FromTicks(1_000));
        }

        // One second: 150 turns after the first (1 + 150), and none early.
        Assert.Equal(151, limiter.GetStatistics()!.TotalSuccessfulLeases);
        Assert.NotEmpty(clock.DueTimes);
        Assert.All(clock.DueTimes, due => Assert.True(
            due == TimeSpan.FromTicks(1) || due.Ticks % TimeSpan.TicksPerMillisecond == 0, $"timer set for {due.TotalMilliseconds} ms"));
    }

    private static async Task WhenCountAsync(Func<int> count, int expected)
    {
        // Granted waits resume on the thread pool; give them a moment (bounded) to be observed.
        for (var i = 0; i < 500 && count() < expected; i++)
        {
            await Task.Delay(2);
        }
    }

    /// <summary>The clock of the tests, recording every due time a timer is set for.</summary>
    private sealed class DueTimeRecorder(ManualTimeProvider clock) : TimeProvider
    {
        public List<TimeSpan> DueTimes { get; } = [];

        public override long TimestampFrequency => clock.TimestampFrequency;

        public override long GetTimestamp() => clock.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            Record(dueTime);
            return new RecordedTimer(this, clock.CreateTimer(callback, state, dueTime, period));
        }

        private void Record(TimeSpan dueTime)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                lock (DueTimes)
                {
                    DueTimes.Add(dueTime);
                }
            }
        }

        private sealed class RecordedTimer(DueTimeRecorder owner, ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Record(dueTime);
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
