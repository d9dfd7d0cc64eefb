namespace LiveRelay.Harness.Scenarios;

/// <summary>A fleet case's figures.</summary>
/// <param name="Start">When every host was ready (or, for a fan-out, when the enqueueing began): the window's start.</param>
/// <param name="Window">The measured window: the case's duration, or for a fan-out the time until the last delivery.</param>
/// <param name="Rates">Calls accepted per second, by operation, from <paramref name="Start"/> (the window and the drain after it).</param>
/// <param name="StillQueued">Messages on live-messages at the end (visible or not): not delivered, not lost.</param>
/// <param name="Recovery">Churn: from the dead host's share lease ending until every operation ran at 0.95 of its limit (3-second mean).</param>
/// <param name="DeliveryTime">Fan-out: from the first enqueue to the last message's first delivery (null if not all were delivered).</param>
internal sealed record FleetCaseResult(
    FleetCase Case,
    DateTimeOffset Start,
    TimeSpan Window,
    IReadOnlyList<FleetOperationFigures> Operations,
    IReadOnlyList<FleetProcessFigures> Processes,
    DeliveryAudit Audit,
    int StillQueued,
    RateSeries Rates,
    TimeSpan? Recovery,
    TimeSpan? DeliveryTime)
{
    /// <summary>Enqueues the harness gave up on (never recorded, so never counted as lost).</summary>
    public long EnqueueFailures { get; init; }

    /// <summary>The coordinator's record read five times a second through the window: granted shares on live leases, summed.</summary>
    public IReadOnlyList<CoordinatorSample> Coordinator { get; init; } = [];

    /// <summary>The most granted at once for <paramref name="operation"/> on live leases, as read from the coordinator (null: never read).</summary>
    public double? MostGranted(string operation) =>
        Coordinator.Where(s => s.Operation == operation).Select(static s => (double?)s.Granted).Max();

    /// <summary>The machine's load averages (1, 5, 15 minutes) when the window began.</summary>
    public string? LoadAverage { get; init; }

    /// <summary>
    /// Churn: from the dead host's share lease ending until every operation ran at 0.95 of its rate over the ten seconds
    /// before the kill (3-second mean): recovery where the machine, not the limit, bounds the rate.
    /// </summary>
    public TimeSpan? RecoveryToRateBeforeKill { get; init; }

    /// <summary>When the killed host's share lease ended (kill + lease), for churn.</summary>
    public DateTimeOffset? LeaseExpired { get; init; }

    /// <summary>Recorded messages neither delivered, nor parked, nor still on the queue.</summary>
    public int Lost => Math.Max(0, Audit.Lost.Count - StillQueued);

    /// <summary>Seconds messages were held in host processes (their handlers' run time), per delivered message.</summary>
    public double HeldSecondsPerDelivered => Audit.Delivered > 0 ? Processes.Sum(static p => p.HeldSeconds) / Audit.Delivered : 0;
}
