using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Delivery;

public sealed class DirectDeliveryTests
{
    [Fact]
    public async Task Reports_each_envelope_s_outcome_in_order_and_one_failure_does_not_stop_the_others()
    {
        // The API refuses group messages as invalid and takes user messages.
        await using var harness = await DeliveryHarness.StartAsync(
            call => call.Action == LiveApiActions.SendMessageToGroup ? ScriptedAnswer.InputInvalid : ScriptedAnswer.Success);
        var envelopes = new[]
        {
            TestEnvelopes.User(index: 0),
            TestEnvelopes.Group(index: 1),
            TestEnvelopes.User(index: 2, senderId: "bad sender!"),
            TestEnvelopes.User(index: 3),
        };

        var report = await harness.Direct.DeliverAsync(envelopes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(envelopes.Select(e => e.Id), report.Outcomes.Select(o => o.EnvelopeId));
        Assert.Equal(envelopes[0].Id, Assert.IsType<Delivered>(report.Outcomes[0].Outcome).MessageId);
        Assert.Equal("InputInvalid", Assert.IsType<RejectedForGood>(report.Outcomes[1].Outcome).Code);
        Assert.Equal("InvalidRequest", Assert.IsType<RejectedForGood>(report.Outcomes[2].Outcome).Code);
        Assert.Equal(envelopes[3].Id, Assert.IsType<Delivered>(report.Outcomes[3].Outcome).MessageId);
        Assert.False(report.AllDelivered);
        Assert.Equal((2, 0, 2), (report.DeliveredCount, report.RetryLaterCount, report.RejectedForGoodCount));

        // The invalid request never reached the API.
        Assert.Equal(3, harness.Server.Calls.Count);
    }

    [Fact]
    public async Task Goes_through_the_same_pacing_as_queued_delivery()
    {
        await using var harness = await DeliveryHarness.StartAsync(settings: new Dictionary<string, string?>
        {
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "4",
        });

        var report = await harness.Direct.DeliverAsync(Enumerable.Range(0, 3).Select(i => TestEnvelopes.User(index: i)).ToList())
            .WaitAsync(TimeSpan.FromSeconds(30));
        var stats = harness.Pacing.SendLiveMessageUser.Limiter.GetStatistics()!;

        Assert.True(report.AllDelivered);
        Assert.Equal(3, stats.TotalSuccessfulLeases);
    }

    [Fact]
    public async Task An_empty_list_is_an_empty_report()
    {
        await using var harness = await DeliveryHarness.StartAsync();

        var report = await harness.Direct.DeliverAsync([]);

        Assert.Empty(report.Outcomes);
        Assert.True(report.AllDelivered);
    }
}
