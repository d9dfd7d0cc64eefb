using LiveRelay.Harness.Hosting;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>One host process of a fleet case: its number (and so its emulator key id), the process, and what it reports about its pacing.</summary>
internal sealed class FleetHost : IAsyncDisposable
{
    private FleetHost(int number, StandaloneHostProcess process, FleetHostReadings readings, bool idle)
    {
        Number = number;
        Process = process;
        Readings = readings;
        Idle = idle;
    }

    public int Number { get; }

    public string AccessKeyId => FleetEnvironment.AccessKeyId(Number);

    public StandaloneHostProcess Process { get; }

    public FleetHostReadings Readings { get; }

    /// <summary>Reads an empty queue: a sender with no demand.</summary>
    public bool Idle { get; }

    /// <summary>When it got SIGKILL, if it did.</summary>
    public DateTimeOffset? Killed { get; private set; }

    public static async Task<FleetHost> StartAsync(
        FleetEnvironment environment, string caseName, int number, string storage, bool idle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var readings = new FleetHostReadings();
        var process = await StandaloneHostProcess.StartAsync(
            environment.HostSettings(number, storage),
            LoopbackPort.GetFree(),
            environment.Context.LogPath(FormattableString.Invariant($"fleet-{caseName}-host-{number}")),
            cancellationToken,
            readings.Read).ConfigureAwait(false);
        return new FleetHost(number, process, readings, idle);
    }

    public void Kill()
    {
        Process.Kill();
        Killed = DateTimeOffset.UtcNow;
    }

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
