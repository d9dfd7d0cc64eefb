using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Recovery;

/// <summary>
/// A host stopped while messages are in flight waits for them up to its grace period, then cancels their handlers and
/// makes them visible again at once, so a new host delivers them without waiting for their lease to run out.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class HostStopTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int Messages = 60;

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Fact]
    public async Task A_host_stopped_mid_run_releases_its_in_flight_messages_for_the_next_host()
    {
        _emulator.Reset();
        // Every answer takes 3 s: whatever host A has in flight when it stops cannot finish within its grace period.
        _emulator.Faults.Configure(new FaultOptions { Seed = 7, Latency = TimeSpan.FromSeconds(3) });
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var settings = RelaySettings.For(account, _emulator);
        settings["LiveRelay:Queues:ShutdownGracePeriod"] = "00:00:00.5";

        // The lease stays at its 10-minute default: only a release brings the messages back within this test.
        var hostA = await RelayHost.StartAsync(settings);
        List<string> ids;
        TimeSpan stopping;
        int inFlightAtStop;
        try
        {
            using var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("stop-60", TestSources.Recipients("st", Messages)));
            using var answer = await hostA.Client.SendAsync(webhook);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
            ids = WebhookDeliveryTests.MessageIds(await answer.Content.ReadFromJsonAsync<JsonElement>());
            await Eventually.WaitUntilAsync(
                () => hostA.Processor(QueueNames.LiveMessages).InFlightCount >= 16, TimeSpan.FromSeconds(30), () => "host A never had a batch in flight");
            inFlightAtStop = hostA.Processor(QueueNames.LiveMessages).InFlightCount;
        }
        finally
        {
            var clock = Stopwatch.StartNew();
            await hostA.DisposeAsync();
            stopping = clock.Elapsed;
        }

        _emulator.Faults.Configure(new FaultOptions { Seed = 7 });
        var clockB = Stopwatch.StartNew();
        await using var hostB = await RelayHost.StartAsync(settings);
        await _emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(30));
        var recovered = clockB.Elapsed;

        Assert.Equal(Messages, _emulator.MsgTidCounts().Count);
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
        Assert.InRange(stopping, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(20));
        var duplicates = _emulator.MsgTidCounts().Values.Sum() - Messages;
        Assert.InRange(duplicates, 0, inFlightAtStop);
        output.WriteLine($"Host A stopped with {inFlightAtStop} messages in flight in {stopping.TotalSeconds:0.0} s; host B delivered all {Messages} "
            + $"within {recovered.TotalSeconds:0.0} s of starting (the lease is 10 minutes); delivered twice: {duplicates}.");
    }
}
