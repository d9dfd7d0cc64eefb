using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Operations;

/// <summary>The sender and dispatcher, as a host wires them, feed the operations page's activity.</summary>
public sealed class DeliveryActivityWiringTests
{
    private static readonly TimeSpan TestLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_call_and_each_outcome_of_a_dispatch_are_recorded()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Sequence(
            ScriptedAnswer.ServiceUnavailable, ScriptedAnswer.Success, ScriptedAnswer.Error(404, "ResourceNotExist")));
        var delivered = TestEnvelopes.User("evt-ok", 0);
        var refused = TestEnvelopes.Group("evt-refused", 1);

        await harness.Dispatcher.DispatchAsync(delivered).WaitAsync(TestLimit);
        await harness.Dispatcher.DispatchAsync(refused).WaitAsync(TestLimit);
        await harness.Dispatcher.DispatchAsync("{\"v\":99}").WaitAsync(TestLimit);

        var activity = harness.Activity;
        Assert.Equal(2, activity.TotalCalls(MessageKind.User));
        Assert.Equal(1, activity.TotalCalls(MessageKind.Group));
        var delivery = Assert.Single(activity.RecentDeliveries());
        Assert.Equal((delivered.Id, "user0", 2, "req-1"), (delivery.MessageId, delivery.Target, delivery.Attempts, delivery.RequestId));
        var failures = activity.RecentFailures();
        Assert.Equal(2, failures.Count);
        Assert.Equal((RejectedForGood.InvalidEnvelope, (string?)null), (failures[0].Code, failures[0].MessageId));
        Assert.Equal(("ResourceNotExist", refused.Id, "group1", "rejected"), (failures[1].Code, failures[1].MessageId, failures[1].Target, failures[1].Outcome));
        Assert.Equal(2, activity.Totals().Rejected);
    }
}
