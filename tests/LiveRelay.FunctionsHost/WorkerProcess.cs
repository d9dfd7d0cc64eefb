using System.Diagnostics;
using System.Globalization;
using System.Text;
using LiveRelay.Testing;

namespace LiveRelay.FunctionsHost;

/// <summary>
/// The worker process as the Functions host starts it: <c>dotnet app.dll</c> with the four <c>--functions-*</c>
/// arguments and the app settings in its environment. Stopped by its PID on every path; its output is kept for reports.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int MaxKeptOutput = 64_000;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _home;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string home)
    {
        _process = process;
        _home = home;
    }

    public int Id => _process.Id;

    /// <summary>Completes when the process has ended, for whatever reason.</summary>
    public Task Exited => _exited.Task;

    public bool HasExited => _exited.Task.IsCompleted;

    public static WorkerProcess Start(FunctionsHostOptions options, Uri rpcUri, string workerId, string requestId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var appDirectory = Path.GetFullPath(options.AppDirectory);

        // ASP.NET Core keeps data-protection keys under HOME: a folder of its own keeps the machine's clean.
        var home = Directory.CreateTempSubdirectory("liverelay-worker-home-").FullName;
        var start = new ProcessStartInfo(DotnetHost.Executable)
        {
            WorkingDirectory = appDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            Path.Combine(appDirectory, options.WorkerAssembly),
            "--functions-uri", rpcUri.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", requestId,

            // Without it the worker's gRPC message limit is 0 and it fails at its first message.
            "--functions-grpc-max-message-length", int.MaxValue.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        // Not the test run's own settings: only what a Functions host gives its worker.
        foreach (var name in start.Environment.Keys.Where(static k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_", StringComparison.Ordinal) && k != "DOTNET_ROOT").ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["HOME"] = home;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = appDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = appDirectory;
        foreach (var (key, value) in options.Settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, home);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data, options.Output);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data, options.Output);
        if (!process.Start())
        {
            worker.Dispose();
            throw new InvalidOperationException("The worker process did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Not the Exited event: it can come before the last lines of output are read, and a report of the exit would
        // then miss the worker's own words. WaitForExitAsync also waits for both streams to end.
        _ = process.WaitForExitAsync().ContinueWith(static (_, state) => ((WorkerProcess)state!)._exited.TrySetResult(), worker, TaskScheduler.Default);
        return worker;
    }

    /// <summary>How it ended, for a report: the exit code and the last output.</summary>
    public string Describe()
    {
        var state = HasExited ? $"exited with code {_process.ExitCode}" : $"still running as PID {_process.Id}";
        return $"The worker process {state}. Its output:\n{Output()}";
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Kills the process (and anything it started) by its PID, unless it has ended.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Append(string? line, Action<string>? output)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length > MaxKeptOutput)
            {
                _output.Remove(0, _output.Length - (MaxKeptOutput / 2));
            }

            _output.AppendLine(line);
        }

        output?.Invoke("[worker process] " + line);
    }
}
