namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>What one renewal decided for the process that made it.</summary>
/// <param name="Next">The record to write back.</param>
/// <param name="Granted">The share this process may use once the record is written (0 when it holds none).</param>
/// <param name="Target">Its fair share by demand: what it will grow to as others give back theirs.</param>
/// <param name="Senders">Processes holding a live lease, this one included.</param>
/// <param name="OthersShort">How far the other processes' shares fall short of their fair shares in all, in calls per second.</param>
public sealed record FleetShareDecision(FleetShareState Next, double Granted, double Target, int Senders, double OthersShort)
{
    /// <summary>This process or another holds less than its fair share by more than <see cref="FleetShareAllocator.ShortMargin"/> of <paramref name="limit"/>: shares are still moving.</summary>
    public bool IsSettling(double limit) =>
        Granted < Target - (limit * FleetShareAllocator.ShortMargin) || OthersShort > limit * FleetShareAllocator.ShortMargin;
}
