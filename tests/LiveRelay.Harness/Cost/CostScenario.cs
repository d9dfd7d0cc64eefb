using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Load;
using LiveRelay.Harness.Scenarios;
using LiveRelay.Harness.Sources;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Cost;

/// <summary>
/// What a webhook and a delivered message cost the standalone host (in-memory queues, its own logging settings), next
/// to baselines measured in the same run on the same machine: the trivial ASP.NET Core endpoint and the floor program
/// (<see cref="FloorProgram"/>). Every figure is taken over a window after a warm-up, as a difference of two readings
/// of the process (CPU from /proc, runtime counters through <see cref="RuntimeStatsProbe"/>), so start-up and JIT are
/// left out; the JIT time is given on its own. Intake runs with delivery going at the API limits; delivery is measured
/// with a backlog of at least each of <see cref="CostOptions.Backlogs"/> messages throughout the window.
/// </summary>
internal sealed class CostScenario(RunContext context, CostOptions options)
{
    /// <summary>Items per <c>POST /api/messages</c> when filling the host's queue: under the 1 MB body limit.</summary>
    private const int FillBatch = 4_000;

    private const int DeliveryRate = 150;

    /// <summary>Intake as fast as each subject answers, <see cref="CostOptions.Concurrency"/> requests in flight.</summary>
    public const string IntakeKind = "intake";

    /// <summary>Intake at <see cref="CostOptions.PacedIntakeRate"/> webhooks a second, the same for every subject.</summary>
    public const string PacedIntakeKind = "paced intake";

    public const string DeliveryKind = "delivery";

    /// <summary>Event numbers each stretch of intake load may use: more than a stretch sends.</summary>
    private const long EventsPerStretch = 100_000_000;

    public async Task<IReadOnlyList<CostMeasurement>> RunAsync(CancellationToken cancellationToken)
    {
        var sources = new HarnessSources();
        await using var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
        using var client = LoadScenario.CreateClient(options.Concurrency);
        List<CostMeasurement> results = [];
        for (var repeat = 1; repeat <= options.Repeats; repeat++)
        {
            foreach (var subject in Enum.GetValues<CostSubject>())
            {
                foreach (var measured in await IntakeAsync(subject, repeat, sources, emulator, client, cancellationToken).ConfigureAwait(false))
                {
                    context.Say(string.Create(
                        CultureInfo.InvariantCulture,
                        $"cost: {measured.Kind}, {subject} (repeat {repeat}): {measured.Window.UnitsPerSecond:0} webhooks/s, {measured.Window.CpuMillisecondsPerUnit:0.000} ms CPU, {measured.Window.KilobytesPerUnit:0.0} KB, {measured.Window.WorkItemsPerUnit:0.0} work items per webhook, after a {measured.WarmUp.TotalSeconds:0} s warm-up"));
                    results.Add(measured);
                }
            }

            foreach (var backlog in options.Backlogs)
            {
                foreach (var subject in new[] { CostSubject.Floor, CostSubject.LiveRelay })
                {
                    var measured = await DeliveryAsync(subject, backlog, repeat, sources, emulator, client, cancellationToken).ConfigureAwait(false);
                    context.Say(string.Create(
                        CultureInfo.InvariantCulture,
                        $"cost: delivery, backlog {backlog}, {subject} (repeat {repeat}): {measured.Window.UnitsPerSecond:0.0} messages/s, {measured.Window.CpuMillisecondsPerUnit:0.000} ms CPU, {measured.Window.KilobytesPerUnit:0.0} KB, {measured.Window.WorkItemsPerUnit:0.0} work items per message, after a {measured.WarmUp.TotalSeconds:0} s warm-up"));
                    results.Add(measured);
                }
            }
        }

        return results;
    }

