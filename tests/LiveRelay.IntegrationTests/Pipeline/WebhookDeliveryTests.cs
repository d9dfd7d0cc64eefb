using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Queues;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pipeline;

/// <summary>Webhook → intake → <c>live-messages</c> in Azurite → dispatcher → sender → the emulator's record.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class WebhookDeliveryTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    [Fact]
    public async Task A_signed_webhook_is_queued_and_each_message_arrives_at_the_emulator_as_mapped()
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await RelayHost.StartAsync(RelaySettings.For(account, _emulator));

        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-1001", ["u1001", "u1002"], text: "Order 1001 shipped"));
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", answer.GetProperty("delivery").GetString());
        var ids = MessageIds(answer);
        Assert.Equal(2, ids.Count);

        await _emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(30));
        var recorded = _emulator.Recorded(LiveApiActions.SendLiveMessageUser);
        Assert.Equal(2, recorded.Count);
        for (var i = 0; i < 2; i++)
        {
            var call = Assert.Single(recorded, m => m.Parameters["MsgTid"] == ids[i]);
            Assert.Equal(EmulatorServer.AppId, call.Parameters["AppId"]);
            Assert.Equal($"u100{i + 1}", call.Parameters["ReceiverId"]);
            Assert.Equal("shop", call.Parameters["SenderId"]);
            Assert.Equal("10001", call.Parameters["MsgType"]);
            Assert.Equal("Order 1001 shipped", call.Parameters["Body"]);
            Assert.Equal(EmulatorServer.AccessKeyId, call.AccessKeyId);
        }

        await Eventually.WaitUntilAsync(
            async () => await queues.CountAsync(QueueNames.LiveMessages) == 0, TimeSpan.FromSeconds(10), () => "live-messages was not emptied");
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
        Assert.Empty(host.Logs.Problems());
    }

    [Fact]
    public async Task A_group_source_delivers_one_SendMessageToGroup_per_room_with_the_content_as_Data()
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var host = await RelayHost.StartAsync(RelaySettings.For(account, _emulator));

        var body = JsonSerializer.Serialize(new { id = "news-7", appId = EmulatorServer.AppId, text = "Doors open at 8", rooms = new[] { "hallA", "hallB", "hallC" } });
        using var response = await host.Client.PostAsync(
            new Uri($"/api/webhooks/{TestSources.Rooms}", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.WaitUntilAsync(
            () => _emulator.Recorded(LiveApiActions.SendMessageToGroup).Count >= 3,
            TimeSpan.FromSeconds(30),
            () => EmulatorServer.Describe(_emulator.Statistics.Snapshot()));
        var groups = _emulator.Recorded(LiveApiActions.SendMessageToGroup);
        Assert.Equal(["hallA", "hallB", "hallC"], groups.Select(static g => g.Parameters["GroupId"]).Order());
        Assert.All(groups, g =>
        {
            Assert.Equal("relay", g.Parameters["OperatorUserId"]);
            Assert.Equal("10010", g.Parameters["Type"]);
            Assert.Equal("Doors open at 8", JsonDocument.Parse(g.Parameters["Data"]).RootElement.GetProperty("text").GetString());
        });
    }

    [Fact]
    public async Task A_fan_out_of_1000_is_delivered_once_each_within_the_in_flight_limit()
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await RelayHost.StartAsync(RelaySettings.For(account, _emulator));
        var recipients = TestSources.Recipients("fan", 1000);

        var clock = Stopwatch.StartNew();
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent("campaign-1000", recipients));
        using var response = await host.Client.SendAsync(request);
        var accepted = clock.Elapsed;

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(1000, ids.Distinct().Count());

        await _emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(90));
        var delivered = clock.Elapsed;
        var counts = _emulator.MsgTidCounts();
        Assert.Equal(1000, counts.Count);
        Assert.All(counts, c => Assert.Equal(1, c.Value));
        Assert.Equal(recipients, _emulator.Recorded(LiveApiActions.SendLiveMessageUser).Select(static m => m.Parameters["ReceiverId"]).Order());

        // host.json's own limits: the test settings do not change them.
        var processor = host.Processor(QueueNames.LiveMessages);
        Assert.InRange(processor.PeakInFlightCount, 1, RepositoryHostJson.MaxInFlight);
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
        output.WriteLine($"1,000 messages: accepted (queued) in {accepted.TotalMilliseconds:0} ms, all delivered after {delivered.TotalSeconds:0.0} s; peak in flight {processor.PeakInFlightCount}.");
    }

    internal static List<string> MessageIds(JsonElement answer) =>
        answer.GetProperty("messageIds").EnumerateArray().Select(static e => e.GetString()!).ToList();
}
