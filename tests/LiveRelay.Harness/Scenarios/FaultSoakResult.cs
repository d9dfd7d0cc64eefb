using LiveRelay.Emulator.Inspection;
using LiveRelay.Harness.Load;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The fault soak's figures.</summary>
/// <param name="Restarted">When the new host process was started (right after the kill).</param>
/// <param name="Ready">When the new host answered its health check.</param>
/// <param name="FirstDeliveryAfterRestart">The first call the emulator accepted from the new host.</param>
/// <param name="PreKillSettled">When the last message accepted before the kill was delivered or parked (null: not all were).</param>
/// <param name="CleanStop">Whether the last host stopped by itself on SIGTERM.</param>
internal sealed record FaultSoakResult(
    FaultSoakOptions Options,
    DateTimeOffset Start,
    PacedRun Webhooks,
    DeliveryAudit Audit,
    StatisticsSnapshot Emulator,
    DateTimeOffset Killed,
    DateTimeOffset Restarted,
    DateTimeOffset Ready,
    DateTimeOffset? FirstDeliveryAfterRestart,
    int AcceptedBeforeKill,
    DateTimeOffset? PreKillSettled,
    bool CleanStop,
    HostResources Host,
    RateSeries Rates,
    IReadOnlyList<BacklogSample> Backlog)
{
    /// <summary>Messages a host handled but could not delete: each came back when its lease ended.</summary>
    public int SettleFailures { get; init; }

    /// <summary>Messages on live-messages (visible or not) at the last reading before the kill.</summary>
    public int? BacklogAtKill => Backlog.LastOrDefault(b => b.At <= Killed)?.Messages;

    public TimeSpan Downtime => Ready - Killed;

    public TimeSpan? TimeToFirstDelivery => FirstDeliveryAfterRestart - Killed;

    public TimeSpan? RecoveryTime => PreKillSettled is { } settled ? (settled > Killed ? settled - Killed : TimeSpan.Zero) : null;
}
