using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone host in a process of its own (<c>dotnet LiveRelay.Standalone.dll</c>), settings passed as
/// environment variables, on 127.0.0.1 and a free port, so that a test can kill it the way a crash or a scale-in
/// would: no shutdown, no grace period, nothing settled.
/// </summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;

    private RelayProcess(Process process, StringBuilder output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
        Client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", RelaySettings.FunctionKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>Sends the test function key with every request.</summary>
    public HttpClient Client { get; }

    public static async Task<RelayProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeSpan startTimeout)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var port = LoopbackPort.GetFree();
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo(DotnetHost.Executable)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "LiveRelay.Standalone.dll"), "--urls", baseAddress.ToString(), "--environment", "Development" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The standalone host did not start.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var relay = new RelayProcess(process, output, baseAddress);
        try
        {
            await Eventually.WaitUntilAsync(relay.IsHealthyAsync, startTimeout, () => $"the standalone host did not answer on {baseAddress}: {relay.Output()}");
            return relay;
        }
        catch
        {
            await relay.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the process at once, as a crash would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<bool> IsHealthyAsync()
    {
        if (_process.HasExited)
        {
            _process.WaitForExit();
            throw new InvalidOperationException($"The standalone host exited with {_process.ExitCode}: {Output()}");
        }

        try
        {
            using var answer = await Client.GetAsync(new Uri("/api/health", UriKind.Relative));
            return answer.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
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
            if (output.Length < 32_000)
            {
                output.AppendLine(line);
            }
        }
    }
}
