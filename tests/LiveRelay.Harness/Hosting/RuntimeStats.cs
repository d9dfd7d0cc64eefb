namespace LiveRelay.Harness.Hosting;

/// <summary>A process's runtime counters at one moment (cumulative since it started).</summary>
/// <param name="WorkItems">Thread-pool work items completed.</param>
/// <param name="AllocatedBytes">Bytes allocated on the managed heap.</param>
/// <param name="JitMilliseconds">Time spent compiling methods (all threads).</param>
/// <param name="JitMethods">Methods compiled (tier-0, tier-1 and OSR alike).</param>
/// <param name="Gen0Collections">Garbage collections of generation 0 (and up).</param>
/// <param name="Gen2Collections">Full garbage collections.</param>
/// <param name="LockContentions">Times a thread waited for a monitor lock.</param>
/// <param name="GcPauseMilliseconds">Time the runtime held managed threads paused for garbage collections.</param>
/// <param name="ContextSwitches">Times the process's threads were switched out (<see cref="Hosting.ContextSwitches"/>).</param>
internal sealed record RuntimeStats(
    long WorkItems, long AllocatedBytes, double JitMilliseconds, long JitMethods, int Gen0Collections, int Gen2Collections, long LockContentions, double GcPauseMilliseconds, long ContextSwitches);
