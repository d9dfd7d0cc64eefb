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
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task<IReadOnlyList<ColdStartResult>> RunAsync(CancellationToken cancellationToken)
    {
        var sources = new HarnessSources();
        await using var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
        List<(string Name, string Assembly, Dictionary<string, string> Environment)> variants =
        [
            ("JIT (dotnet build -c Release)", StandaloneBuild.AssemblyPath, []),
            ("JIT, TieredPGO off", StandaloneBuild.AssemblyPath, new() { ["DOTNET_TieredPGO"] = "0" }),
        ];
        var readyToRun = await PublishReadyToRunAsync(cancellationToken).ConfigureAwait(false);
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
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            foreach (var (name, assembly, environment) in variants)
            {
                var result = await MeasureAsync(name, assembly, environment, repeat, sources, emulator, client, cancellationToken).ConfigureAwait(false);
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

    private static long Delivered(EmulatorServer emulator)
    {
        var accepted = emulator.Statistics.Snapshot().Accepted;
        return accepted.GetValueOrDefault(LiveApiActions.SendMessageToGroup) + accepted.GetValueOrDefault(LiveApiActions.SendLiveMessageUser);
    }

    /// <summary>Publishes the standalone host with ReadyToRun into the report folder; a failure (no crossgen package, say) is reported, not thrown.</summary>
    private async Task<(string? Assembly, string? Failure)> PublishReadyToRunAsync(CancellationToken cancellationToken)
    {
        var output = Path.Combine(context.OutputDirectory, "publish-r2r");
        var project = RepoPaths.InRepo("src", "LiveRelay.Standalone", "LiveRelay.Standalone.csproj");
        context.Say("cold start: publishing the standalone host with ReadyToRun (dotnet publish -r linux-x64 -p:PublishReadyToRun=true)");
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
        var log = context.LogPath("publish-r2r");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        await File.WriteAllTextAsync(log, text, cancellationToken).ConfigureAwait(false);
        var assembly = Path.Combine(output, "LiveRelay.Standalone.dll");
        return publish.ExitCode == 0 && File.Exists(assembly)
            ? (assembly, null)
            : (null, $"dotnet publish -p:PublishReadyToRun=true failed (exit code {publish.ExitCode}); see logs/publish-r2r.log");
    }
}
