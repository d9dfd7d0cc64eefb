namespace LiveRelay.Harness.Hosting;

/// <summary>One reading of a child process's memory and CPU.</summary>
/// <param name="At">When it was read.</param>
/// <param name="WorkingSetBytes">Resident memory now.</param>
/// <param name="PeakWorkingSetBytes">The most resident memory since the process started (VmHWM on Linux).</param>
/// <param name="CpuTime">User plus system CPU time since the process started.</param>
internal sealed record ResourceSample(DateTimeOffset At, long WorkingSetBytes, long PeakWorkingSetBytes, TimeSpan CpuTime);
