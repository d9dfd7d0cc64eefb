using System.Diagnostics;
using System.Globalization;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// A process the harness started: its output goes to a log file (and to an optional line callback), its memory and
/// CPU are sampled every second while it runs, and it is killed when disposed if it is still running.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly Action<string>? _onLine;
    private readonly CancellationTokenSource _sampling = new();
    private readonly Task _sampler;
    private readonly List<ResourceSample> _samples = [];

    private ChildProcess(string name, Process process, StreamWriter log, Action<string>? onLine)
    {
        Name = name;
        _process = process;
        _log = log;
        _onLine = onLine;
        StartedAt = DateTimeOffset.UtcNow;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _sampler = SampleAsync(_sampling.Token);
    }

    public string Name { get; }

    public int Id => _process.Id;

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Every reading so far, oldest first.</summary>
    public IReadOnlyList<ResourceSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The last reading (taken now if the process still runs).</summary>
    public ResourceSample? LastSample
    {
        get
        {
            TrySample();
            lock (_gate)
            {
                return _samples.Count == 0 ? null : _samples[^1];
            }
        }
    }

    /// <param name="environment">Added to the inherited environment.</param>
    public static ChildProcess Start(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logPath, Action<string>? onLine = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"==> {DateTimeOffset.UtcNow:O} starting {name}: {fileName} {string.Join(' ', start.ArgumentList)}"));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        return new ChildProcess(name, process, log, onLine);
    }

    /// <summary>Writes one line to the process's standard input.</summary>
    public void WriteInput(string line)
    {
        _process.StandardInput.WriteLine(line);
        _process.StandardInput.Flush();
    }

    /// <summary>User plus system CPU time the process has used so far, read now (from /proc on Linux).</summary>
    public TimeSpan CpuTimeNow()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>SIGKILL on Linux: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        TrySample();
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.WaitForExit(10_000);
        Write($"==> killed {Name} (SIGKILL)");
    }

    /// <summary>SIGTERM, then up to <paramref name="timeout"/> for the process to shut down by itself; SIGKILL after that.</summary>
    /// <returns>True when it stopped by itself.</returns>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        TrySample();
        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (signal is not null)
            {
                await signal.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            // Lets the output readers deliver the last lines.
            _process.WaitForExit();
            Write($"==> {Name} stopped with exit code {_process.ExitCode}");
            return true;
        }
        catch (OperationCanceledException)
        {
            Kill();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        await _sampling.CancelAsync().ConfigureAwait(false);
        await _sampler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _sampling.Dispose();
        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(SampleInterval);
        do
        {
            TrySample();
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false) && !_process.HasExited);
    }

    private void TrySample()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }

            _process.Refresh();
            var sample = new ResourceSample(DateTimeOffset.UtcNow, _process.WorkingSet64, _process.PeakWorkingSet64, _process.TotalProcessorTime);
            lock (_gate)
            {
                _samples.Add(sample);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // The process ended between the check and the reading.
        }
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        Write(line);
        _onLine?.Invoke(line);
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
