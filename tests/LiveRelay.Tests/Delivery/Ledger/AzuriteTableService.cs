using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Azure.Data.Tables;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Delivery.Ledger;

/// <summary>
/// Azurite's table service (tests/node/node_modules/.bin/azurite-table) on a free 127.0.0.1 port, in memory, for the
/// ledger's tests. Once the shared fixtures start the table service beside the queue service, this gives way to them.
/// </summary>
public sealed class AzuriteTableService : IAsyncLifetime
{
    // Azurite's published development account: not a secret.
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;

    public string ConnectionString { get; private set; } = string.Empty;

    public TableClient Table(string name) => new TableServiceClient(ConnectionString).GetTableClient(name);

    public async Task InitializeAsync()
    {
        var port = LoopbackPort.GetFree();
        var start = new ProcessStartInfo(Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "azurite-table"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Directory.CreateTempSubdirectory("liverelay-azurite-table-").FullName,
        };
        foreach (var argument in new[] { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(CultureInfo.InvariantCulture), "--inMemoryPersistence", "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("azurite-table did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(100, deadline.Token);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
