using System.Threading.RateLimiting;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Testing;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Delivery.Fleet;

/// <summary>
/// The coordinator of each process in a simulated fleet, on one manual clock and one shared store: who gets which share
/// when, and that the shares in use never add up to more than the limit while processes join, leave, die or lose the store.
/// </summary>
public sealed class FleetPacingCoordinatorTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly ManualTimeProvider _clock = new();
    private readonly InMemoryFleetShareStore _store = new();

    [Fact]
    public async Task A_process_starts_with_no_share_and_a_lone_busy_one_gets_the_whole_limit_at_its_first_renewal()
    {
        await using var a = Process();
        Assert.Equal(0, a.Group.Share);

        a.AddDemand(24);
        await a.RenewAsync();

        Assert.Equal(100, a.Group.Share);
        Assert.Equal(0, a.Pacing.SendLiveMessageUser.Share);
    }

    [Fact]
    public async Task Processes_converge_to_shares_by_demand_and_never_use_more_than_the_limit_together()
    {
        // With no call made yet a call counts as 200 ms: 4 messages in hand are 20 calls a second, 8 are 40.
        await using var a = Process();
        await using var b = Process();
        await using var c = Process();
        FleetProcess[] fleet = [a, b, c];
        await ConvergeAsync(fleet, 4, 4, 8);

        Assert.Equal([25, 25, 50], fleet.Select(p => Math.Round(p.Group.Share, 6)));
    }

    [Fact]
    public async Task Processes_that_could_each_use_more_than_the_limit_get_equal_shares_however_much_they_hold()
    {
        await using var a = Process();
        await using var b = Process();
        await using var c = Process();
        FleetProcess[] fleet = [a, b, c];
        await ConvergeAsync(fleet, 24, 48, 96);

        Assert.All(fleet, p => Assert.Equal(100.0 / 3, p.Group.Share, 6));
    }

    [Fact]
    public async Task A_light_sender_gets_what_it_needs_and_the_busy_ones_divide_the_rest()
    {
        // 2 messages at 200 ms: 10 calls a second.
        await using var a = Process();
        await using var b = Process();
        await using var c = Process();
        FleetProcess[] fleet = [a, b, c];
        await ConvergeAsync(fleet, 2, 48, 96);

        Assert.Equal([10, 45, 45], fleet.Select(p => Math.Round(p.Group.Share, 6)));
    }

    [Fact]
    public async Task Demand_is_reckoned_from_the_time_calls_take()
    {
        await using var a = Process();
        await using var b = Process();
        a.AddDemand(10);
        b.AddDemand(10);

        // a's calls take 1 s (10 calls a second from 10 messages), b's 250 ms (40 a second).
        for (var i = 0; i < 3; i++)
        {
            a.Group.RecordCall(TimeSpan.FromSeconds(1));
            b.Group.RecordCall(TimeSpan.FromMilliseconds(250));
        }

        await a.RenewAsync();
        await b.RenewAsync();
        _clock.Advance(Second);
        await a.RenewAsync();
        await b.RenewAsync();

        Assert.Equal((20, 80), (Math.Round(a.Group.Share, 6), Math.Round(b.Group.Share, 6)));
    }

    [Fact]
    public async Task A_process_short_of_its_fair_share_renews_sooner_and_takes_what_is_given_back()
    {
        await using var a = Process();
        await using var b = Process();
        a.AddDemand(24);
        await a.RenewAsync();
        Assert.Equal(100, a.Group.Share);

        using var stop = new CancellationTokenSource();
        b.AddDemand(24);
        await b.Coordinator.StartAsync(stop.Token);
        try
        {
            // b's loop renews at once (messages with no share) and finds nothing free: it is short of its half.
            await WaitUntilAsync(() => b.Coordinator.Describe("SendMessageToGroup").Senders == 2);
            Assert.Equal(0, b.Group.Share);

            // a gives back what is above its half; b takes it at its next renewal, which comes within a quarter of the
            // 1 s interval. The manual clock moves 400 ms at most, so the full interval cannot be what brings it.
            _clock.Advance(Second);
            await a.RenewAsync();
            Assert.Equal(50, a.Group.Share);
            var moved = TimeSpan.Zero;
            await WaitUntilAsync(() =>
            {
                if (moved < TimeSpan.FromMilliseconds(400))
                {
                    _clock.Advance(TimeSpan.FromMilliseconds(10));
                    moved += TimeSpan.FromMilliseconds(10);
                }

                return b.Group.Share == 50;
            });
            Assert.Equal(50, b.Group.Share);
        }
        finally
        {
            await b.Coordinator.StopAsync(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData(10)]
    [InlineData(-10)]
    public async Task A_process_whose_clock_is_off_by_more_than_a_lease_judges_leases_by_the_stores_clock_and_says_so(int skewSeconds)
    {
        // The store reports its time, to the second, as the table service's Date header does.
        var store = new InMemoryFleetShareStore(new WholeSecondsClock(_clock));
        await using var a = new FleetProcess(store, _clock);
        await using var b = new FleetProcess(store, new SkewedTimeProvider(_clock, TimeSpan.FromSeconds(skewSeconds)));
        a.AddDemand(24);
        b.AddDemand(24);
        FleetProcess[] fleet = [a, b];

        for (var round = 0; round < 6; round++)
        {
            _clock.Advance(Second);
            await a.RenewAsync();
            await b.RenewAsync();

            // Judged by b's own clock, a's live lease would look ended (10 s ahead) or b's own would (10 s behind).
            Assert.True(fleet.Sum(p => p.Group.Share) <= 100 + 1e-9, $"Round {round}: {a.Group.Share} + {b.Group.Share}");
        }

        Assert.Equal((50, 50), (a.Group.Share, b.Group.Share));
        Assert.Contains(b.Logs.Entries, e => e.Level == LogLevel.Warning && e.Text.Contains($"this machine's clock is {-skewSeconds + 0.5:0.#} s behind", StringComparison.Ordinal));
        Assert.DoesNotContain(a.Logs.Entries, e => e.Text.Contains("clock", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_skew_near_the_tolerance_does_not_switch_between_the_clocks_at_every_renewal()
    {
        var store = new InMemoryFleetShareStore(new WholeSecondsClock(_clock));
        var clock = new SkewedTimeProvider(_clock, TimeSpan.FromSeconds(-2));
        await using var a = new FleetProcess(store, clock);
        a.AddDemand(24);

        // The store reads whole seconds, taken as half a second on: 2 s behind reads as 2.5 s, and the store's time is
        // used. 0.3 s behind reads as 0.8 s, under the 1 s that switched it on: still used, no new line. 0.3 s ahead
        // reads as 0.2 s: this machine's clock again.
        foreach (var (skew, expected) in new[] { (-2.0, 1), (-0.3, 1), (0.3, 2) })
        {
            clock.Skew = TimeSpan.FromSeconds(skew);
            _clock.Advance(Second);
            await a.RenewAsync();
            Assert.Equal(expected, a.Logs.Entries.Count(e => e.Text.Contains("clock", StringComparison.Ordinal)));
        }

        Assert.Contains(a.Logs.Entries, e => e.Text.Contains("agrees with memory again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_share_of_a_process_that_died_goes_to_the_others_once_its_lease_has_ended()
    {
        await using var a = Process();
        await using var b = Process();
        await BothBusyAsync(a, b);
        Assert.Equal((50, 50), (a.Group.Share, b.Group.Share));

        // a is killed: it renews no more. b keeps its half until a's lease (8 s) has ended, then takes the rest.
        var died = _clock.GetUtcNow();
        while (_clock.GetUtcNow() - died < TimeSpan.FromSeconds(7))
        {
            _clock.Advance(Second);
            await b.RenewAsync();
            Assert.Equal(50, b.Group.Share);
        }

        _clock.Advance(Second);
        await b.RenewAsync();
        Assert.Equal(100, b.Group.Share);
    }

    [Fact]
    public async Task A_process_that_loses_the_store_keeps_its_share_for_half_a_lease_then_paces_at_the_fallback_share_and_says_so()
    {
        await using var a = Process();
        await using var b = Process();
        await BothBusyAsync(a, b);

        a.Store.Unreachable = true;
        for (var i = 0; i < 3; i++)
        {
            _clock.Advance(Second);
            await a.RenewAsync();
            Assert.Equal(50, a.Group.Share);
        }

        _clock.Advance(Second);
        await a.RenewAsync();

        // 4 s without renewal, half of the 8 s lease: 100 / 40 from now on, before b may take the half a had.
        Assert.Equal(2.5, a.Group.Share);
        Assert.True(a.Group.OnFallback);

        // What the standalone host's processor holds at most: 5 s (MaxPacingWait) of 2.5/s, plus none of the idle user operation.
        Assert.Equal(13, a.Pacing.HoldLimit(TimeSpan.FromSeconds(5)));
        var warning = Assert.Single(a.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("Fleet pacing SendMessageToGroup: the coordinator (memory) cannot be reached (HttpRequestException: Connection refused (127.0.0.1:1))", warning.Text, StringComparison.Ordinal);
        Assert.Contains("fallback share 2.5/s (limit 100/s ÷ FallbackSenderCount 40)", warning.Text, StringComparison.Ordinal);

        // Reachable again: a rejoins with what is free, and grows back to its half as b gives it back.
        a.Store.Unreachable = false;
        _clock.Advance(Second);
        await a.RenewAsync();
        await b.RenewAsync();
        _clock.Advance(Second);
        await a.RenewAsync();
        Assert.Equal((50, 50), (a.Group.Share, b.Group.Share));
        Assert.False(a.Group.OnFallback);

        // Its share again bounds what it holds: 5 s of 50/s.
        Assert.Equal(250, a.Pacing.HoldLimit(TimeSpan.FromSeconds(5)));
        Assert.Contains(a.Logs.Entries, e => e.Text == "Fleet pacing SendMessageToGroup: the coordinator (memory) answers again; the fallback share is over");
    }

    [Fact]
    public async Task A_renewal_that_hangs_is_cut_off_when_the_share_must_be_given_up()
    {
        await using var a = Process();
        await using var b = Process();
        await BothBusyAsync(a, b);

        a.Store.Hanging = true;
        _clock.Advance(Second);

        // A renewal gives up after two intervals; the share is still a's (3 s since its renewal, of 4 allowed).
        var first = a.RenewAsync();
        _clock.Advance(Second);
        Assert.False(first.IsCompleted);
        _clock.Advance(Second);
        await first.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(50, a.Group.Share);

        // The next one is cut off exactly when a must give the share up, half a lease (4 s) after its last renewal,
        // well before b may take it (a whole lease): then a paces at the fallback share.
        var second = a.RenewAsync();
        _clock.Advance(Second);
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2.5, a.Group.Share);
    }

    [Fact]
    public async Task A_process_with_no_store_from_the_start_uses_the_fallback_share_at_once()
    {
        await using var a = Process();
        a.Store.Unreachable = true;
        a.AddDemand(1);

        await a.RenewAsync();

        Assert.Equal(2.5, a.Group.Share);
    }

    [Fact]
    public async Task An_idle_process_keeps_its_share_for_a_moment_then_gives_it_back_to_the_busy_one()
    {
        await using var a = Process();
        await using var b = Process();
        await BothBusyAsync(a, b);

        a.RemoveDemand(24);
        _clock.Advance(Second);
        await a.RenewAsync();
        await b.RenewAsync();

        // Within IdleRelease (2 s) a asks for one call a second: that much is kept for a trickle, b (busy) gets the rest.
        Assert.Equal(1, a.Group.Share, 6);
        Assert.Equal(99, b.Group.Share, 6);
        Assert.Single(await HoldersAsync(), h => h.ProcessId == a.Coordinator.ProcessId);

        _clock.Advance(Second);
        await a.RenewAsync();
        Assert.Equal(0, a.Group.Share);
        Assert.DoesNotContain(await HoldersAsync(), h => h.ProcessId == a.Coordinator.ProcessId);
        await b.RenewAsync();
        Assert.Equal(100, b.Group.Share);

        // Nothing to send and nothing held: no renewal, no I/O.
        a.Store.Unreachable = true;
        _clock.Advance(Second);
        await a.RenewAsync();
        Assert.DoesNotContain(a.Logs.Entries, e => e.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task A_pause_the_api_asks_of_one_process_holds_every_process()
    {
        await using var a = Process();
        await using var b = Process();
        await BothBusyAsync(a, b);

        a.Group.PauseFor(TimeSpan.FromSeconds(3));
        await a.RenewAsync();
        await b.RenewAsync();

        using var lease = b.Group.Limiter.AttemptAcquire();
        Assert.False(lease.IsAcquired);
        Assert.True(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(3), wait);
    }

    [Fact]
    public async Task Stopping_gives_the_share_back_at_once()
    {
        await using var a = Process();
        a.AddDemand(24);
        await a.RenewAsync();

        await a.Coordinator.StopAsync(CancellationToken.None);

        Assert.Empty(await HoldersAsync());
    }

    [Fact]
    public async Task A_message_that_arrives_before_the_share_waits_for_it_rather_than_being_refused()
    {
        await using var a = Process();
        a.AddDemand(1);
        var turn = a.Group.Limiter.WaitForTurnAsync(TimeSpan.FromSeconds(5)).AsTask();
        Assert.False(turn.IsCompleted);

        await a.RenewAsync();
        _clock.Advance(TimeSpan.FromTicks(1));

        using var lease = await turn.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(lease.IsAcquired);
    }

    [Fact]
    public async Task Messages_that_arrive_with_no_share_wake_the_renewal_loop_at_once()
    {
        await using var a = Process();
        using var stop = new CancellationTokenSource();
        await a.Coordinator.StartAsync(stop.Token);
        try
        {
            a.AddDemand(1);

            // The manual clock moves at most 500 ms, well under the 1 s renewal interval, so only the wake (and its 50 ms
            // spacing) can bring the share; real time is only waited for, up to 30 s, for a busy machine to run the loop.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            for (var step = 0; a.Group.Share == 0 && waited.Elapsed < TimeSpan.FromSeconds(30); step++)
            {
                if (step < 50)
                {
                    _clock.Advance(TimeSpan.FromMilliseconds(10));
                }

                await Task.Delay(10);
            }

            Assert.Equal(100, a.Group.Share);
        }
        finally
        {
            await a.Coordinator.StopAsync(CancellationToken.None);
        }
    }

    private FleetProcess Process() => new(_store, _clock);

    /// <summary>The store's clock as HTTP dates give it: whole seconds.</summary>
    private sealed class WholeSecondsClock(TimeProvider inner) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow()
        {
            var now = inner.GetUtcNow();
            return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        }
    }

    /// <summary>Three processes holding these messages renew in random order for four rounds; the shares in use never add up to more than the limit.</summary>
    private async Task ConvergeAsync(FleetProcess[] fleet, int a, int b, int c)
    {
        fleet[0].AddDemand(a);
        await fleet[0].RenewAsync();
        fleet[1].AddDemand(b);
        fleet[2].AddDemand(c);
        var order = new Random(7);
        for (var round = 0; round < 4; round++)
        {
            _clock.Advance(Second);
            foreach (var process in fleet.OrderBy(_ => order.Next()))
            {
                await process.RenewAsync();
                Assert.True(fleet.Sum(p => p.Group.Share) <= 100 + 1e-9, $"Round {round}: {string.Join(", ", fleet.Select(p => p.Group.Share))}");
            }
        }
    }

    /// <summary>Real time is only waited for, up to 30 s, for a busy machine to run a background loop.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }
    }

    private async Task BothBusyAsync(FleetProcess a, FleetProcess b)
    {
        a.AddDemand(24);
        b.AddDemand(24);
        await a.RenewAsync();
        await b.RenewAsync();
        _clock.Advance(Second);
        await a.RenewAsync();
        await b.RenewAsync();
    }

    private async Task<IReadOnlyList<FleetShareHolder>> HoldersAsync() =>
        (await _store.ReadAsync("SendMessageToGroup")).State.Holders;
}
