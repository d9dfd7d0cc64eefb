using System.Globalization;
using System.Net.Sockets;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// Azurite's table service (tests/node/node_modules/.bin/azurite-table) as a child process on a free 127.0.0.1 port,
/// in memory: the fleet pacing coordinator's store. It runs beside the queue service (a process of its own), so the
/// queues and the coordinator can be pointed at different places, as the unreachable-coordinator case needs.
/// </summary>
internal sealed class AzuriteTableProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly ChildProcess _process;

    private AzuriteTableProcess(ChildProcess process, int port)
    {
        _process = process;
        ServiceUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/devstoreaccount1"));
    }

    /// <summary>Path-style endpoint of the development account, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public Uri ServiceUri { get; }

    public static async Task<AzuriteTableProcess> StartAsync(string logPath, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run 'npm ci --prefix tests/node'.");
        }

        var port = LoopbackPort.GetFree();
        var process = ChildProcess.Start(
            "azurite-table",
            executable,
            ["--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent"],
            new Dictionary<string, string>(),
            logPath);
        var table = new AzuriteTableProcess(process, port);
        try
        {
            await WaitUntilListeningAsync(process, port, cancellationToken).ConfigureAwait(false);
            return table;
        }
        catch
        {
            await table.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private static async Task WaitUntilListeningAsync(ChildProcess process, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite-table exited with code {process.ExitCode} before it listened; see its log.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"azurite-table did not listen on 127.0.0.1:{port} within {StartTimeout.TotalSeconds:0} s.", ex);
            }
        }
    }
}
