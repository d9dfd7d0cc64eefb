using System.Diagnostics.CodeAnalysis;
using LiveRelay.Harness.Hosting;

/// <summary>
/// The .NET startup hook the harness sets (<c>DOTNET_STARTUP_HOOKS</c>) on the standalone host processes of the fleet
/// run: it starts <see cref="HostMetricsReporter"/> inside them before their Main, so the real host binary runs
/// unchanged and its own metrics reach the harness. The runtime finds the hook by this exact name, outside any namespace.
/// </summary>
[SuppressMessage("Design", "CA1050:Declare types in namespaces", Justification = "The runtime looks for a type named StartupHook in the global namespace.")]
internal static class StartupHook
{
    public static void Initialize() => HostMetricsReporter.Start();
}
