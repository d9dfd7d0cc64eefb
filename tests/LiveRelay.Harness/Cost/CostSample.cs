using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Cost;

/// <summary>One reading of a measured process: when, its CPU time so far (user + system, /proc) and its runtime counters.</summary>
internal sealed record CostSample(DateTimeOffset At, TimeSpan Cpu, RuntimeStats Runtime)
{
    /// <summary>What happened between <paramref name="start"/> and this reading, for <paramref name="units"/> webhooks or messages.</summary>
    public CostWindow Since(CostSample start, long units)
    {
        ArgumentNullException.ThrowIfNull(start);
        return new CostWindow(
            At - start.At,
            units,
            Cpu - start.Cpu,
            Runtime.WorkItems - start.Runtime.WorkItems,
            Runtime.AllocatedBytes - start.Runtime.AllocatedBytes,
            Runtime.JitMilliseconds - start.Runtime.JitMilliseconds,
            Runtime.JitMethods - start.Runtime.JitMethods,
            Runtime.Gen0Collections - start.Runtime.Gen0Collections,
            Runtime.Gen2Collections - start.Runtime.Gen2Collections,
            Runtime.LockContentions - start.Runtime.LockContentions,
            Runtime.GcPauseMilliseconds - start.Runtime.GcPauseMilliseconds,
            Runtime.ContextSwitches - start.Runtime.ContextSwitches);
    }
}
