using System.Globalization;
using System.Security.Cryptography;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Load;
using LiveRelay.Harness.Sources;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Intake and delivery under load: first a trivial ASP.NET Core endpoint (the baseline), then the standalone host, get
/// the same closed-loop stream of signed webhooks; each webhook becomes one message (two group messages for every user
/// message, the ratio of the two API limits), queued on Azurite and delivered to the emulator at its real limits.
/// </summary>
internal sealed class LoadScenario(RunContext context, LoadOptions options)
{
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var environment = await ScenarioEnvironment.StartAsync(cancellationToken).ConfigureAwait(false);
        using var client = CreateClient(options.Concurrency);
        var body = HarnessSources.OrderEvent(1, group: true);

        context.Say($"load: baseline endpoint, {options.Concurrency} concurrent, {options.Duration.TotalSeconds:0} s");
        LoadRun baseline;
        await using (var endpoint = await HarnessModeProcess.StartAsync(BaselineEndpoint.Command, LoopbackPort.GetFree(), context.LogPath("load-baseline"), cancellationToken).ConfigureAwait(false))
        {
            var address = new Uri(endpoint.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
            baseline = await LoadDriver.RunAsync(
                LoadDriver.Http(client, n => environment.Sources.OrdersSigner.CreateRequest(address, WebhookId("base", n), body)),
                options.Concurrency, long.MaxValue, options.Duration, options.WarmUp, cancellationToken).ConfigureAwait(false);
            await endpoint.StopAsync().ConfigureAwait(false);
        }

        context.Say($"load: baseline {baseline.RequestsPerSecond:0} requests/s; now Azurite alone, {options.Concurrency} concurrent enqueues");
        var queueBaseline = await QueueBaselineAsync(cancellationToken).ConfigureAwait(false);

        context.Say($"load: Azurite took {queueBaseline.RequestsPerSecond:0} enqueues/s; now the standalone host with in-memory queues");
        var inMemory = await InMemoryIntakeAsync(environment, client, body, cancellationToken).ConfigureAwait(false);

        context.Say($"load: with in-memory queues the host took {inMemory.RequestsPerSecond:0} requests/s; now the standalone host with Azurite");
        var ledger = new DeliveryLedger();
        await using var host = await StandaloneHostProcess.StartAsync(
            environment.HostSettings(), LoopbackPort.GetFree(), context.LogPath("load-host"), cancellationToken).ConfigureAwait(false);
        var webhooks = new Uri(host.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
        var started = DateTimeOffset.UtcNow;
        await using var backlog = new BacklogSampler(environment.Queues, QueueNames.LiveMessages);
        var cpuBefore = host.Process.LastSample?.CpuTime ?? TimeSpan.Zero;
        var intake = await LoadDriver.RunAsync(
            LoadDriver.Http(
                client,
                n => environment.Sources.OrdersSigner.CreateRequest(webhooks, WebhookId("load", n), HarnessSources.OrderEvent(n, group: n % 3 != 0)),
                (status, answer) => ledger.RecordAnswer(status, answer, DateTimeOffset.UtcNow)),
            options.Concurrency,
            options.MaxRequests,
            options.Duration,
            options.WarmUp,
            cancellationToken).ConfigureAwait(false);
        var intakeEnded = DateTimeOffset.UtcNow;
        var intakeCpu = (host.Process.LastSample?.CpuTime ?? TimeSpan.Zero) - cpuBefore;

        context.Say($"load: host took {intake.RequestsPerSecond:0} requests/s; waiting for {ledger.Count} messages to be delivered");
        var audit = await environment.WaitForSettledAsync(ledger, options.DeliveryTimeout, queueMustBeEmpty: false, cancellationToken).ConfigureAwait(false);
        var finished = DateTimeOffset.UtcNow;
        var leftOnQueue = await environment.Queues.CountAsync(QueueNames.LiveMessages, cancellationToken).ConfigureAwait(false);
        await backlog.StopAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);

        var calls = environment.Emulator.Recorded();
        var throttled = environment.Emulator.Statistics.Snapshot().Throttled;
        var lastDelivery = audit.SettledAt.Count == 0 ? finished : audit.SettledAt.Values.Max();
        return new LoadResult(
            options,
            baseline,
            queueBaseline,
            inMemory,
            intake,
            [
                Operation(calls, LiveApiActions.SendMessageToGroup, RateLimitOptions.DefaultSendMessageToGroup, throttled, started, intakeEnded, finished),
                Operation(calls, LiveApiActions.SendLiveMessageUser, RateLimitOptions.DefaultSendLiveMessageUser, throttled, started, intakeEnded, finished),
            ],
            audit,
            lastDelivery - started,
            host.PeakInFlight(QueueNames.LiveMessages),
            HostJsonLimits.MaxMessagesInFlight(),
            HostResources.Of(host.Process),
            intakeCpu,
            RateSeries.From(calls, started, lastDelivery.AddSeconds(2)),
            backlog.Samples)
        {
            SettleFailures = host.SettleFailures,
            LeftOnQueue = leftOnQueue,
        };
    }

