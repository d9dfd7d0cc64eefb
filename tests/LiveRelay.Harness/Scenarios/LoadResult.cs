using LiveRelay.Harness.Load;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The load run's figures.</summary>
internal sealed record LoadResult(
    LoadOptions Options,
    LoadRun Baseline,
    LoadRun QueueBaseline,
    LoadRun InMemoryIntake,
    LoadRun Intake,
    IReadOnlyList<OperationDelivery> Operations,
    DeliveryAudit Audit,
    TimeSpan DeliveryTime,
    int? PeakInFlight,
    int InFlightLimit,
    HostResources Host,
    TimeSpan IntakeCpu,
    RateSeries Rates,
    IReadOnlyList<BacklogSample> Backlog)
{
    /// <summary>Host intake throughput as a share of the trivial endpoint's.</summary>
    public double IntakeRatio => Baseline.RequestsPerSecond > 0 ? Intake.RequestsPerSecond / Baseline.RequestsPerSecond : 0;

    /// <summary>The host's intake with in-memory queues as a share of the trivial endpoint's: its own cost, without the queue service.</summary>
    public double InMemoryIntakeRatio => Baseline.RequestsPerSecond > 0 ? InMemoryIntake.RequestsPerSecond / Baseline.RequestsPerSecond : 0;

    /// <summary>Host intake throughput as a share of what Azurite alone takes (each webhook is one enqueue).</summary>
    public double IntakeToQueueRatio => QueueBaseline.RequestsPerSecond > 0 ? Intake.RequestsPerSecond / QueueBaseline.RequestsPerSecond : 0;

    /// <summary>Messages the host handled but could not delete (or release): each comes back when its lease ends.</summary>
    public int SettleFailures { get; init; }

    /// <summary>Messages still on live-messages once every accepted message was delivered: those whose delete failed, waiting out their lease.</summary>
    public int LeftOnQueue { get; init; }

    public double CpuMillisecondsPerDeliveredMessage => Audit.Delivered > 0 ? Host.CpuTime.TotalMilliseconds / Audit.Delivered : 0;

    public double IntakeCpuMillisecondsPerRequest => Intake.Requests > 0 ? IntakeCpu.TotalMilliseconds / Intake.Requests : 0;
}
