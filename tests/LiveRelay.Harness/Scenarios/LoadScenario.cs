using System.Globalization;
using LiveRelay.AlibabaCloud.Messaging;
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
        var driver = new LoadDriver(client);
        var body = HarnessSources.OrderEvent(1, group: true);

        context.Say($"load: baseline endpoint, {options.Concurrency} concurrent, {options.Duration.TotalSeconds:0} s");
        LoadRun baseline;
        await using (var endpoint = await BaselineEndpointProcess.StartAsync(LoopbackPort.GetFree(), context.LogPath("load-baseline"), cancellationToken).ConfigureAwait(false))
        {
            var address = new Uri(endpoint.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
            baseline = await driver.RunAsync(
                n => environment.Sources.OrdersSigner.CreateRequest(address, WebhookId("base", n), body),
                options.Concurrency, long.MaxValue, options.Duration, options.WarmUp, null, cancellationToken).ConfigureAwait(false);
            await endpoint.StopAsync().ConfigureAwait(false);
        }

        context.Say($"load: baseline {baseline.RequestsPerSecond:0} requests/s; now the standalone host");
        var ledger = new DeliveryLedger();
        await using var host = await StandaloneHostProcess.StartAsync(
            environment.HostSettings(), LoopbackPort.GetFree(), context.LogPath("load-host"), cancellationToken).ConfigureAwait(false);
        var webhooks = new Uri(host.BaseAddress, "api/webhooks/" + HarnessSources.Orders);
        var started = DateTimeOffset.UtcNow;
        var cpuBefore = host.Process.LastSample?.CpuTime ?? TimeSpan.Zero;
        var intake = await driver.RunAsync(
            n => environment.Sources.OrdersSigner.CreateRequest(webhooks, WebhookId("load", n), HarnessSources.OrderEvent(n, group: n % 3 != 0)),
            options.Concurrency,
            options.MaxRequests,
            options.Duration,
            options.WarmUp,
            (status, answer) => ledger.RecordAnswer(status, answer, DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
        var intakeCpu = (host.Process.LastSample?.CpuTime ?? TimeSpan.Zero) - cpuBefore;

        context.Say($"load: host took {intake.RequestsPerSecond:0} requests/s; waiting for {ledger.Count} messages to be delivered");
        var audit = await environment.WaitForSettledAsync(ledger, options.DeliveryTimeout, queueMustBeEmpty: true, cancellationToken).ConfigureAwait(false);
        var finished = DateTimeOffset.UtcNow;
        await host.StopAsync().ConfigureAwait(false);

        var calls = environment.Emulator.Recorded();
        var throttled = environment.Emulator.Statistics.Snapshot().Throttled;
        var lastDelivery = audit.SettledAt.Count == 0 ? finished : audit.SettledAt.Values.Max();
        return new LoadResult(
            options,
            baseline,
            intake,
            [
                Operation(calls, LiveApiActions.SendMessageToGroup, RateLimitOptions.DefaultSendMessageToGroup, throttled, started, finished),
                Operation(calls, LiveApiActions.SendLiveMessageUser, RateLimitOptions.DefaultSendLiveMessageUser, throttled, started, finished),
            ],
            audit,
            lastDelivery - started,
            host.PeakInFlight(QueueNames.LiveMessages),
            HostJsonLimits.MaxMessagesInFlight(),
            HostResources.Of(host.Process),
            intakeCpu,
            RateSeries.From(calls, started, lastDelivery.AddSeconds(2)));
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
        IReadOnlyList<LiveRelay.Emulator.Messages.RecordedMessage> calls, string action, int limit, IReadOnlyDictionary<string, long> throttled,
        DateTimeOffset start, DateTimeOffset end)
    {
        var series = RateSeries.From(calls, start, end);
        return new OperationDelivery(
            action, calls.Count(c => c.Action == action), RateSeries.MeanRate(calls, action), series.Peak(action), limit, throttled.GetValueOrDefault(action));
    }

    private static string WebhookId(string prefix, long n) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{n:D7}");
}