    /// <returns>The closed-loop window (<see cref="IntakeKind"/>), then the paced one (<see cref="PacedIntakeKind"/>).</returns>
    private async Task<IReadOnlyList<CostMeasurement>> IntakeAsync(
        CostSubject subject, int repeat, HarnessSources sources, EmulatorServer emulator, HttpClient client, CancellationToken cancellationToken)
    {
        var probe = new RuntimeStatsProbe();
        await using var process = await StartAsync(subject, 0, repeat, "intake", sources, emulator, probe, cancellationToken).ConfigureAwait(false);
        var address = new Uri(process.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
        var operation = LoadDriver.Http(
            client,
            n => sources.OrdersSigner.CreateRequest(
                address,
                string.Create(CultureInfo.InvariantCulture, $"cost-{subject}-{repeat}-{n:D7}"),
                HarnessSources.OrderEvent(n, group: n % 3 != 0)));
        // Each stretch of load numbers its events above the last one's, so no event repeats.
        var stretches = 0L;
        Func<long, CancellationToken, Task<int?>> NextStretch()
        {
            var first = ++stretches * EventsPerStretch;
            return (n, ct) => operation(first + n, ct);
        }

        Task<LoadRun> Load(TimeSpan duration) =>
            LoadDriver.RunAsync(NextStretch(), options.Concurrency, long.MaxValue, duration, TimeSpan.Zero, cancellationToken);

        Task<LoadRun> Paced(TimeSpan duration) =>
            LoadDriver.RunPacedAsync(NextStretch(), options.PacedIntakeRate, duration, options.Concurrency, cancellationToken);

        var (warmUp, start) = await WarmUpAsync(process, probe, options.WarmUp, Load, cancellationToken).ConfigureAwait(false);
        var closed = await WindowAsync(IntakeKind, start, warmUp, Load).ConfigureAwait(false);

        // The pool's threads and the heap settle to the lighter load (as long as the least warm-up) before the paced window.
        await Paced(options.WarmUp).ConfigureAwait(false);
        var pacedStart = await probe.SampleAsync(process.Process, cancellationToken).ConfigureAwait(false);
        var paced = await WindowAsync(PacedIntakeKind, pacedStart, warmUp + options.IntakeWindow + options.WarmUp, Paced).ConfigureAwait(false);
        await process.StopAsync().ConfigureAwait(false);
        return [closed, paced];

        async Task<CostMeasurement> WindowAsync(string kind, CostSample windowStart, TimeSpan warmedUp, Func<TimeSpan, Task<LoadRun>> load)
        {
            var run = await load(options.IntakeWindow).ConfigureAwait(false);
            var end = await probe.SampleAsync(process.Process, cancellationToken).ConfigureAwait(false);
            var accepted = run.Count(static status => status is >= 200 and < 300);
            if (accepted != run.Requests)
            {
                context.Say($"cost: {kind}, {subject}: {run.Requests - accepted} of {run.Requests} requests were not accepted ({string.Join(", ", run.Statuses.Select(static s => $"{s.Key} x{s.Value}"))}, {run.Failures} failed)");
            }

            return new CostMeasurement(kind, 0, subject, repeat, end.Since(windowStart, accepted), end.Cpu, end.Runtime.JitMilliseconds, warmedUp);
        }
    }

    private async Task<CostMeasurement> DeliveryAsync(
        CostSubject subject, int backlog, int repeat, HarnessSources sources, EmulatorServer emulator, HttpClient client, CancellationToken cancellationToken)
    {
        // Enough that at least `backlog` messages still wait when the window ends.
        var fill = backlog + (int)(((options.DeliveryWarmUp > options.WarmUpLimit ? options.DeliveryWarmUp : options.WarmUpLimit) + options.WarmUpStep + options.DeliveryWindow).TotalSeconds * DeliveryRate * 1.1);
        var probe = new RuntimeStatsProbe();
        await using var process = await StartAsync(subject, subject == CostSubject.Floor ? fill : 0, repeat, $"delivery-{backlog}", sources, emulator, probe, cancellationToken)
            .ConfigureAwait(false);
        if (subject == CostSubject.LiveRelay)
        {
            await FillAsync(process.BaseAddress, fill, repeat, client, cancellationToken).ConfigureAwait(false);
        }

        var (warmUp, start) = await WarmUpAsync(process, probe, options.DeliveryWarmUp, d => Task.Delay(d, cancellationToken), cancellationToken).ConfigureAwait(false);
        var deliveredBefore = Delivered(emulator);
        await Task.Delay(options.DeliveryWindow, cancellationToken).ConfigureAwait(false);
        var end = await probe.SampleAsync(process.Process, cancellationToken).ConfigureAwait(false);
        var delivered = Delivered(emulator) - deliveredBefore;
        await process.StopAsync().ConfigureAwait(false);
        return new CostMeasurement(DeliveryKind, backlog, subject, repeat, end.Since(start, delivered), end.Cpu, end.Runtime.JitMilliseconds, warmUp);
    }

    /// <summary>
    /// Runs <paramref name="load"/> for <paramref name="least"/>, then in steps until the process's JIT has settled (at
    /// most <see cref="CostOptions.SettledJitShare"/> of a step's wall time spent compiling) or the warm-up reached
    /// <see cref="CostOptions.WarmUpLimit"/>.
    /// </summary>
    /// <returns>How long the warm-up took, and the reading at its end: the window's start.</returns>
    private async Task<(TimeSpan WarmUp, CostSample End)> WarmUpAsync(
        MeasuredProcess process, RuntimeStatsProbe probe, TimeSpan least, Func<TimeSpan, Task> load, CancellationToken cancellationToken)
    {
        await load(least).ConfigureAwait(false);
        var reading = await probe.SampleAsync(process.Process, cancellationToken).ConfigureAwait(false);
        var spent = least;
        while (spent < options.WarmUpLimit)
        {
            await load(options.WarmUpStep).ConfigureAwait(false);
            var next = await probe.SampleAsync(process.Process, cancellationToken).ConfigureAwait(false);
            spent += options.WarmUpStep;
            var settled = next.Runtime.JitMilliseconds - reading.Runtime.JitMilliseconds <= options.SettledJitShare * (next.At - reading.At).TotalMilliseconds;
            reading = next;
            if (settled)
            {
                break;
            }
        }

        return (spent, reading);
    }

    private static long Delivered(EmulatorServer emulator)
    {
        var accepted = emulator.Statistics.Snapshot().Accepted;
        return accepted.GetValueOrDefault(LiveApiActions.SendMessageToGroup) + accepted.GetValueOrDefault(LiveApiActions.SendLiveMessageUser);
    }

    /// <summary>Puts <paramref name="count"/> normalized messages (two group messages per user message) on the host's queue through <c>/api/messages</c>.</summary>
    private static async Task FillAsync(Uri host, int count, int repeat, HttpClient client, CancellationToken cancellationToken)
    {
        var address = new Uri(host, "api/messages");
        for (var first = 0; first < count; first += FillBatch)
        {
            var body = MessagesBody(first, Math.Min(FillBatch, count - first), repeat);
            using var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"Filling the queue: /api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
            }
        }
    }

