namespace LiveRelay.Harness.Scenarios;

/// <summary>The fan-out run's figures.</summary>
/// <param name="EnqueueTime">From posting the event to its 202 answer: every message is on the queue by then.</param>
/// <param name="DeliveryTime">From posting the event to the last message's first delivery.</param>
/// <param name="TheoreticalMinimum">Recipients divided by the operation's limit.</param>
internal sealed record FanOutResult(
    bool OnAzurite,
    int Recipients,
    int Status,
    TimeSpan EnqueueTime,
    TimeSpan? DeliveryTime,
    TimeSpan TheoreticalMinimum,
    OperationDelivery Operation,
    DeliveryAudit Audit,
    int? PeakInFlight,
    HostResources Host,
    RateSeries Rates,
    IReadOnlyList<BacklogSample> Backlog)
{
    /// <summary>The theoretical minimum as a share of the time it took (1 = as fast as the limit allows).</summary>
    /// <summary>Messages the host handled but could not delete: each comes back when its lease ends.</summary>
    public int SettleFailures { get; init; }

    public double Efficiency => DeliveryTime is { } time && time > TimeSpan.Zero ? TheoreticalMinimum / time : 0;
}
