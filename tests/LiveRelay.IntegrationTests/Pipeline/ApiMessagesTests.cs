using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Queues;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Pipeline;

/// <summary><c>POST /api/messages</c>: already-normalized requests from internal callers, queued by default or sent at once.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ApiMessagesTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [BothHosts]
    public async Task Messages_are_queued_by_default_and_delivered(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        using var answer = await PostAsync(host, string.Empty, Message("apiq1", "apiQueuedOne"), Message("apiq2", "apiQueuedTwo"));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Equal("queued", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delivery").GetString());
        await _emulator.WaitForMsgTidsAsync(["apiQueuedOne", "apiQueuedTwo"], TimeSpan.FromSeconds(30));
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
    }

    [Theory]
    [BothHosts]
    public async Task Direct_delivery_answers_with_each_message_outcome(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(account, _emulator), output);

        using var delivered = await PostAsync(host, "?delivery=direct", Message("apid1", "apiDirectOne"));
        using var refused = await PostAsync(host, "?delivery=direct", Message("apid2", "apiDirectTwo", appId: "nosuchapp"));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var report = await delivered.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("delivered", report.GetProperty("status").GetString());
        Assert.Equal("delivered", report.GetProperty("messages")[0].GetProperty("outcome").GetString());
        Assert.Single(_emulator.Recorded(LiveApiActions.SendLiveMessageUser), static m => m.Parameters["MsgTid"] == "apiDirectOne");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:liverelay:problem:delivery-rejected", problem.GetProperty("type").GetString());
        Assert.Equal("ResourceNotExist", problem.GetProperty("messages")[0].GetProperty("code").GetString());
    }

    private static object Message(string receiverId, string msgTid, string appId = EmulatorServer.AppId) =>
        new { kind = "user", request = new { appId, receiverId, senderId = "api", body = "from the api", msgTid } };

    private static Task<HttpResponseMessage> PostAsync(ParityHost host, string query, params object[] messages) =>
        host.Client.PostAsync(
            new Uri("/api/messages" + query, UriKind.Relative),
            new StringContent(JsonSerializer.Serialize(messages), Encoding.UTF8, "application/json"));
}
