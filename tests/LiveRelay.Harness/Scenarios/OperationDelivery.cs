namespace LiveRelay.Harness.Scenarios;

/// <summary>How one Live API operation's messages were delivered.</summary>
/// <param name="MeanRate">Calls per second between its first and last accepted call.</param>
/// <param name="PeakRate">The most calls accepted in one second.</param>
/// <param name="Limit">The account's documented limit (calls per second), which the emulator enforces.</param>
/// <param name="Throttled">Calls the emulator refused for going over the limit.</param>
internal sealed record OperationDelivery(string Operation, int Delivered, double MeanRate, int PeakRate, int Limit, long Throttled)
{
    public double ShareOfLimit => Limit > 0 ? MeanRate / Limit : 0;

    /// <summary>Calls per second once intake had stopped, while the backlog drained: the sustained delivery rate.</summary>
    public double? BacklogRate { get; init; }

    public double? BacklogShareOfLimit => BacklogRate / Limit;
}
