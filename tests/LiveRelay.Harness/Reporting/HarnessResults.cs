using LiveRelay.Harness.Cost;
using LiveRelay.Harness.Hostile;
using LiveRelay.Harness.Scenarios;

namespace LiveRelay.Harness.Reporting;

/// <summary>Whatever runs were made (null: not run this time).</summary>
internal sealed record HarnessResults(LoadResult? Load, FanOutResult? FanOut, FaultSoakResult? Soak, HostileRunResult? Hostile, TimeSpan Elapsed)
{
    /// <summary>The fleet pacing run (null: not run this time).</summary>
    public FleetResult? Fleet { get; init; }

    /// <summary>The cost run's measurements (null: not run this time).</summary>
    public IReadOnlyList<CostMeasurement>? Cost { get; init; }

    /// <summary>The cold-start run's readings (null: not run this time).</summary>
    public IReadOnlyList<ColdStartResult>? ColdStart { get; init; }

    /// <summary>The machine's load averages (1, 5, 15 minutes) when the run began: other work on the machine shows in every figure.</summary>
    public string? LoadAverageAtStart { get; init; }

    /// <summary>Reads /proc/loadavg; null where there is none.</summary>
    public static string? ReadLoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? string.Join(" / ", parts[..3]) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether every promise the harness checks held: nothing lost, nothing hostile got through.</summary>
    public bool Held =>
        (Load is null || (Load.Audit.Lost.Count == 0 && Load.Intake.Count(static s => s >= 500) == 0))
        && (FanOut is null || (FanOut.Audit.Lost.Count == 0 && FanOut.Status == 202))
        && (Soak is null || (Soak.Audit.Lost.Count == 0 && Soak.Audit.ParkedWithoutReason == 0 && Soak.Webhooks.Rejected == 0))
        && (Hostile is null || Hostile.AllPassed)
        && (Fleet is null || Fleet.Cases.All(static c => c.Lost == 0 && c.Audit.ParkedWithoutReason == 0));
}
