using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Scenarios;

/// <summary>One host process of a fleet case: when it ran, the calls the emulator accepted from it, and what it reported.</summary>
/// <param name="Delivered">Calls accepted from it in the window, by operation.</param>
/// <param name="CallsPerSecond">Calls accepted from it (both operations) in each second from the case's start.</param>
/// <param name="Shares">Its share changes, as logged.</param>
/// <param name="PacingLines">Its first log lines about fleet pacing.</param>
/// <param name="Metrics">Its last metrics reading (before it stopped or was killed).</param>
internal sealed record FleetProcessFigures(
    int Number,
    bool Idle,
    DateTimeOffset Ready,
    DateTimeOffset? Killed,
    IReadOnlyDictionary<string, long> Delivered,
    IReadOnlyList<double> CallsPerSecond,
    IReadOnlyList<ShareChange> Shares,
    IReadOnlyList<string> PacingLines,
    HostMetricsSample? Metrics)
{
    /// <summary>Whether it reported pacing on the fallback share at any time.</summary>
    public bool FellBack { get; init; }

    /// <summary>Messages it handed back to the queue because their pacing turn was too far off.</summary>
    public double Deferred => Sum("liverelay.pacing.deferred");

    /// <summary>Seconds its queue handlers held <c>live-messages</c> messages, summed over messages.</summary>
    public double HeldSeconds => Metrics?.Value("liverelay.queue.handler.duration", "live-messages|sum") ?? 0;

    /// <summary>Throttling answers it got.</summary>
    public double Throttled => Sum("liverelay.delivery.throttled");

    private double Sum(string instrument) =>
        Metrics?.Values.Where(v => v.Key == instrument || v.Key.StartsWith(instrument + "|", StringComparison.Ordinal)).Sum(static v => v.Value) ?? 0;
}
