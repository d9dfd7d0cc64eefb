using System.Net;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Emulator.Tests.Support;

namespace LiveRelay.Emulator.Tests;

/// <summary>The control endpoints: recorded messages and their filters, duplicates, clearing, counters.</summary>
public sealed class InspectionApiTests
{
    [Fact]
    public async Task Messages_can_be_filtered_by_action_group_receiver_msgTid_and_app()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var client = emulator.CreateClient();
        await client.SendMessageToGroupAsync(Calls.Group(groupId: "g1"));
        await client.SendMessageToGroupAsync(Calls.Group(groupId: "g2"));
        await client.SendMessageToGroupAsync(Calls.Group(groupId: "g1", appId: "app9"));
        await client.SendLiveMessageUserAsync(Calls.User(receiverId: "alice", msgTid: "t1"));
        await client.SendLiveMessageUserAsync(Calls.User(receiverId: "bob", msgTid: "t2"));

        Assert.Equal(5, await CountAsync(emulator, ""));
        Assert.Equal(3, await CountAsync(emulator, "?action=SendMessageToGroup"));
        Assert.Equal(2, await CountAsync(emulator, "?group=g1"));
        Assert.Equal(1, await CountAsync(emulator, "?group=g1&appId=app9"));
        Assert.Equal(1, await CountAsync(emulator, "?receiver=bob"));
        Assert.Equal(1, await CountAsync(emulator, "?msgTid=t1&action=SendLiveMessageUser"));
        Assert.Equal(0, await CountAsync(emulator, "?msgTid=t1&action=SendMessageToGroup"));
        var alice = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages?receiver=alice")).EnumerateArray());
        Assert.True(DateTimeOffset.UtcNow - alice.GetProperty("receivedAt").GetDateTimeOffset() < TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task An_unknown_filter_is_refused_naming_it()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        using var response = await emulator.Control.GetAsync(new Uri("/_emulator/messages?groupId=g1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("groupId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_are_recorded_and_counted_by_MsgTid()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var client = emulator.CreateClient();
        var requestIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            requestIds.Add((await client.SendLiveMessageUserAsync(Calls.User(msgTid: "again"))).RequestId);
        }

        await client.SendLiveMessageUserAsync(Calls.User(msgTid: "twice"));
        await client.SendLiveMessageUserAsync(Calls.User(msgTid: "twice"));
        await client.SendLiveMessageUserAsync(Calls.User(msgTid: "once"));
        await client.SendLiveMessageUserAsync(Calls.User(msgTid: null));

        var duplicates = (await emulator.GetJsonAsync("/_emulator/messages/duplicates")).EnumerateArray().ToList();

        Assert.Equal(7, await CountAsync(emulator, ""));
        Assert.Equal(2, duplicates.Count);
        Assert.Equal(("again", 3), (duplicates[0].GetProperty("msgTid").GetString(), duplicates[0].GetProperty("count").GetInt32()));
        Assert.Equal(requestIds, duplicates[0].GetProperty("requestIds").EnumerateArray().Select(static e => e.GetString()!).ToList());
        Assert.Equal(("twice", 2), (duplicates[1].GetProperty("msgTid").GetString(), duplicates[1].GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Delete_clears_the_recorded_messages()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var client = emulator.CreateClient();
        await client.SendMessageToGroupAsync(Calls.Group());
        await client.SendLiveMessageUserAsync(Calls.User());

        using var response = await emulator.Control.DeleteAsync(new Uri("/_emulator/messages", UriKind.Relative));
        var cleared = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("cleared").GetInt32();
        await client.SendMessageToGroupAsync(Calls.Group(groupId: "after"));

        Assert.Equal(2, cleared);
        var remaining = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("after", remaining.GetProperty("GroupId").GetString());
    }

    [Fact]
    public async Task Stats_count_accepted_rejected_throttled_and_faults_and_reset_to_zero()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:RateLimits:SendLiveMessageUser=1"]);
        var client = emulator.CreateClient();
        await client.SendMessageToGroupAsync(Calls.Group());
        await client.SendMessageToGroupAsync(Calls.Group());
        await client.SendLiveMessageUserAsync(Calls.User());
        await Assert.ThrowsAsync<LiveApiException>(() => client.SendLiveMessageUserAsync(Calls.User()));
        await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(credential: new AlibabaCloudCredential("emulator-key-id", "bad")).SendMessageToGroupAsync(Calls.Group()));
        await emulator.PutFaultsAsync(new { serviceUnavailableShare = 1.0 });
        await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(Calls.Group()));

        var stats = await emulator.GetJsonAsync("/_emulator/stats");
        using var reset = await emulator.Control.DeleteAsync(new Uri("/_emulator/stats", UriKind.Relative));
        var after = await emulator.GetJsonAsync("/_emulator/stats");

        Assert.Equal(6, stats.GetProperty("requests").GetInt64());
        Assert.Equal(2, stats.GetProperty("accepted").GetProperty("SendMessageToGroup").GetInt64());
        Assert.Equal(1, stats.GetProperty("accepted").GetProperty("SendLiveMessageUser").GetInt64());
        Assert.Equal(1, stats.GetProperty("throttled").GetProperty("SendLiveMessageUser").GetInt64());
        Assert.Equal(1, stats.GetProperty("rejected").GetProperty("SignatureDoesNotMatch").GetInt64());
        Assert.Equal(1, stats.GetProperty("faults").GetProperty("ServiceUnavailable").GetInt64());
        Assert.Equal(0, after.GetProperty("requests").GetInt64());
        Assert.Equal(0, after.GetProperty("accepted").GetProperty("SendMessageToGroup").GetInt64());
        Assert.Empty(after.GetProperty("rejected").EnumerateObject());
    }

    [Fact]
    public async Task Unknown_paths_answer_like_the_API_and_health_answers_ok()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        using var unknown = await emulator.Control.PostAsync(new Uri("/v1/messages", UriKind.Relative), null);
        var health = await emulator.GetJsonAsync("/_emulator/health");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("InvalidApi.NotFound", (await ApiAnswer.ReadAsync(unknown)).Code);
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    private static async Task<int> CountAsync(EmulatorHost emulator, string query) =>
        (await emulator.GetJsonAsync("/_emulator/messages" + query)).GetArrayLength();
}
