using System.Diagnostics;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Settings;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Sources;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// One campaign webhook with N recipients (10,000 by default, the intake limit): the time to enqueue them all (the
/// 202 comes after the last one is on the queue) and to deliver them all at SendLiveMessageUser's limit, against the
/// theoretical minimum N / limit. Queues are in memory unless <paramref name="onAzurite"/>: Azurite's in-memory store
/// does work proportional to the queue's length on every call, and with 10,000 messages on one queue it stops answering
/// within the 30-second request limit on a small machine.
/// </summary>
internal sealed class FanOutScenario(RunContext context, int recipients = 10_000, bool onAzurite = false)
{
    private const int Limit = RateLimitOptions.DefaultSendLiveMessageUser;

    public async Task<FanOutResult> RunAsync(CancellationToken cancellationToken)
    {
        await using var environment = await ScenarioEnvironment.StartAsync(cancellationToken).ConfigureAwait(false);
        await using var host = await StandaloneHostProcess.StartAsync(
            onAzurite ? environment.HostSettings() : environment.Sources.HostSettings(string.Empty, environment.Emulator.Endpoint),
            LoopbackPort.GetFree(),
            context.LogPath("fanout-host"),
            cancellationToken).ConfigureAwait(false);
        using var client = LoadScenario.CreateClient(1);
        client.Timeout = TimeSpan.FromMinutes(5);

        var minimum = TimeSpan.FromSeconds((double)recipients / Limit);
        context.Say($"fan-out: one event with {recipients} recipients (theoretical minimum {minimum.TotalSeconds:0} s at {Limit}/s)");
        var ledger = new DeliveryLedger();
        var body = HarnessSources.CampaignEvent(recipients);
        var started = DateTimeOffset.UtcNow;
        await using var backlog = new BacklogSampler(environment.Queues, onAzurite ? QueueNames.LiveMessages : "not-used");
        var clock = Stopwatch.StartNew();
        int status;
        using (var request = environment.Sources.CampaignSigner.CreateRequest(new Uri(host.BaseAddress, "api/webhooks/" + HarnessSources.Campaign), "campaign-spring26", body))
        using (var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
            status = (int)response.StatusCode;
            ledger.RecordAnswer(status, await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), DateTimeOffset.UtcNow);
        }

        var enqueueTime = clock.Elapsed;
        context.Say($"fan-out: answered {status} after {enqueueTime.TotalSeconds:0.0} s with {ledger.Count} message ids; delivering");
        var audit = await environment.WaitForSettledAsync(ledger, (minimum * 1.5) + TimeSpan.FromSeconds(90), queueMustBeEmpty: false, cancellationToken)
            .ConfigureAwait(false);
        var resources = HostResources.Of(host.Process);
        await backlog.StopAsync().ConfigureAwait(false);
        await host.StopAsync().ConfigureAwait(false);

        TimeSpan? deliveryTime = audit.IsSettled && audit.Accepted == recipients && audit.SettledAt.Count > 0 ? audit.SettledAt.Values.Max() - started : null;
        var end = audit.SettledAt.Count > 0 ? audit.SettledAt.Values.Max() : DateTimeOffset.UtcNow;
        var calls = environment.Emulator.Recorded();
        var rates = RateSeries.From(calls, started, end.AddSeconds(2));
        var throttled = environment.Emulator.Statistics.Snapshot().Throttled.GetValueOrDefault(LiveApiActions.SendLiveMessageUser);
        return new FanOutResult(
            onAzurite,
            recipients,
            status,
            enqueueTime,
            deliveryTime,
            minimum,
            new OperationDelivery(
                LiveApiActions.SendLiveMessageUser, calls.Count, RateSeries.MeanRate(calls, LiveApiActions.SendLiveMessageUser),
                rates.Peak(LiveApiActions.SendLiveMessageUser), Limit, throttled),
            audit,
            host.PeakInFlight(QueueNames.LiveMessages),
            resources,
            rates,
            backlog.Samples)
        {
            SettleFailures = host.SettleFailures,
        };
    }
}
