namespace LiveRelay.Harness.Hosting;

/// <summary>The <c>dotnet</c> executable that starts child processes: the one running this process when the CLI says so, else the one on PATH.</summary>
internal static class DotNetHost
{
    public static string Path =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
}
