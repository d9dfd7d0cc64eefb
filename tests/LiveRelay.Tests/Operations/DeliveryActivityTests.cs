using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Operations.Status;
using LiveRelay.Testing;
using LiveRelay.Tests.Delivery.Support;

namespace LiveRelay.Tests.Operations;

public sealed class DeliveryActivityTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Calls_are_counted_in_the_second_they_are_made_and_read_oldest_first_up_to_the_second_before_now()
    {
        var activity = new DeliveryActivity(_clock);
        Call(activity, MessageKind.User, 3);
        _clock.Advance(TimeSpan.FromMilliseconds(1500));
        Call(activity, MessageKind.User, 2);
        Call(activity, MessageKind.Group, 1);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var user = activity.CallsPerSecond(MessageKind.User, _clock.GetUtcNow());
        var group = activity.CallsPerSecond(MessageKind.Group, _clock.GetUtcNow());

        Assert.Equal(DeliveryActivity.SecondsKept, user.Length);
        Assert.Equal([3, 2], user[^2..]);
        Assert.All(user[..^2], static c => Assert.Equal(0, c));
        Assert.Equal(1, group[^1]);
        Assert.Equal(1, group.Sum());
        Assert.Equal(5, activity.TotalCalls(MessageKind.User));
        Assert.Equal(6, activity.Totals().Calls);
    }

    [Fact]
    public void The_current_second_is_not_shown_until_it_is_over()
    {
        var activity = new DeliveryActivity(_clock);
        Call(activity, MessageKind.User, 4);

        Assert.Equal(0, activity.CallsPerSecond(MessageKind.User, _clock.GetUtcNow()).Sum());
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, activity.CallsPerSecond(MessageKind.User, _clock.GetUtcNow())[^1]);
    }

    [Fact]
    public void Seconds_older_than_a_minute_drop_out_and_their_slot_counts_from_zero_again()
    {
        var activity = new DeliveryActivity(_clock);
        Call(activity, MessageKind.Group, 7);
        _clock.Advance(TimeSpan.FromSeconds(DeliveryActivity.SecondsKept));
        Assert.Equal(0, activity.CallsPerSecond(MessageKind.Group, _clock.GetUtcNow().AddSeconds(1)).Sum());

        // The same slot of the ring, a minute later.
        Call(activity, MessageKind.Group, 2);
        _clock.Advance(TimeSpan.FromSeconds(1));

        var counts = activity.CallsPerSecond(MessageKind.Group, _clock.GetUtcNow());
        Assert.Equal(2, counts[^1]);
        Assert.Equal(2, counts.Sum());
        Assert.Equal(9, activity.TotalCalls(MessageKind.Group));
    }

    [Fact]
    public async Task Calls_from_many_threads_at_once_are_all_counted()
    {
        var activity = new DeliveryActivity(_clock);

        await Parallel.ForAsync(0, 20_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
        {
            activity.RecordCall(MessageKind.User);
            return ValueTask.CompletedTask;
        });

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(20_000, activity.CallsPerSecond(MessageKind.User, _clock.GetUtcNow())[^1]);
        Assert.Equal(20_000, activity.TotalCalls(MessageKind.User));
    }

    [Fact]
    public void Outcomes_are_listed_newest_first_with_their_ids_target_and_reason()
    {
        var activity = new DeliveryActivity(_clock);
        var user = TestEnvelopes.User("evt-a", 0);
        var group = TestEnvelopes.Group("evt-b", 1);
        var retried = TestEnvelopes.User("evt-c", 2);
        var refused = TestEnvelopes.User("evt-d", 3);

        activity.RecordOutcome(user, new Delivered("req-1", user.Id, 1));
        _clock.Advance(TimeSpan.FromSeconds(1));
        activity.RecordOutcome(group, new Delivered("req-2", "msg-2", 2));
        activity.RecordOutcome(retried, new RetryLater(TimeSpan.FromSeconds(1), "ServiceUnavailable: busy", "ServiceUnavailable", 2));
        activity.RecordOutcome(refused, new RejectedForGood("ResourceNotExist", "The specified app does not exist.", 1));

        var deliveries = activity.RecentDeliveries();
        Assert.Equal([group.Id, user.Id], deliveries.Select(static d => d.MessageId));
        var first = deliveries[1];
        Assert.Equal(
            new DeliveryRecord(1, new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), LiveApiActions.SendLiveMessageUser, "delivered", user.Id, "evt-a", TestEnvelopes.Source, "app1", "user0", 1, "req-1"),
            first);
        Assert.Equal((LiveApiActions.SendMessageToGroup, "group1", 2), (deliveries[0].Operation, deliveries[0].Target, deliveries[0].Attempts));

        var failures = activity.RecentFailures();
        Assert.Equal([refused.Id, retried.Id], failures.Select(static f => f.MessageId));
        Assert.Equal(("rejected", "ResourceNotExist", "The specified app does not exist.", "user3"), (failures[0].Outcome, failures[0].Code, failures[0].Reason, failures[0].Target));
        Assert.Equal(("retry", "ServiceUnavailable", "ServiceUnavailable: busy"), (failures[1].Outcome, failures[1].Code, failures[1].Reason));
        Assert.Equal(new DeliveryTotals(0, 2, 1, 1), activity.Totals());
    }

    [Fact]
    public void A_message_handed_back_for_pacing_is_not_a_failure()
    {
        var activity = new DeliveryActivity(_clock);

        activity.RecordOutcome(TestEnvelopes.User(), new RetryLater(TimeSpan.FromSeconds(3), "PacingBacklog: later", "PacingBacklog", 0, Deferred: true));

        Assert.Empty(activity.RecentFailures());
        Assert.Empty(activity.RecentDeliveries());
        Assert.Equal(new DeliveryTotals(0, 0, 0, 0), activity.Totals());
    }

    [Fact]
    public void An_unreadable_queue_message_is_a_rejection_without_ids()
    {
        var activity = new DeliveryActivity(_clock);

        activity.RecordUnreadable("Unknown envelope version 99.");

        var failure = Assert.Single(activity.RecentFailures());
        Assert.Equal(("unknown", "rejected", RejectedForGood.InvalidEnvelope, "Unknown envelope version 99."), (failure.Operation, failure.Outcome, failure.Code, failure.Reason));
        Assert.Null(failure.MessageId);
        Assert.Equal(1, activity.Totals().Rejected);
    }

    [Fact]
    public void Only_the_last_entries_are_kept_but_every_one_is_counted()
    {
        var activity = new DeliveryActivity(_clock);
        var total = DeliveryActivity.RecentCapacity + 17;
        for (var i = 0; i < total; i++)
        {
            var envelope = TestEnvelopes.User("evt", i);
            activity.RecordOutcome(envelope, new Delivered("req", envelope.Id, 1));
        }

        var kept = activity.RecentDeliveries();
        Assert.Equal(DeliveryActivity.RecentCapacity, kept.Count);
        Assert.Equal(Enumerable.Range(18, DeliveryActivity.RecentCapacity).Reverse().Select(static i => (long)i), kept.Select(static d => d.Sequence));
        Assert.Equal(TestEnvelopes.User("evt", total - 1).Id, kept[0].MessageId);
        Assert.Equal(total, activity.Totals().Delivered);
    }

    private static void Call(DeliveryActivity activity, MessageKind kind, int count)
    {
        for (var i = 0; i < count; i++)
        {
            activity.RecordCall(kind);
        }
    }
}
