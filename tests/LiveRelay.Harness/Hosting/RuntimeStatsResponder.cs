using System.Runtime;
using System.Text.Json;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// Runs inside a process the cost run measures (started there by <see cref="StartupHook"/> when
/// <see cref="EnvironmentVariable"/> is set): for every line on standard input it prints one
/// <see cref="RuntimeStats"/> line, read at that moment. Answering on request rather than on a timer makes the
/// figures cover exactly the harness's measured window and costs the process nothing in between; the process's own
/// code is unchanged.
/// </summary>
internal static class RuntimeStatsResponder
{
    /// <summary>Set to <see cref="Enabled"/> on a process whose runtime figures the harness wants.</summary>
    public const string EnvironmentVariable = "LIVERELAY_HARNESS_RUNTIME_STATS";

    public const string Enabled = "1";

    /// <summary>Starts every answer line, so the harness can tell it from log output.</summary>
    public const string LinePrefix = "##liverelay-runtime ";

    public static void Start()
    {
        var thread = new Thread(Answer) { IsBackground = true, Name = "harness runtime stats" };
        thread.Start();
    }

    /// <summary>The figures now.</summary>
    public static RuntimeStats Read() => new(
        ThreadPool.CompletedWorkItemCount,
        GC.GetTotalAllocatedBytes(precise: false),
        JitInfo.GetCompilationTime(currentThread: false).TotalMilliseconds,
        JitInfo.GetCompiledMethodCount(currentThread: false),
        GC.CollectionCount(0),
        GC.CollectionCount(2),
        Monitor.LockContentionCount,
        GC.GetTotalPauseDuration().TotalMilliseconds,
        ContextSwitches.Read());

    private static void Answer()
    {
        while (Console.In.ReadLine() is not null)
        {
            Console.Out.WriteLine(LinePrefix + JsonSerializer.Serialize(Read()));
        }
    }
}
