using System.Globalization;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// The standalone host (<c>dotnet LiveRelay.Standalone.dll</c>) as a separate process on a loopback port, configured
/// through its environment, so that memory and CPU figures are its own and it can be killed and started again.
/// </summary>
internal sealed class StandaloneHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly HostLogReadings _readings;

    private StandaloneHostProcess(ChildProcess process, HostLogReadings readings, Uri baseAddress)
    {
        _process = process;
        _readings = readings;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public DateTimeOffset StartedAt => _process.StartedAt;

    /// <summary>When /api/health first answered.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    public ChildProcess Process => _process;

    /// <summary>
    /// Starts the host on <paramref name="port"/> with <paramref name="settings"/> (configuration keys with ':') and waits
    /// until /api/health answers. <paramref name="onLine"/> also gets every line it writes.
    /// </summary>
    public static async Task<StandaloneHostProcess> StartAsync(
        IReadOnlyDictionary<string, string> settings, int port, string logPath, CancellationToken cancellationToken, Action<string>? onLine = null)
    {
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var environment = settings.ToDictionary(static s => s.Key.Replace(":", "__", StringComparison.Ordinal), static s => s.Value, StringComparer.Ordinal);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        // Keyless on purpose: a measuring host on loopback, reached only by the harness.
        environment.TryAdd("LiveRelay__FunctionKeys__AllowAnonymous", "true");
        var readings = new HostLogReadings();
        var process = ChildProcess.Start(
            "standalone host",
            DotNetHost.Path,
            [StandaloneBuild.AssemblyPath, "--urls", baseAddress.ToString().TrimEnd('/')],
            environment,
            logPath,
            onLine is null ? readings.Read : line =>
            {
                readings.Read(line);
                onLine(line);
            });
        var host = new StandaloneHostProcess(process, readings, baseAddress);
        try
        {
            host.ReadyAt = await HttpReadiness.WaitAsync(process, new Uri(baseAddress, "api/health"), StartTimeout, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The most messages the queue's processor held at once, as it reported when it stopped (null if it did not stop cleanly).</summary>
    public int? PeakInFlight(string queue) => _readings.PeakInFlight(queue);

    /// <summary>Messages whose delete (or release) failed after they were handled: they come back when their lease ends.</summary>
    public int SettleFailures => _readings.SettleFailures;

    public void Kill() => _process.Kill();

    /// <summary>Graceful stop (SIGTERM): the queue processors finish what they hold and report their peaks.</summary>
    public Task<bool> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(45));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
