using LiveRelay.Testing;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// Where the built standalone host is: <c>src/LiveRelay.Standalone/bin/&lt;configuration&gt;/net10.0/LiveRelay.Standalone.dll</c>.
/// The harness references the project, so building the harness builds it in the same configuration.
/// </summary>
internal static class StandaloneBuild
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    /// <summary>Points the harness at another build of the host (e.g. a copy, so a rebuild cannot change it mid-run).</summary>
    public const string OverrideVariable = "LIVERELAY_HARNESS_STANDALONE";

    public static string AssemblyPath
    {
        get
        {
            if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } chosen)
            {
                return File.Exists(chosen) ? chosen : throw new InvalidOperationException($"{OverrideVariable} names {chosen}, which does not exist.");
            }

            var path = RepoPaths.InRepo("src", "LiveRelay.Standalone", "bin", Configuration, "net10.0", "LiveRelay.Standalone.dll");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"The standalone host is not built ({path} is missing): run 'dotnet build -c {Configuration} src/LiveRelay.Standalone'.");
            }

            return path;
        }
    }
}