    internal static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = TimeSpan.FromMinutes(10),
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static OperationDelivery Operation(
        IReadOnlyList<RecordedMessage> calls, string action, int limit, IReadOnlyDictionary<string, long> throttled,
        DateTimeOffset start, DateTimeOffset intakeEnded, DateTimeOffset end)
    {
        var series = RateSeries.From(calls, start, end);
        var drained = calls.Where(c => c.Action == action && c.ReceivedAt >= intakeEnded).Select(static c => c.ReceivedAt).ToList();
        var drainRate = drained.Count > 1 ? drained.Count / (drained.Max() - intakeEnded).TotalSeconds : (double?)null;
        return new OperationDelivery(
            action, calls.Count(c => c.Action == action), RateSeries.MeanRate(calls, action), series.Peak(action), limit, throttled.GetValueOrDefault(action))
        {
            BacklogRate = drainRate,
        };
    }

    /// <summary>
    /// What the queue alone takes: the same number of concurrent writers sending envelope-sized messages straight to a
    /// fresh Azurite of its own (Azurite's in-memory store slows down as messages pile up, so these must not stay
    /// behind for the host's run).
    /// </summary>
    private async Task<LoadRun> QueueBaselineAsync(CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true }, cancellationToken).ConfigureAwait(false);
        using var queues = new AzuriteQueues(azurite);
        var queue = queues.Get("load-baseline");
        await queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var message = Convert.ToBase64String(RandomNumberGenerator.GetBytes(420));
        return await LoadDriver.RunAsync(
            async (_, token) =>
            {
                try
                {
                    await queue.SendAsync(message, cancellationToken: token).ConfigureAwait(false);
                    return 201;
                }
                catch (MessageQueueException)
                {
                    return null;
                }
            },
            options.Concurrency,
            long.MaxValue,
            options.Duration / 2,
            options.WarmUp / 2,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The host's own intake cost, without Azurite: the same host and load with in-memory queues (and an emulator of
    /// its own, so its deliveries do not mix with the main run's). Only intake is measured; the queued messages go
    /// with the process.
    /// </summary>
    private async Task<LoadRun> InMemoryIntakeAsync(ScenarioEnvironment environment, HttpClient client, byte[] body, CancellationToken cancellationToken)
    {
        await using var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
        var settings = environment.Sources.HostSettings(string.Empty, emulator.Endpoint);
        await using var host = await StandaloneHostProcess.StartAsync(settings, LoopbackPort.GetFree(), context.LogPath("load-host-in-memory"), cancellationToken)
            .ConfigureAwait(false);
        var webhooks = new Uri(host.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
        var run = await LoadDriver.RunAsync(
            LoadDriver.Http(client, n => environment.Sources.OrdersSigner.CreateRequest(webhooks, WebhookId("memory", n), HarnessSources.OrderEvent(n, group: n % 3 != 0))),
            options.Concurrency,
            long.MaxValue,
            options.Duration,
            options.WarmUp,
            cancellationToken).ConfigureAwait(false);
        host.Kill();
        return run;
    }

    private static string WebhookId(string prefix, long n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D7}");
}
