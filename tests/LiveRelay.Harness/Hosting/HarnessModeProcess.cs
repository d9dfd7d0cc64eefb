using System.Globalization;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// This harness started again as a child process in one of its modes (<see cref="BaselineEndpoint"/>, the cost run's
/// floor), on a loopback port, ready once <c>/api/health</c> answers.
/// </summary>
internal sealed class HarnessModeProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private HarnessModeProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ChildProcess Process => _process;

    /// <param name="command">The mode, e.g. <see cref="BaselineEndpoint.Command"/>.</param>
    /// <param name="arguments">More arguments for the mode.</param>
    /// <param name="environment">Added to the inherited environment.</param>
    /// <param name="onLine">Gets every line the process writes.</param>
    public static async Task<HarnessModeProcess> StartAsync(
        string command, int port, string logPath, CancellationToken cancellationToken,
        IEnumerable<string>? arguments = null, IReadOnlyDictionary<string, string>? environment = null, Action<string>? onLine = null)
    {
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var process = ChildProcess.Start(
            command,
            DotNetHost.Path,
            [typeof(BaselineEndpoint).Assembly.Location, command, "--urls", baseAddress.ToString().TrimEnd('/'), .. arguments ?? []],
            environment ?? new Dictionary<string, string>(),
            logPath,
            onLine);
        var started = new HarnessModeProcess(process, baseAddress);
        try
        {
            await HttpReadiness.WaitAsync(process, new Uri(baseAddress, "api/health"), TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return started;
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<bool> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
