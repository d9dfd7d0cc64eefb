using System.Diagnostics;
using System.Globalization;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Scenarios;
using LiveRelay.Harness.Sources;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Cost;

/// <summary>
/// Cold start of the standalone host (in-memory queues, its own settings): from starting the process to the first
/// webhook answered (the harness posts it as soon as the port takes connections) and to its message delivered (the
/// emulator accepted the call), for the plain Release build (JIT) and for a ReadyToRun publish the run makes itself,
/// each with the runtime's defaults and with TieredPGO off.
/// </summary>
internal sealed class ColdStartScenario(RunContext context, int repeats)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The stand-in's function key for the Functions app (made up for the run; the worker never sees it).</summary>
    private const string FunctionKey = "harness-cold-start-key";

    public async Task<IReadOnlyList<ColdStartResult>> RunAsync(CancellationToken cancellationToken)
    {
        var sources = new HarnessSources();
        await using var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
        List<(string Name, string Assembly, Dictionary<string, string> Environment)> variants =
        [
            ("JIT (dotnet build -c Release)", StandaloneBuild.AssemblyPath, []),
            ("JIT, TieredPGO off", StandaloneBuild.AssemblyPath, new() { ["DOTNET_TieredPGO"] = "0" }),
        ];
        var readyToRun = await PublishReadyToRunAsync("LiveRelay.Standalone", cancellationToken).ConfigureAwait(false);
        List<ColdStartResult> results = [];
        if (readyToRun.Assembly is { } r2r)
        {
            variants.Add(("ReadyToRun (dotnet publish -p:PublishReadyToRun=true)", r2r, []));
            variants.Add(("ReadyToRun, TieredPGO off", r2r, new() { ["DOTNET_TieredPGO"] = "0" }));
        }
        else
        {
            results.Add(new ColdStartResult("ReadyToRun", 0, null, null, null, readyToRun.Failure));
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var functionsApp = RepoPaths.InRepo("src", "LiveRelay.Functions", "bin", StandaloneBuild.Configuration, "net10.0");
        var functionsReadyToRun = File.Exists(Path.Combine(functionsApp, "LiveRelay.Functions.dll"))
            ? await PublishReadyToRunAsync("LiveRelay.Functions", cancellationToken).ConfigureAwait(false)
            : (null, $"the Functions app is not built ({functionsApp}): run ./build/functions-app.sh");
        await using var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }, cancellationToken).ConfigureAwait(false);
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            foreach (var (name, assembly, environment) in variants)
            {
                var result = await MeasureAsync(name, assembly, environment, repeat, sources, emulator, client, cancellationToken).ConfigureAwait(false);
                context.Say(string.Create(CultureInfo.InvariantCulture,
                    $"cold start, {name} (repeat {repeat}): first webhook answered after {result.FirstAnswer?.TotalMilliseconds:0} ms, delivered after {result.FirstDelivery?.TotalMilliseconds:0} ms, {result.CpuAtDelivery?.TotalMilliseconds:0} ms CPU"));
                results.Add(result);
            }

            foreach (var (name, directory) in new[] { ("Functions app, JIT (build output)", (string?)functionsApp), ("Functions app, ReadyToRun (publish)", Path.GetDirectoryName(functionsReadyToRun.Assembly)) })
            {
                if (directory is null || !File.Exists(Path.Combine(directory, "LiveRelay.Functions.dll")))
                {
                    results.Add(new ColdStartResult(name, repeat, null, null, null, functionsReadyToRun.Failure ?? "not built"));
                    continue;
                }

                var result = await MeasureFunctionsAsync(name, directory, repeat, sources, emulator, azurite, client, cancellationToken).ConfigureAwait(false);
                context.Say(string.Create(CultureInfo.InvariantCulture,
                    $"cold start, {name} (repeat {repeat}): first webhook answered after {result.FirstAnswer?.TotalMilliseconds:0} ms, delivered after {result.FirstDelivery?.TotalMilliseconds:0} ms, {result.CpuAtDelivery?.TotalMilliseconds:0} ms CPU"));
                results.Add(result);
            }
        }

        return results;
    }

    private async Task<ColdStartResult> MeasureAsync(
        string name, string assembly, Dictionary<string, string> extra, int repeat, HarnessSources sources, EmulatorServer emulator, HttpClient client, CancellationToken cancellationToken)
    {
        var port = LoopbackPort.GetFree();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/api/webhooks/{HarnessSources.Orders}"));
        var environment = sources.HostSettings(string.Empty, emulator.Endpoint)
            .Where(static s => !s.Key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(static s => s.Key.Replace(":", "__", StringComparison.Ordinal), static s => s.Value, StringComparer.Ordinal);
        environment["LiveRelay__FunctionKeys__AllowAnonymous"] = "true";
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }

        var before = Delivered(emulator);
        var clock = Stopwatch.StartNew();
        await using var process = ChildProcess.Start(
            "standalone host", DotNetHost.Path, [assembly, "--urls", $"http://127.0.0.1:{port}"], environment,
            context.LogPath(string.Create(CultureInfo.InvariantCulture, $"coldstart-{repeat}-{name.Split(' ')[0]}-{extra.Count}")));
        TimeSpan? answered = null;
        TimeSpan? delivered = null;
        TimeSpan? cpu = null;
        var body = HarnessSources.OrderEvent(repeat, group: true);
        while (clock.Elapsed < Timeout && !process.HasExited)
        {
            using var request = sources.OrdersSigner.CreateRequest(address, string.Create(CultureInfo.InvariantCulture, $"cold-{repeat}-{port}"), body);
            try
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode == 202)
                {
                    answered = clock.Elapsed;
                    break;
                }

                // Anything else before the host is ready (e.g. 503 while starting) is retried.
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(5, cancellationToken).ConfigureAwait(false);
        }

        while (answered is not null && clock.Elapsed < Timeout && !process.HasExited)
        {
            if (Delivered(emulator) > before)
            {
                delivered = clock.Elapsed;
                cpu = process.CpuTimeNow();
                break;
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        process.Kill();
        return new ColdStartResult(name, repeat, answered, delivered, cpu, answered is null ? "no 202 within the time limit; see the log" : null);
    }

    /// <summary>
    /// The Functions app through the host stand-in (tests/LiveRelay.FunctionsHost), queues on Azurite: from starting the
    /// stand-in (which starts the worker and waits for it to index its functions) to the first webhook answered, and to
    /// its message delivered through the queue trigger.
    /// </summary>
    private async Task<ColdStartResult> MeasureFunctionsAsync(
        string name, string directory, int repeat, HarnessSources sources, EmulatorServer emulator, AzuriteQueueServer azurite, HttpClient client, CancellationToken cancellationToken)
    {
        var settings = sources.HostSettings(azurite.ConnectionString, emulator.Endpoint)
            .Where(static s => !s.Key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(static s => s.Key, static s => (string?)s.Value, StringComparer.OrdinalIgnoreCase);
        settings["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        settings["DOTNET_ENVIRONMENT"] = "Development";
        var before = Delivered(emulator);
        var log = context.LogPath(string.Create(CultureInfo.InvariantCulture, $"coldstart-{repeat}-functions-{(name.Contains("Ready", StringComparison.Ordinal) ? "r2r" : "jit")}"));
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await using var output = new StreamWriter(log, append: true) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        await using var host = await FunctionsHost.FunctionsHostStandIn.StartAsync(
            new FunctionsHost.FunctionsHostOptions
            {
                AppDirectory = directory,
                Settings = settings,
                FunctionKeys = [FunctionKey],
                Output = line =>
                {
                    lock (output)
                    {
                        output.WriteLine(line);
                    }
                },
                StartTimeout = Timeout,
            },
            cancellationToken).ConfigureAwait(false);
        TimeSpan? answered = null;
        TimeSpan? delivered = null;
        TimeSpan? cpu = null;
        using (var request = sources.OrdersSigner.CreateRequest(
            new Uri(host.BaseAddress, "api/webhooks/" + HarnessSources.Orders), string.Create(CultureInfo.InvariantCulture, $"cold-f-{repeat}-{name.Length}"), HarnessSources.OrderEvent(repeat, group: true)))
        {
            request.Headers.Add("x-functions-key", FunctionKey);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode == 202)
            {
                answered = clock.Elapsed;
            }
        }

        while (answered is not null && clock.Elapsed < Timeout)
        {
            if (Delivered(emulator) > before)
            {
                delivered = clock.Elapsed;
                using var worker = Process.GetProcessById(host.WorkerProcessId);
                cpu = worker.TotalProcessorTime;
                break;
            }

            await Task.Delay(2, cancellationToken).ConfigureAwait(false);
        }

        return new ColdStartResult(name, repeat, answered, delivered, cpu, answered is null ? "the first webhook was not answered 202; see the log" : null);
    }

    private static long Delivered(EmulatorServer emulator)
    {
        var accepted = emulator.Statistics.Snapshot().Accepted;
        return accepted.GetValueOrDefault(LiveApiActions.SendMessageToGroup) + accepted.GetValueOrDefault(LiveApiActions.SendLiveMessageUser);
    }

    /// <summary>Publishes the standalone host with ReadyToRun into the report folder; a failure (no crossgen package, say) is reported, not thrown.</summary>
    private async Task<(string? Assembly, string? Failure)> PublishReadyToRunAsync(string projectName, CancellationToken cancellationToken)
    {
        var output = Path.Combine(context.OutputDirectory, "publish-r2r-" + projectName);
        var project = RepoPaths.InRepo("src", projectName, projectName + ".csproj");
        context.Say($"cold start: publishing {projectName} with ReadyToRun (dotnet publish -r linux-x64 -p:PublishReadyToRun=true)");
        var start = new ProcessStartInfo(DotNetHost.Path, ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "--nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var stdout = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var text = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        var log = context.LogPath("publish-r2r-" + projectName);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, text, cancellationToken).ConfigureAwait(false);
        var assembly = Path.Combine(output, projectName + ".dll");
        return publish.ExitCode == 0 && File.Exists(assembly)
            ? (assembly, null)
            : (null, $"dotnet publish -p:PublishReadyToRun=true failed (exit code {publish.ExitCode}); see logs/publish-r2r-{projectName}.log");
    }
}
