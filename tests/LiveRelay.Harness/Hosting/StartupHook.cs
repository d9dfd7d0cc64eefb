using System.Diagnostics.CodeAnalysis;
using LiveRelay.Harness.Hosting;

/// <summary>
/// The .NET startup hook the harness sets (<c>DOTNET_STARTUP_HOOKS</c>) on processes it measures: on the standalone
/// host processes of the fleet run it starts <see cref="HostMetricsReporter"/> inside them before their Main, so the
/// real host binary runs unchanged and its own metrics reach the harness; on the processes of the cost run
/// (<see cref="RuntimeStatsResponder.EnvironmentVariable"/> set) it starts <see cref="RuntimeStatsResponder"/> instead,
/// which prints nothing unless asked. The runtime finds the hook by this exact name, outside any namespace.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a type named StartupHook in the global namespace.")]
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(RuntimeStatsResponder.EnvironmentVariable) == RuntimeStatsResponder.Enabled)
        {
            RuntimeStatsResponder.Start();
            return;
        }

        HostMetricsReporter.Start();
    }
}
