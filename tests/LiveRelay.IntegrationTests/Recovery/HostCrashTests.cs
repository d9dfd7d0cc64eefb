using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Recovery;

/// <summary>
/// A host killed mid-run loses nothing: what it had in flight stays leased in the queue, comes back when the lease
/// runs out, and a new host on the same queues delivers it. Messages the first host delivered but never settled are
/// delivered again (at least once): they are counted, not hidden.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostCrashTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int Messages = 150;
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(3);

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Fact]
    public async Task A_host_killed_mid_run_loses_nothing_and_a_new_host_delivers_what_it_had_in_flight()
    {
        _emulator.Reset();
        // Slow answers keep a full set of messages in flight (each is recorded on arrival, answered later).
        _emulator.Faults.Configure(new FaultOptions { Seed = 5, Latency = TimeSpan.FromMilliseconds(200), LatencyJitter = TimeSpan.FromMilliseconds(100) });
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var settings = RelaySettings.For(account, _emulator);
        settings["LiveRelay:Queues:MessageLease"] = "00:00:03";

        List<string> ids;
        int deliveredBeforeKill;
        await using (var hostA = await RelayProcess.StartAsync(settings, TimeSpan.FromSeconds(60)))
        {
            using var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("crash-150", TestSources.Recipients("cr", Messages)));
            using var answer = await hostA.Client.SendAsync(webhook);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            ids = WebhookDeliveryTests.MessageIds(await answer.Content.ReadFromJsonAsync<JsonElement>());

            await Eventually.WaitUntilAsync(() => _emulator.MsgTidCounts().Count >= 30, TimeSpan.FromSeconds(30), hostA.Output);
            hostA.Kill();
            deliveredBeforeKill = _emulator.MsgTidCounts().Count;
        }

        Assert.InRange(deliveredBeforeKill, 30, Messages - 1);

        // Host A is gone (killed and waited for); whatever it had sent may still be arriving, but nothing it sends again.
        var hostBStarting = DateTimeOffset.UtcNow;
        await using var hostB = await RelayHost.StartAsync(settings);
        await _emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(60));
        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveMessages) == 0, TimeSpan.FromSeconds(20), () => "live-messages was not emptied");

        var counts = _emulator.MsgTidCounts();
        Assert.Equal(ids.Order(), counts.Keys.Order());
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));

        // Messages host A had in flight were recorded by the emulator but never settled: they came back after their
        // lease ran out, and host B delivered them again. When a lease ran out is not seen from here: it started when
        // host A received the message, which can be well before its first delivery (a fresh host waits for its first
        // share of the limits, longer on a busy machine), so only who sent the repeat is checked: host B, once started
        // (the kill's own moment is no line: host A's last calls can reach the emulator just after it). The lease
        // itself is the queue processor's, tested on a controlled clock.
        var repeats = _emulator.Recorded(LiveApiActions.SendLiveMessageUser)
            .GroupBy(static m => m.Parameters["MsgTid"], StringComparer.Ordinal)
            .Where(static g => g.Count() > 1)
            .SelectMany(static g => g.OrderBy(static m => m.ReceivedAt).Skip(1).Select(m => (Again: m.ReceivedAt, First: g.Min(static f => f.ReceivedAt))))
            .ToList();
        Assert.NotEmpty(repeats);
        Assert.All(repeats, r => Assert.True(
            r.Again >= hostBStarting,
            $"A message was delivered at {r.First:HH:mm:ss.fff} and again at {r.Again:HH:mm:ss.fff}, before host B was started at {hostBStarting:HH:mm:ss.fff}."));
        var duplicates = counts.Values.Sum() - Messages;
        Assert.InRange(duplicates, 1, RepositoryHostJson.MaxInFlight);

        output.WriteLine($"{Messages} messages; host A killed after {deliveredBeforeKill} were delivered; host B delivered the rest. "
            + $"Lost: 0. Delivered twice: {duplicates} (host A's unsettled in-flight messages, back after the {Lease.TotalSeconds:0} s lease).");
    }
}
