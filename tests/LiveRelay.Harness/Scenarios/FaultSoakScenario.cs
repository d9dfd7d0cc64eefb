using System.Globalization;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Load;
using LiveRelay.Harness.Sources;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Webhooks arrive at a steady rate while the emulator injects seeded 500s, 503s, throttling, timeouts and dropped
/// connections; part-way through, the host process gets SIGKILL and a new one starts on the same port. Afterwards
/// every accepted message must be delivered or parked in <c>live-messages-poison</c> with a reason.
/// </summary>
internal sealed class FaultSoakScenario(RunContext context, FaultSoakOptions options)
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(30);

    public async Task<FaultSoakResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var environment = await ScenarioEnvironment.StartAsync(cancellationToken).ConfigureAwait(false);
        var settings = environment.HostSettings(new Dictionary<string, string>
        {
            ["LiveRelay:AlibabaCloud:Timeout"] = options.ApiTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["LiveRelay:Queues:MessageLease"] = options.MessageLease.ToString("c", CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:02",
        });
        var port = LoopbackPort.GetFree();
        var processes = new List<StandaloneHostProcess>();
        try
        {
            processes.Add(await StandaloneHostProcess.StartAsync(settings, port, context.LogPath("soak-host-1"), cancellationToken).ConfigureAwait(false));
            environment.Emulator.Faults.Configure(options.Faults);
            context.Say(string.Create(CultureInfo.InvariantCulture,
                $"soak: {options.Events} webhooks at {options.WebhooksPerSecond}/s with seeded faults; SIGKILL after {options.KillAfter.TotalSeconds:0} s"));

            var ledger = new DeliveryLedger();
            using var client = LoadScenario.CreateClient(64);
            client.Timeout = TimeSpan.FromSeconds(10);
            var webhooks = new Uri(processes[0].BaseAddress, "api/webhooks/" + HarnessSources.Orders);
            var start = DateTimeOffset.UtcNow;
            await using var backlog = new BacklogSampler(environment.Queues, QueueNames.LiveMessages);
            var killed = DateTimeOffset.MinValue;
            var killer = Task.Run(async () =>
            {
                await Task.Delay(options.KillAfter, cancellationToken).ConfigureAwait(false);
                processes[^1].Kill();
                killed = DateTimeOffset.UtcNow;
                context.Say("soak: host killed (SIGKILL); starting a new one");
                processes.Add(await StartAgainAsync(settings, port, cancellationToken).ConfigureAwait(false));
            }, cancellationToken);

            var run = await new PacedWebhookSender(client).RunAsync(
                n => environment.Sources.OrdersSigner.CreateRequest(
                    webhooks,
                    string.Create(CultureInfo.InvariantCulture, $"soak-{n:D6}"),
                    HarnessSources.OrderEvent(n, group: n % 3 != 0, app: n % options.UnknownAppEvery == 5 ? HarnessSources.UnknownApp : HarnessSources.KnownApp)),
                options.Events,
                options.WebhooksPerSecond,
                body => ledger.RecordAnswer(202, body, DateTimeOffset.UtcNow),
                start + options.Duration + options.SettleTimeout / 2,
                cancellationToken).ConfigureAwait(false);
            await killer.ConfigureAwait(false);

            context.Say($"soak: {run.Accepted} of {run.Events} webhooks accepted; waiting for {ledger.Count} messages to be delivered or parked");
            var audit = await environment.WaitForSettledAsync(ledger, options.SettleTimeout, queueMustBeEmpty: true, cancellationToken).ConfigureAwait(false);
            var statistics = environment.Emulator.Statistics.Snapshot();
            await backlog.StopAsync().ConfigureAwait(false);
            var last = processes[^1];
            var cleanStop = await last.StopAsync().ConfigureAwait(false);

            var calls = environment.Emulator.Recorded();
            var beforeKill = ledger.Accepted.Where(m => m.AcceptedAt < killed).Select(static m => m.MessageId).ToList();
            DateTimeOffset? preKillSettled = beforeKill.All(audit.SettledAt.ContainsKey) && beforeKill.Count > 0
                ? beforeKill.Max(id => audit.SettledAt[id])
                : null;
            var end = audit.SettledAt.Count > 0 ? audit.SettledAt.Values.Max() : DateTimeOffset.UtcNow;
            return new FaultSoakResult(
                options,
                start,
                run,
                audit,
                statistics,
                killed,
                last.StartedAt,
                last.ReadyAt,
                calls.Where(c => c.ReceivedAt >= last.StartedAt).Select(static c => (DateTimeOffset?)c.ReceivedAt).Min(),
                beforeKill.Count,
                preKillSettled,
                cleanStop,
                HostResources.Of([.. processes.Select(static p => p.Process)]),
                RateSeries.From(calls, start, end.AddSeconds(2)),
                backlog.Samples)
            {
                SettleFailures = processes.Sum(static p => p.SettleFailures),
            };
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts a host on the same port; a port the killed process held may take a moment to be free.</summary>
    private async Task<StandaloneHostProcess> StartAgainAsync(Dictionary<string, string> settings, int port, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + RestartTimeout;
        for (var attempt = 2; ; attempt++)
        {
            try
            {
                return await StandaloneHostProcess.StartAsync(
                    settings, port, context.LogPath(string.Create(CultureInfo.InvariantCulture, $"soak-host-{attempt}")), cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
