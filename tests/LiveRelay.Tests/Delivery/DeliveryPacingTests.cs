using LiveRelay.Delivery;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Testing;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery;

public sealed class DeliveryPacingTests
{
    private static readonly TimeSpan MaxPacingWait = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_process_holds_no_more_messages_than_its_shares_can_send_within_the_pacing_wait()
    {
        using var pacing = Pacing();
        pacing.SendMessageToGroup.SetShare(12.5);
        pacing.SendLiveMessageUser.SetShare(0.1);

        // 5 s of 12.5/s and of 0.1/s: 62.5 + 0.5, rounded up.
        Assert.Equal(63, pacing.HoldLimit(MaxPacingWait));
    }

    [Fact]
    public void A_lone_process_with_the_whole_limit_may_hold_what_the_limit_sends_within_the_pacing_wait()
    {
        using var pacing = new DeliveryPacing(Options.Create(new DeliveryOptions()), new ManualTimeProvider());

        Assert.Equal(750, pacing.HoldLimit(MaxPacingWait));
    }

    [Fact]
    public void A_process_waiting_for_its_first_share_is_held_only_by_the_batch_settings()
    {
        using var pacing = Pacing();

        Assert.Null(pacing.HoldLimit(MaxPacingWait));

        // One operation's share is enough to know what it can send: the other holds nothing yet.
        pacing.SendLiveMessageUser.SetShare(0.01);
        Assert.Equal(1, pacing.HoldLimit(MaxPacingWait));
    }

    private static DeliveryPacing Pacing() =>
        new(Options.Create(new DeliveryOptions()), new ManualTimeProvider(), metrics: null, startWithoutShare: true);
}
