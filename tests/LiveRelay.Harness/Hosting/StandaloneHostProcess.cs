using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// The standalone host (<c>dotnet LiveRelay.Standalone.dll</c>) as a separate process on a loopback port, configured
/// through its environment, so that memory and CPU figures are its own and it can be killed and started again.
/// </summary>
internal sealed partial class StandaloneHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _process;
    private readonly ConcurrentDictionary<string, int> _peakInFlight = new(StringComparer.Ordinal);

    private StandaloneHostProcess(ChildProcess process, ConcurrentDictionary<string, int> peaks, Uri baseAddress)
    {
        _process = process;
        _peakInFlight = peaks;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public DateTimeOffset StartedAt => _process.StartedAt;

    /// <summary>When /api/health first answered.</summary>
    public DateTimeOffset ReadyAt { get; private set; }

    public ChildProcess Process => _process;

    /// <summary>
    /// Starts the host on <paramref name="port"/> with <paramref name="settings"/> (configuration keys with ':') and waits
    /// until /api/health answers.
    /// </summary>
    public static async Task<StandaloneHostProcess> StartAsync(
        IReadOnlyDictionary<string, string> settings, int port, string logPath, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var environment = settings.ToDictionary(static s => s.Key.Replace(":", "__", StringComparison.Ordinal), static s => s.Value, StringComparer.Ordinal);
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var peaks = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var process = ChildProcess.Start(
            "standalone host",
            DotNetHost.Path,
            [StandaloneBuild.AssemblyPath, "--urls", baseAddress.ToString().TrimEnd('/')],
            environment,
            logPath,
            line => ReadPeak(line, peaks));
        var host = new StandaloneHostProcess(process, peaks, baseAddress);
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
    public int? PeakInFlight(string queue) => _peakInFlight.TryGetValue(queue, out var peak) ? peak : null;

    public void Kill() => _process.Kill();

    /// <summary>Graceful stop (SIGTERM): the queue processors finish what they hold and report their peaks.</summary>
    public Task<bool> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(45));

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static void ReadPeak(string line, ConcurrentDictionary<string, int> peaks)
    {
        var match = PeakLine().Match(line);
        if (match.Success)
        {
            peaks[match.Groups["queue"].Value] = int.Parse(match.Groups["peak"].Value, CultureInfo.InvariantCulture);
        }
    }

    // The queue processor's own stop line: "Queue live-messages: stopped (peak in flight 24)".
    [GeneratedRegex(@"Queue (?<queue>[a-z0-9-]+): stopped \(peak in flight (?<peak>\d+)\)")]
    private static partial Regex PeakLine();
}
