using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace LiveRelay.Testing;

/// <summary>
/// One Azurite service process (tests/node/node_modules/.bin/azurite-queue or azurite-table) on a free 127.0.0.1 port,
/// in memory or in a temporary directory, stopped (with its directory) when disposed.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _workspace;

    private AzuriteProcess(string service, Process process, StringBuilder output, string workspace, int port, bool https)
    {
        Service = service;
        _process = process;
        _output = output;
        _workspace = workspace;
        Port = port;
        ServiceUri = new Uri($"{(https ? "https" : "http")}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/devstoreaccount1");
    }

    /// <summary><c>queue</c> or <c>table</c>.</summary>
    public string Service { get; }

    public int Port { get; }

    /// <summary>Path-style endpoint of the development account.</summary>
    public Uri ServiceUri { get; }

    public static async Task<AzuriteProcess> StartAsync(string service, AzuriteQueueServerOptions options, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(RepoPaths.NodeTools, "node_modules", ".bin", "azurite-" + service);
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({executable} is missing): run ./test.sh, or 'npm ci --prefix tests/node'.");
        }

        var port = LoopbackPort.GetFree();
        var workspace = Directory.CreateTempSubdirectory($"liverelay-azurite-{service}-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            $"--{service}Host", "127.0.0.1", $"--{service}Port", port.ToString(CultureInfo.InvariantCulture),
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
        var process = Process.Start(start) ?? throw new InvalidOperationException($"azurite-{service} did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteProcess(service, process, output, workspace, port, options.Certificate is not null);
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
                throw new InvalidOperationException($"azurite-{Service} exited with {_process.ExitCode}: {Output()}");
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
                throw NotListening(timeout);
            }

            try
            {
                await Task.Delay(100, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw NotListening(timeout);
            }
        }
    }

    private TimeoutException NotListening(TimeSpan timeout) =>
        new($"azurite-{Service} did not listen on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s: {Output()}");

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
