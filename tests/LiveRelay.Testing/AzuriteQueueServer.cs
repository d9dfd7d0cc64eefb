using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace LiveRelay.Testing;

/// <summary>
/// Azurite's queue service (tests/node/node_modules/.bin/azurite-queue) on a free 127.0.0.1 port, in memory (or in a
/// temporary directory), started for a test run and stopped at its end.
/// </summary>
public sealed class AzuriteQueueServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _workspace;

    private AzuriteQueueServer(Process process, StringBuilder output, string workspace, int port, bool https)
    {
        _process = process;
        _output = output;
        _workspace = workspace;
        Port = port;
        ServiceUri = new Uri($"{(https ? "https" : "http")}://127.0.0.1:{port}/devstoreaccount1");
    }

    public int Port { get; }

    /// <summary>Path-style endpoint of the development account, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public Uri ServiceUri { get; }

    /// <summary>A connection string for the development account on this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol={ServiceUri.Scheme};AccountName=devstoreaccount1;"
        + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
        + $"QueueEndpoint={ServiceUri}";

    public static async Task<AzuriteQueueServer> StartAsync(AzuriteQueueServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AzuriteQueueServerOptions();
        var executable = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "azurite-queue");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing): run ./test.sh, or 'npm ci --prefix tests/node'.");
        }

        var port = LoopbackPort.GetFree();
        var workspace = Directory.CreateTempSubdirectory("liverelay-azurite-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--queueHost", "127.0.0.1", "--queuePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(options.InMemoryPersistence ? "--inMemoryPersistence" : "--location");
        if (!options.InMemoryPersistence)
        {
            start.ArgumentList.Add(workspace);
        }

        if (options.Certificate is { } certificate)
        {
            start.ArgumentList.Add("--cert");
            start.ArgumentList.Add(certificate.CertificatePath);
            start.ArgumentList.Add("--key");
            start.ArgumentList.Add(certificate.KeyPath);
        }

        if (options.OAuth)
        {
            start.ArgumentList.Add("--oauth");
            start.ArgumentList.Add("basic");
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("azurite-queue did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteQueueServer(process, output, workspace, port, options.Certificate is not null);
        try
        {
            await server.WaitUntilListeningAsync(options.StartTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_workspace, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                // Lets the asynchronous readers deliver the last lines before they are reported.
                _process.WaitForExit();
                throw new InvalidOperationException($"azurite-queue exited with {_process.ExitCode}: {Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port, deadline.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"azurite-queue did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s: {Output()}");
            }

            try
            {
                await Task.Delay(100, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"azurite-queue did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s: {Output()}");
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 16_000)
            {
                output.AppendLine(line);
            }
        }
    }
}
