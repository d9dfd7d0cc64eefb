using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Delivery.Ledger;

/// <summary>The dispatcher consults the delivery ledger: one Live API call per message id, however often it arrives.</summary>
public sealed class DispatcherLedgerTests
{
    [Fact]
    public async Task The_same_new_envelope_dispatched_50_times_at_once_makes_one_call()
    {
        await using var harness = await DeliveryHarness.StartAsync();
        var text = MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.User("burst"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => harness.Dispatcher.DispatchAsync(text))));

        Assert.All(outcomes, static outcome => Assert.IsType<Delivered>(outcome));
        Assert.Equal(1, outcomes.Count(static o => o.Attempts > 0));
        Assert.Single(harness.Server.Calls);
        Assert.Equal(49, harness.Metrics.Sum("liverelay.delivery.duplicates_suppressed"));
    }

    [Fact]
    public async Task The_same_envelope_dispatched_50_times_in_parallel_after_its_delivery_makes_no_further_call()
    {
        await using var harness = await DeliveryHarness.StartAsync();
        var envelope = TestEnvelopes.User("replayed");
        var text = MessageEnvelopeSerializer.SerializeToString(envelope);

        var first = await harness.Dispatcher.DispatchAsync(text);
        var again = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => harness.Dispatcher.DispatchAsync(text)));

        Assert.IsType<Delivered>(first);
        Assert.All(again, static outcome => Assert.Equal(0, Assert.IsType<Delivered>(outcome).Attempts));
        Assert.Single(harness.Server.Calls);
        Assert.Equal(50, harness.Metrics.Sum("liverelay.delivery.duplicates_suppressed"));
    }

    [Fact]
    public async Task A_message_the_api_refused_is_not_recorded_and_is_sent_again()
    {
        await using var harness = await DeliveryHarness.StartAsync(static _ => ScriptedAnswer.Error(400, "InputInvalid"));
        var text = MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.User("refused"));

        await harness.Dispatcher.DispatchAsync(text);
        await harness.Dispatcher.DispatchAsync(text);

        Assert.Equal(2, harness.Server.Calls.Count);
        Assert.Equal(0, harness.Metrics.Sum("liverelay.delivery.duplicates_suppressed"));
    }
}
