using FsCheck;
using FsCheck.Fluent;
using LiveRelay.Delivery.Pacing.Fleet;

namespace LiveRelay.Tests.Delivery.Fleet;

public sealed class FleetShareAllocatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(8);

    [Fact]
    public void A_lone_process_with_messages_gets_the_whole_limit()
    {
        var decision = FleetShareAllocator.Renew(FleetShareState.Empty, "a", demand: 24, limit: 100, T0, Lease);

        Assert.Equal((100, 100, 1), (decision.Granted, decision.Target, decision.Senders));
        Assert.Equal([new FleetShareHolder("a", 24, 100, T0)], decision.Next.Holders);
    }

    [Fact]
    public void A_newcomer_takes_only_what_nobody_holds_and_grows_as_the_others_give_back_their_excess()
    {
        var state = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 24, 100, T0, Lease).Next;

        var b1 = FleetShareAllocator.Renew(state, "b", 24, 100, T0.AddMilliseconds(100), Lease);
        Assert.Equal((0, 50), (b1.Granted, b1.Target));

        var a2 = FleetShareAllocator.Renew(b1.Next, "a", 24, 100, T0.AddSeconds(1), Lease);
        Assert.Equal(50, a2.Granted);

        var b2 = FleetShareAllocator.Renew(a2.Next, "b", 24, 100, T0.AddSeconds(1.1), Lease);
        Assert.Equal(50, b2.Granted);
        Assert.Equal(100, b2.Next.Holders.Sum(h => h.Granted));
    }

    [Fact]
    public void Shares_are_settling_while_any_process_holds_less_than_its_fair_share()
    {
        var a1 = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 100, 100, T0, Lease);
        var b1 = FleetShareAllocator.Renew(a1.Next, "b", 100, 100, T0.AddMilliseconds(100), Lease);
        var a2 = FleetShareAllocator.Renew(b1.Next, "a", 100, 100, T0.AddSeconds(1), Lease);
        var b2 = FleetShareAllocator.Renew(a2.Next, "b", 100, 100, T0.AddSeconds(1.25), Lease);
        var a3 = FleetShareAllocator.Renew(b2.Next, "a", 100, 100, T0.AddSeconds(1.5), Lease);

        // b is short until a gives back; a, having given back, sees b short until b has taken it.
        Assert.Equal(
            [(100.0, false), (0, true), (50, true), (50, false), (50, false)],
            new[] { a1, b1, a2, b2, a3 }.Select(d => (d.Granted, d.IsSettling(100))));
    }

    [Fact]
    public void Shares_follow_demand()
    {
        var state = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 30, 100, T0, Lease).Next;
        state = FleetShareAllocator.Renew(state, "b", 10, 100, T0, Lease).Next;
        state = FleetShareAllocator.Renew(state, "a", 30, 100, T0.AddSeconds(1), Lease).Next;
        state = FleetShareAllocator.Renew(state, "b", 10, 100, T0.AddSeconds(1), Lease).Next;

        Assert.Equal(75, state.Holders.Single(h => h.ProcessId == "a").Granted, 9);
        Assert.Equal(25, state.Holders.Single(h => h.ProcessId == "b").Granted, 9);
    }

    [Fact]
    public void When_the_demands_exceed_the_limit_light_senders_get_what_they_ask_and_busy_ones_divide_the_rest_equally()
    {
        var state = FleetShareState.Empty;
        foreach (var (process, demand) in new[] { ("light", 10.0), ("busy", 100.0), ("busier", 250.0) })
        {
            state = FleetShareAllocator.Renew(state, process, demand, 100, T0, Lease).Next;
        }

        var light = FleetShareAllocator.Renew(state, "light", 10, 100, T0.AddSeconds(1), Lease);
        var busy = FleetShareAllocator.Renew(light.Next, "busy", 100, 100, T0.AddSeconds(1), Lease);
        var busier = FleetShareAllocator.Renew(busy.Next, "busier", 250, 100, T0.AddSeconds(1), Lease);

        Assert.Equal((10, 45, 45), (light.Target, busy.Target, busier.Target));

        // A demand above the limit counts as the limit.
        Assert.Equal(100, busier.Next.Holders.Single(h => h.ProcessId == "busier").Demand);
    }

    [Fact]
    public void A_share_a_little_above_the_fair_share_is_kept_and_one_further_above_is_lowered_at_once()
    {
        var state = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 32, 100, T0, Lease).Next;
        state = FleetShareAllocator.Renew(state, "b", 32, 100, T0, Lease).Next;
        state = FleetShareAllocator.Renew(state, "a", 32, 100, T0.AddSeconds(1), Lease).Next;
        state = FleetShareAllocator.Renew(state, "b", 32, 100, T0.AddSeconds(1), Lease).Next;

        // a's demand dips by one batch's worth: fair share 47.5, within 5 of the 50 it holds.
        var dip = FleetShareAllocator.Renew(state, "a", 29, 100, T0.AddSeconds(2), Lease);
        Assert.Equal((50, 47.5), (dip.Granted, Math.Round(dip.Target, 1)));

        // b's rise cannot take what a kept: the sum stays at the limit.
        var rise = FleetShareAllocator.Renew(dip.Next, "b", 35, 100, T0.AddSeconds(2), Lease);
        Assert.Equal(50, rise.Granted);

        // Half the demand is well below: lowered at once.
        var drop = FleetShareAllocator.Renew(rise.Next, "a", 16, 100, T0.AddSeconds(3), Lease);
        Assert.Equal(100.0 * 16 / 51, drop.Granted, 9);
    }

    [Fact]
    public void A_share_above_the_fair_share_is_not_kept_while_another_process_is_short()
    {
        // Seen in a fleet run: three busy processes kept 28.1/s each (within the tolerance of their fair 25/s), and the
        // fourth, as busy, stayed at 15.7/s for good.
        var state = new FleetShareState([
            new FleetShareHolder("a", 100, 28.1, T0),
            new FleetShareHolder("b", 100, 28.1, T0),
            new FleetShareHolder("c", 100, 28.1, T0),
            new FleetShareHolder("d", 100, 15.7, T0)]);

        foreach (var process in new[] { "a", "b", "c" })
        {
            var decision = FleetShareAllocator.Renew(state, process, 100, 100, T0.AddSeconds(1), Lease);
            Assert.Equal(25, decision.Granted, 9);
            state = decision.Next;
        }

        Assert.Equal(25, FleetShareAllocator.Renew(state, "d", 100, 100, T0.AddSeconds(1), Lease).Granted, 9);
    }

    [Fact]
    public void The_share_of_a_process_that_stopped_renewing_is_free_once_its_lease_has_ended()
    {
        var state = FleetShareAllocator.Renew(FleetShareState.Empty, "dead", 24, 100, T0, Lease).Next;

        var before = FleetShareAllocator.Renew(state, "b", 24, 100, T0 + Lease - TimeSpan.FromMilliseconds(1), Lease);
        var after = FleetShareAllocator.Renew(state, "b", 24, 100, T0 + Lease, Lease);

        Assert.Equal(0, before.Granted);
        Assert.Equal(2, before.Senders);
        Assert.Equal(100, after.Granted);
        Assert.Equal(["b"], after.Next.Holders.Select(h => h.ProcessId));
    }

    [Fact]
    public void A_process_with_nothing_to_send_gives_its_share_back_and_leaves_the_record()
    {
        var state = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 24, 100, T0, Lease).Next;

        var idle = FleetShareAllocator.Renew(state, "a", 0, 100, T0.AddSeconds(1), Lease);

        Assert.Equal(0, idle.Granted);
        Assert.Empty(idle.Next.Holders);
    }

    [Fact]
    public void A_pause_goes_on_the_record_for_every_process_until_it_is_over()
    {
        var paused = FleetShareAllocator.Renew(FleetShareState.Empty, "a", 1, 100, T0, Lease, pauseUntil: T0.AddSeconds(2)).Next;
        var shorter = FleetShareAllocator.Renew(paused, "b", 1, 100, T0.AddSeconds(1), Lease, pauseUntil: T0.AddSeconds(1.5)).Next;
        var over = FleetShareAllocator.Renew(shorter, "a", 1, 100, T0.AddSeconds(2), Lease).Next;

        Assert.Equal(T0.AddSeconds(2), paused.PausedUntil);
        Assert.Equal(T0.AddSeconds(2), shorter.PausedUntil);
        Assert.Null(over.PausedUntil);
    }

    [Fact]
    public void What_rounding_leaves_of_the_limit_is_no_share()
    {
        // Three thirds of 100 can add up to a hair under 100: the newcomer is granted nothing, not 1e-14.
        var state = new FleetShareState([
            new FleetShareHolder("a", 100, 100.0 / 3, T0),
            new FleetShareHolder("b", 100, 100.0 / 3, T0),
            new FleetShareHolder("c", 100, 100 - (2 * (100.0 / 3)) - 1e-12, T0)]);

        Assert.Equal(0, FleetShareAllocator.Renew(state, "d", 100, 100, T0, Lease).Granted);
    }

    [Fact]
    public void A_record_over_the_limit_from_a_process_configured_with_a_higher_one_grants_nothing_until_it_shrinks()
    {
        var state = new FleetShareState([new FleetShareHolder("old", 10, 100, T0)]);

        Assert.Equal(0, FleetShareAllocator.Renew(state, "new", 10, 80, T0, Lease).Granted);
    }

    /// <summary>
    /// Any sequence of renewals, in any order, with any demands, any gaps and processes that stop renewing: the record
    /// never grants more than the limit, and every grant is at most its holder's fair share by demand (plus the tolerance
    /// it may keep).
    /// </summary>
    [Fact]
    public void No_sequence_of_renewals_grants_more_than_the_limit()
    {
        var step = from process in Gen.Choose(0, 5)
                   from demand in Gen.Choose(0, 160)
                   from gapMs in Gen.Choose(0, 4000)
                   select (Process: $"p{process}", Demand: demand, Gap: TimeSpan.FromMilliseconds(gapMs));
        var property = Prop.ForAll(Arb.From(step.ListOf()), steps =>
        {
            var state = FleetShareState.Empty;
            var now = T0;
            foreach (var (process, demand, gap) in steps)
            {
                now += gap;
                var decision = FleetShareAllocator.Renew(state, process, demand, 100, now, Lease);
                state = decision.Next;
                if (state.Holders.Sum(h => h.Granted) > 100 + 1e-9 || decision.Granted > decision.Target + (100 * FleetShareAllocator.Tolerance) + 1e-9)
                {
                    return false;
                }
            }

            return true;
        });

        property.Check(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(500).WithQuietOnSuccess(true));
    }
}
