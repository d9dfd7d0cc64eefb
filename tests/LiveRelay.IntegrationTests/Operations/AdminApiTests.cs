using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveRelay.Emulator.Settings;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.IntegrationTests.Pipeline;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Operations;

/// <summary>
/// The admin API and readiness over HTTP on both hosts: the standalone host in-process and the Functions app through the
/// host stand-in, with queues in Azurite and the Live API emulator.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class AdminApiTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const string AdminKey = "AdminKeyItest7Qp4Lz9";
    private const string AdminHeader = "X-LiveRelay-Admin-Key";
    private const string MessagesPoison = "/api/manage/poison/live-messages-poison";

    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [BothHosts]
    public async Task A_message_parked_after_failing_every_attempt_is_listed_shown_replayed_and_delivered_once_and_replaying_it_again_sends_nothing(HostKind kind)
    {
        var poisonPath = PoisonRoot + "/live-messages-poison";
        _emulator.Reset();
        _emulator.Faults.Configure(new FaultOptions { Seed = 1, ServiceUnavailableShare = 1 });
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, Settings(account), output);
        using var admin = AdminClient(host);

        var id = await PostOrderAsync(host, "order-parked");
        JsonElement parked = default;
        await Eventually.WaitUntilAsync(
            async () => (parked = await GetJsonAsync(admin, poisonPath)).GetProperty("messages").GetArrayLength() == 1,
            TimeSpan.FromSeconds(40),
            () => $"nothing was listed as parked; {host.Problems()}");
        var item = parked.GetProperty("messages")[0];
        Assert.Equal("ServiceUnavailable", item.GetProperty("code").GetString());
        Assert.Equal(RelaySettings.MaxDequeueCount, item.GetProperty("attempts").GetInt32());
        Assert.Equal("live-messages", item.GetProperty("originalQueue").GetString());
        Assert.Equal(id, item.GetProperty("summary").GetProperty("messageId").GetString());
        Assert.False(item.TryGetProperty("content", out _));
        var parkedId = item.GetProperty("id").GetString()!;

        var shown = await GetJsonAsync(admin, $"{poisonPath}/{parkedId}");
        var content = shown.GetProperty("content").GetString()!;
        Assert.Contains(id, content, StringComparison.Ordinal);
        Assert.Contains("gave up after", shown.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // The cause is fixed: the Live API answers again.
        _emulator.Faults.Configure(new FaultOptions { Seed = 1 });
        using var replay = await admin.PostAsync(new Uri($"{poisonPath}/{parkedId}/replay", UriKind.Relative), null);
        var report = await replay.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, report.GetProperty("replayed").GetInt32());
        Assert.Equal("replayed", report.GetProperty("results")[0].GetProperty("outcome").GetString());

        await _emulator.WaitForMsgTidsAsync([id], TimeSpan.FromSeconds(30));
        await WaitForEmptyAsync(queues, QueueNames.LiveMessages);
        Assert.Equal(0, (await GetJsonAsync(admin, poisonPath)).GetProperty("messages").GetArrayLength());

        // The same message parked again (as a second failure or a copy would leave it), replayed by code: its id is
        // kept, so the delivery ledger recognises it and nothing more is sent.
        await queues.PutAsync(
            QueueNames.PoisonQueueFor(QueueNames.LiveMessages),
            PoisonMessageSerializer.Serialize(new PoisonMessage("Parked again", "ServiceUnavailable", 3, DateTimeOffset.UtcNow, QueueNames.LiveMessages, "copy", DateTimeOffset.UtcNow, content)),
            QueueMessageEncoding.Base64);
        using var again = await admin.PostAsync(new Uri($"{poisonPath}/replay?code=ServiceUnavailable", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await WaitForEmptyAsync(queues, QueueNames.LiveMessages);

        Assert.Equal(1, _emulator.MsgTidCounts()[id]);
        Assert.Empty(await queues.ReadPoisonAsync(QueueNames.LiveMessages));
    }

    [Theory]
    [BothHosts]
    public async Task Admin_routes_answer_401_problem_details_without_the_admin_key_or_with_a_wrong_one(HostKind kind)
    {
        var poisonPath = PoisonRoot + "/live-messages-poison";
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var host = await ParityHost.StartAsync(kind, Settings(account), output);
        using var anonymous = host.NewClient();
        using var wrong = host.NewClient();
        wrong.DefaultRequestHeaders.Add(AdminHeader, AdminKey + "x");
        using var admin = AdminClient(host);

        foreach (var (client, what) in new[] { (anonymous, "no key"), (wrong, "a wrong key"), (host.Client, "only the function key") })
        {
            using var list = await client.GetAsync(new Uri(poisonPath, UriKind.Relative));
            using var replay = await client.PostAsync(new Uri($"{poisonPath}/replay", UriKind.Relative), null);
            foreach (var answer in new[] { list, replay })
            {
                Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {answer.StatusCode}");
                Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("urn:liverelay:problem:admin-unauthorized", problem.GetProperty("type").GetString());
                Assert.Contains(AdminHeader, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        using var allowed = await admin.GetAsync(new Uri(poisonPath, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True(allowed.Headers.CacheControl?.NoStore);
        using var unknown = await admin.GetAsync(new Uri(PoisonRoot + "/live-messages", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("urn:liverelay:problem:unknown-poison-queue", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        using var badTop = await admin.GetAsync(new Uri($"{poisonPath}?top=33", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badTop.StatusCode);
        using var missing = await admin.PostAsync(new Uri($"{poisonPath}/no-such-id/replay", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [BothHosts]
    public async Task Without_an_admin_key_the_admin_routes_are_open_to_loopback_in_Development(HostKind kind)
    {
        var poisonPath = PoisonRoot + "/live-messages-poison";
        _emulator.Reset();
        var settings = RelaySettings.For(environment.NewStorageAccount(), _emulator);
        await using var host = await ParityHost.StartAsync(kind, settings, output);
        using var anonymous = host.NewClient();

        using var list = await anonymous.GetAsync(new Uri(poisonPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal("live-messages", (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("originalQueue").GetString());

        // The Functions app's path works on the standalone host too.
        using var managed = await anonymous.GetAsync(new Uri("/api/manage/poison/live-events-poison", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, managed.StatusCode);
    }

    [Fact]
    public async Task Without_an_admin_key_outside_Development_the_admin_routes_answer_403_saying_how_to_turn_them_on()
    {
        _emulator.Reset();
        await using var host = await RelayHost.StartAsync(RelaySettings.For(null, _emulator), null, "--environment", "Production");
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        using var list = await anonymous.GetAsync(new Uri(MessagesPoison, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        var problem = await list.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:liverelay:problem:admin-disabled", problem.GetProperty("type").GetString());
        Assert.Contains("LiveRelay:Admin:KeySecretNames", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [BothHosts]
    public async Task Ready_answers_200_without_a_key_when_storage_credentials_and_sources_are_all_there(HostKind kind)
    {
        _emulator.Reset();
        await using var host = await ParityHost.StartAsync(kind, Settings(environment.NewStorageAccount()), output);
        using var anonymous = host.NewClient();

        using var answer = await anonymous.GetAsync(new Uri("/api/ready", UriKind.Relative));

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
        Assert.True(answer.Headers.CacheControl?.NoStore);
        var ready = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("ready", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks").EnumerateArray().ToDictionary(static c => c.GetProperty("name").GetString()!, static c => c.GetProperty("state").GetString());
        Assert.Equal("ok", checks["queues"]);
        Assert.Equal("ok", checks["credentials"]);
        Assert.Equal("ok", checks["source:" + TestSources.Orders]);
        Assert.DoesNotContain(TestSources.OrdersWebhookSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorServer.AccessKeySecret, body, StringComparison.Ordinal);
    }

    [Theory]
    [BothHosts]
    public async Task Ready_answers_503_naming_the_queues_when_storage_cannot_be_reached(HostKind kind)
    {
        _emulator.Reset();
        var settings = Settings(environment.NewStorageAccount());
        var closed = LiveRelay.Testing.LoopbackPort.GetFree();
        settings["AzureWebJobsStorage"] = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[32])};QueueEndpoint=http://127.0.0.1:{closed}/devstoreaccount1";
        await using var host = await ParityHost.StartAsync(kind, settings, output);
        using var anonymous = host.NewClient();

        using var answer = await anonymous.GetAsync(new Uri("/api/ready", UriKind.Relative));

        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, body);
        var ready = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal("not-ready", ready.GetProperty("status").GetString());
        var queues = ready.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "queues");
        Assert.Equal("failed", queues.GetProperty("state").GetString());
        Assert.Equal("ok", ready.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("name").GetString() == "credentials").GetProperty("state").GetString());
    }

    [Theory]
    [BothHosts]
    public async Task Preview_answers_with_the_messages_a_signed_webhook_would_produce_or_its_problem_and_sends_nothing(HostKind kind)
    {
        _emulator.Reset();
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        await using var host = await ParityHost.StartAsync(kind, Settings(account), output);
        using var admin = AdminClient(host);
        var preview = new Uri($"{AdminRoot}/preview/{TestSources.Orders}", UriKind.Relative);

        using var signed = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-preview", ["u7", "u8"]));
        signed.RequestUri = preview;
        using var accepted = await admin.SendAsync(signed);
        using var forged = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-forged", ["u9"]), secret: "not-the-secret");
        forged.RequestUri = preview;
        using var rejected = await admin.SendAsync(forged);
        using var unsigned = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-unsigned", ["u9"]), secret: "not-the-secret");
        unsigned.RequestUri = new Uri(preview + "?skipVerification=true", UriKind.Relative);
        using var skipped = await admin.SendAsync(unsigned);
        using var noKey = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-nokey", ["u9"]));
        noKey.RequestUri = preview;
        using var refused = await host.NewClient().SendAsync(noKey);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var produced = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("accepted", "verified", 202), (produced.GetProperty("outcome").GetString(), produced.GetProperty("verification").GetString(), produced.GetProperty("status").GetInt32()));
        Assert.Equal(["u7", "u8"], produced.GetProperty("messages").EnumerateArray().Select(static m => m.GetProperty("request").GetProperty("receiverId").GetString()));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var problem = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("rejected", "failed", 401), (problem.GetProperty("outcome").GetString(), problem.GetProperty("verification").GetString(), problem.GetProperty("status").GetInt32()));
        Assert.Equal(0, problem.GetProperty("messages").GetArrayLength());
        Assert.Equal("skipped", (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verification").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(0, await queues.CountAsync(QueueNames.LiveMessages));
        Assert.Equal(0, _emulator.Statistics.Snapshot().Requests);
    }

    /// <summary>The Functions host keeps admin/ for itself, so the Functions app serves the admin API under manage/.</summary>
    private const string AdminRoot = "/api/manage";

    private const string PoisonRoot = AdminRoot + "/poison";

    private Dictionary<string, string?> Settings(StorageAccount account)
    {
        var settings = RelaySettings.For(account, _emulator);
        settings["LiveRelay:Admin:Keys:0"] = AdminKey;
        return settings;
    }

    private static HttpClient AdminClient(ParityHost host)
    {
        var client = host.NewClient();
        client.DefaultRequestHeaders.Add(AdminHeader, AdminKey);
        return client;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        using var answer = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode} {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    private static async Task<string> PostOrderAsync(ParityHost host, string eventId)
    {
        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent(eventId, ["u42"]));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return Assert.Single(WebhookDeliveryTests.MessageIds(await response.Content.ReadFromJsonAsync<JsonElement>()));
    }

    private static Task WaitForEmptyAsync(StorageQueues queues, string queue) => Eventually.WaitUntilAsync(
        async () => await queues.CountAsync(queue) == 0, TimeSpan.FromSeconds(30), () => $"{queue} was not emptied");
}
