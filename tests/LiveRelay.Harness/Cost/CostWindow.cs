namespace LiveRelay.Harness.Cost;

/// <summary>A measured process's cost over one window, in which it handled <paramref name="Units"/> webhooks or messages.</summary>
internal sealed record CostWindow(
    TimeSpan Elapsed, long Units, TimeSpan Cpu, long WorkItems, long AllocatedBytes, double JitMilliseconds, long JitMethods, int Gen0Collections, int Gen2Collections, long LockContentions, double GcPauseMilliseconds, long ContextSwitches)
{
    public double UnitsPerSecond => Elapsed > TimeSpan.Zero ? Units / Elapsed.TotalSeconds : 0;

    public double CpuMillisecondsPerUnit => Units > 0 ? Cpu.TotalMilliseconds / Units : double.NaN;

    public double WorkItemsPerUnit => Units > 0 ? (double)WorkItems / Units : double.NaN;

    public double ContextSwitchesPerUnit => Units > 0 ? (double)ContextSwitches / Units : double.NaN;

    public double KilobytesPerUnit => Units > 0 ? AllocatedBytes / 1024.0 / Units : double.NaN;

    /// <summary>The share of the window's CPU time spent compiling methods.</summary>
    public double JitShare => Cpu > TimeSpan.Zero ? JitMilliseconds / Cpu.TotalMilliseconds : 0;
}
