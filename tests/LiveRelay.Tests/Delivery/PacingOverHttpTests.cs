using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Delivery;

/// <summary>
/// Pacing over real HTTP: many messages sent at once through the shared sender. Rates are checked by what machine load
/// cannot break (a lower bound on how long the sends take, the calls the server saw); the spacing of turns itself is
/// checked on a manual clock (PacingRateLimiterTests), and throughput in the harness.
/// </summary>
public sealed class PacingOverHttpTests
{
    [Fact]
    public async Task Messages_sent_at_once_reach_the_api_at_no_more_than_the_configured_rate()
    {
        // Nine messages at 2/s take at least 4 s from the first turn to the last, however busy the machine (load only
        // makes them slower; arrival times at the server can bunch up on a loaded machine, send times cannot).
        const int rate = 2;
        await using var harness = await DeliveryHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LiveRelay:Delivery:SendLiveMessageUser"] = $"{rate}",

            // The last turn is 4 s away; a loaded machine's late timers must not push it past the hold limit (5 s by default).
            ["LiveRelay:Delivery:Fleet:MaxPacingWait"] = "00:01:00",
        });

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 9).Select(i => harness.Dispatcher.DispatchAsync(TestEnvelopes.User(index: i))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, o => Assert.IsType<Delivered>(o));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3.9), $"Nine messages at {rate}/s were sent in {clock.Elapsed}.");
        Assert.Equal(9, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task The_share_the_fleet_grants_is_the_rate_the_api_sees()
    {
        // 10 calls/s for the account, of which the coordinator granted this process 2. Nine messages at 2/s take at
        // least 4 s from the first turn to the last, however busy the machine (load only makes them slower); at the
        // account's limit they would take under 1 s.
        await using var harness = await DeliveryHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LiveRelay:Delivery:SendMessageToGroup"] = "10",
            ["LiveRelay:Delivery:Fleet:MaxPacingWait"] = "00:01:00",
        });
        harness.Pacing.SendMessageToGroup.SetShare(2);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 9).Select(i => harness.Dispatcher.DispatchAsync(TestEnvelopes.Group(index: i))))
            .WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(outcomes, o => Assert.IsType<Delivered>(o));
        Assert.Equal(2, harness.Pacing.SendMessageToGroup.Rate.CurrentRate);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(3.9), $"Nine messages at 2/s were sent in {clock.Elapsed}.");
        Assert.Equal(9, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task Waiting_for_a_turn_does_not_count_against_the_call_s_own_timeout()
    {
        // 1 call/s and a 1.5 s call timeout: after a warm-up call, the last of four messages sent at once
        // waits 4 s for its turn, far past the timeout, then still gets its full 1.5 s (ample for a loopback call
        // even on a loaded machine).
        await using var harness = await DeliveryHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "1",
            ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:01.500",
        });

        var outcomes = await SendAtOnceAsync(harness, Enumerable.Range(0, 5).Select(i => TestEnvelopes.User(index: i)));

        Assert.All(outcomes.Skip(1), o => Assert.Equal(1, Assert.IsType<Delivered>(o).Attempts));
        Assert.Equal(0, harness.Metrics.Count("liverelay.delivery.call.duration", ("outcome", "transient")));
    }

    [Fact]
    public async Task Messages_whose_turn_is_further_than_a_process_may_hold_them_are_handed_back_untried()
    {
        // A share of one call every 10 s: after the first message, the next turn is 10 s away, twice what a process
        // may hold a message for (MaxPacingWait, 5 s). The estimate does not depend on how busy the machine is.
        await using var harness = await DeliveryHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "1",
        });
        harness.Pacing.SendLiveMessageUser.SetShare(0.1);

        var first = await harness.Dispatcher.DispatchAsync(TestEnvelopes.User(index: 0)).WaitAsync(TimeSpan.FromSeconds(30));
        var rest = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => harness.Dispatcher.DispatchAsync(TestEnvelopes.User(index: i))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<Delivered>(first);
        Assert.All(rest, o =>
        {
            var handedBack = Assert.IsType<RetryLater>(o);
            Assert.True(handedBack.Deferred);
            Assert.Equal(("PacingBacklog", 0), (handedBack.Code, handedBack.Attempts));
            Assert.InRange(handedBack.Delay, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(80));
        });
        Assert.Single(harness.Server.Calls);
        Assert.Equal(3, harness.Metrics.Sum("liverelay.pacing.deferred"));
        Assert.Equal(0, harness.Pacing.SendLiveMessageUser.Demand);
    }

    [Fact]
    public async Task A_message_that_already_made_a_call_and_then_finds_no_turn_is_an_ordinary_retry()
    {
        // The first call fails (503); the retry's turn is 10 s away. The message has used an attempt, so it goes back
        // as a retry that counts against maxDequeueCount, not as an untried hand-back.
        await using var harness = await DeliveryHarness.StartAsync(
            script: ScriptedAnswer.Sequence(ScriptedAnswer.ServiceUnavailable, ScriptedAnswer.Success),
            settings: new Dictionary<string, string?> { ["LiveRelay:Delivery:SendLiveMessageUser"] = "1" });
        harness.Pacing.SendLiveMessageUser.SetShare(0.1);

        var outcome = await harness.Dispatcher.DispatchAsync(TestEnvelopes.User(index: 0)).WaitAsync(TimeSpan.FromSeconds(30));

        var retry = Assert.IsType<RetryLater>(outcome);
        Assert.False(retry.Deferred);
        Assert.Equal(("PacingBacklog", 1), (retry.Code, retry.Attempts));
        Assert.Single(harness.Server.Calls);
    }

    /// <summary>Sends one message and waits for it (the first call pays for JIT and the connection), then sends the rest at once.</summary>
    private static async Task<DeliveryOutcome[]> SendAtOnceAsync(DeliveryHarness harness, IEnumerable<MessageEnvelope> envelopes)
    {
        var all = envelopes.ToList();
        var first = await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(all[0])).WaitAsync(TimeSpan.FromSeconds(30));
        var rest = await Task.WhenAll(all.Skip(1).Select(e => harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToBase64(e))))
            .WaitAsync(TimeSpan.FromSeconds(60));
        return [first, .. rest];
    }
}
