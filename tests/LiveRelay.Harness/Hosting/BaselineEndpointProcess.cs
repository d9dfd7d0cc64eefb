using System.Globalization;

namespace LiveRelay.Harness.Hosting;

/// <summary>The baseline endpoint (<see cref="BaselineEndpoint"/>) as a child process: this harness started again with its command.</summary>
internal sealed class BaselineEndpointProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private BaselineEndpointProcess(ChildProcess process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public ChildProcess Process => _process;

    public static async Task<BaselineEndpointProcess> StartAsync(int port, string logPath, CancellationToken cancellationToken)
    {
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var process = ChildProcess.Start(
            "baseline endpoint",
            DotNetHost.Path,
            [typeof(BaselineEndpoint).Assembly.Location, BaselineEndpoint.Command, "--urls", baseAddress.ToString().TrimEnd('/')],
            new Dictionary<string, string>(),
            logPath);
        var endpoint = new BaselineEndpointProcess(process, baseAddress);
        try
        {
            await HttpReadiness.WaitAsync(process, new Uri(baseAddress, "api/health"), TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return endpoint;
        }
        catch
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<bool> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(15));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
