using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The host process's memory and CPU over a run.</summary>
internal sealed record HostResources(long PeakWorkingSetBytes, TimeSpan CpuTime, IReadOnlyList<ResourceSample> Samples)
{
    public double PeakWorkingSetMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);

    public static HostResources Of(params ChildProcess[] processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        var last = processes.Select(static p => p.Samples.LastOrDefault()).Where(static s => s is not null).ToList();
        return new HostResources(
            last.Count == 0 ? 0 : last.Max(static s => s!.PeakWorkingSetBytes),
            last.Aggregate(TimeSpan.Zero, static (sum, s) => sum + s!.CpuTime),
            processes.SelectMany(static p => p.Samples).OrderBy(static s => s.At).ToList());
    }
}