    private static byte[] MessagesBody(int first, int count, int repeat)
    {
        var items = Enumerable.Range(first, count).Select(n =>
        {
            var order = string.Create(CultureInfo.InvariantCulture, $"A{repeat}{n:D7}");
            return n % 3 == 0
                ? (object)new { kind = "user", request = new { appId = HarnessSources.KnownApp, receiverId = string.Create(CultureInfo.InvariantCulture, $"u{n:D7}"), senderId = "shop", msgType = 10001, body = $"Order {order} has shipped" } }
                : new
                {
                    kind = "group",
                    request = new
                    {
                        appId = HarnessSources.KnownApp,
                        groupId = string.Create(CultureInfo.InvariantCulture, $"room{n % 20}"),
                        operatorUserId = "shop",
                        type = 10010,
                        data = new { @event = order, order, text = $"Order {order} is on its way" },
                    },
                };
        });
        return JsonSerializer.SerializeToUtf8Bytes(items);
    }

    private async Task<MeasuredProcess> StartAsync(
        CostSubject subject, int backlog, int repeat, string what, HarnessSources sources, EmulatorServer emulator, RuntimeStatsProbe probe, CancellationToken cancellationToken)
    {
        var environment = RuntimeStatsProbe.Environment();
        var log = context.LogPath($"cost-{what}-{subject}-{repeat}");
        switch (subject)
        {
            case CostSubject.LiveRelay:
                // As shipped: the host's own logging settings, not the quiet ones the other runs give it.
                var settings = sources.HostSettings(string.Empty, emulator.Endpoint)
                    .Where(static s => !s.Key.StartsWith("Logging:", StringComparison.OrdinalIgnoreCase))
                    .ToDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (var (key, value) in environment)
                {
                    settings[key] = value;
                }

                var host = await StandaloneHostProcess.StartAsync(settings, LoopbackPort.GetFree(), log, cancellationToken, probe.Read).ConfigureAwait(false);
                return new MeasuredProcess(host.BaseAddress, host.Process, host.StopAsync, host.DisposeAsync);

            case CostSubject.Floor:
                environment[FloorProgram.SecretVariable] = sources.OrdersSigner.Secret;
                var floor = await HarnessModeProcess.StartAsync(
                    FloorProgram.Command, LoopbackPort.GetFree(), log, cancellationToken,
                    ["--endpoint", emulator.Endpoint.ToString(), "--backlog", backlog.ToString(CultureInfo.InvariantCulture)], environment, probe.Read).ConfigureAwait(false);
                return new MeasuredProcess(floor.BaseAddress, floor.Process, floor.StopAsync, floor.DisposeAsync);

            default:
                var trivial = await HarnessModeProcess.StartAsync(BaselineEndpoint.Command, LoopbackPort.GetFree(), log, cancellationToken, environment: environment, onLine: probe.Read)
                    .ConfigureAwait(false);
                return new MeasuredProcess(trivial.BaseAddress, trivial.Process, trivial.StopAsync, trivial.DisposeAsync);
        }
    }
}
