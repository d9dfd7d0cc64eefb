namespace LiveRelay.Harness.Scenarios;

/// <summary>Where a scenario writes its logs, and how it reports progress.</summary>
internal sealed class RunContext(string outputDirectory, TextWriter progress)
{
    public string OutputDirectory { get; } = outputDirectory;

    public string LogPath(string name) => Path.Combine(OutputDirectory, "logs", name + ".log");

    public void Say(string message) => progress.WriteLine($"[{DateTimeOffset.Now:HH:mm:ss}] {message}");
}
