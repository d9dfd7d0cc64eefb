using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Concurrency;

/// <summary>host.json's queue concurrency, measured: never more than batchSize + newBatchThreshold messages in flight.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class InFlightLimitTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int BatchSize = 4;
    private const int NewBatchThreshold = 2;

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Fact]
    public async Task Peak_in_flight_messages_never_exceed_batchSize_plus_newBatchThreshold()
    {
        _emulator.Reset();
        // Slow answers keep messages in flight long enough for the processor to fetch its next batch meanwhile.
        _emulator.Faults.Configure(new FaultOptions
        {
            Seed = 3, Latency = TimeSpan.FromMilliseconds(60), LatencyJitter = TimeSpan.FromMilliseconds(120),
        });
        var account = environment.NewStorageAccount();
        var settings = RelaySettings.For(account, _emulator);
        settings["AzureFunctionsJobHost:extensions:queues:batchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["AzureFunctionsJobHost:extensions:queues:newBatchThreshold"] = NewBatchThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await RelayHost.StartAsync(settings);
        List<string> ids;
        await using (var observer = new InFlightObserver(host.MeterFactory, QueueNames.LiveMessages))
        {
            using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent("in-flight-60", TestSources.Recipients("cc", 60)));
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids = WebhookDeliveryTests.MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>());

            await _emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(60));
            await observer.StopAsync();

            output.WriteLine($"Limit {BatchSize + NewBatchThreshold}: sampled max {observer.SampledMax} over {observer.Samples} samples, peak gauge {observer.ReportedPeak}.");
            Assert.True(observer.Samples > 50, $"Only {observer.Samples} samples of the in-flight counter were taken.");
            Assert.InRange(observer.SampledMax, 1, BatchSize + NewBatchThreshold);
            Assert.InRange(observer.ReportedPeak, observer.SampledMax, BatchSize + NewBatchThreshold);

            // Above one batch: the next batch was fetched while the first was still in flight, so the limit was in play.
            Assert.True(observer.ReportedPeak > BatchSize, $"Peak {observer.ReportedPeak}: the processor never had more than one batch in flight.");
            Assert.Equal(host.Processor(QueueNames.LiveMessages).PeakInFlightCount, observer.ReportedPeak);
        }

        Assert.All(_emulator.MsgTidCounts(), static c => Assert.Equal(1, c.Value));
    }
}
