using System.Text;
using System.Text.Json;
using LiveRelay.Hosting;
using LiveRelay.Intake.Http;
using LiveRelay.Messages;
using LiveRelay.Tests.Hosting.Support;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Hosting;

/// <summary><c>POST /api/webhooks/{source}</c> and <c>OPTIONS</c> through RelayService, with the real intake and sender against the emulator.</summary>
public sealed class RelayServiceWebhookTests
{
    [Fact]
    public async Task A_queued_webhook_is_answered_202_after_its_envelopes_are_on_live_messages_and_a_replay_yields_the_same_ids()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.ShopEvent("evt-1", RelayTestHost.App, "u1", "u2", "u3");

        var first = await PostAsync(host, "shop", body, outbox);
        var queued = await TestOutboxes.DrainEnvelopesAsync(liveMessages);
        var replay = await PostAsync(host, "shop", body, outbox);
        var requeued = await TestOutboxes.DrainEnvelopesAsync(liveMessages);

        Assert.Equal(202, first.StatusCode);
        Assert.Equal(IntakeHttpMapper.JsonContentType, first.ContentType);
        using var answer = JsonDocument.Parse(first.Body);
        Assert.Equal("accepted", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal("queued", answer.RootElement.GetProperty("delivery").GetString());
        Assert.Equal(["evt-1"], answer.RootElement.GetProperty("eventIds").EnumerateArray().Select(e => e.GetString()));
        var ids = answer.RootElement.GetProperty("messageIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal([MessageIds.ForMessage("shop", "evt-1", 0), MessageIds.ForMessage("shop", "evt-1", 1), MessageIds.ForMessage("shop", "evt-1", 2)], ids);

        Assert.Equal(ids.Order(StringComparer.Ordinal), queued.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.All(queued, e => Assert.Equal(("shop", "evt-1"), (e.Source, e.EventId)));
        Assert.Equal(["u1", "u2", "u3"], queued.Select(e => ((UserLiveMessage)e.Message).Request.ReceiverId).Order(StringComparer.Ordinal));

        Assert.Equal(202, replay.StatusCode);
        Assert.Equal(ids.Order(StringComparer.Ordinal), requeued.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task A_direct_webhook_is_sent_at_once_and_answered_200_with_every_outcome()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.ShopEvent("evt-2", RelayTestHost.App, "u1", "u2");

        var response = await PostAsync(host, "shop-direct", body, outbox);

        Assert.Equal(200, response.StatusCode);
        using var answer = JsonDocument.Parse(response.Body);
        Assert.Equal("delivered", answer.RootElement.GetProperty("status").GetString());
        Assert.Equal("direct", answer.RootElement.GetProperty("delivery").GetString());
        Assert.Equal(2, answer.RootElement.GetProperty("delivered").GetInt32());
        var outcomes = answer.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.All(outcomes, o => Assert.Equal("delivered", o.GetProperty("outcome").GetString()));

        var delivered = host.Delivered;
        Assert.Equal(2, delivered.Count);
        Assert.Equal(
            outcomes.Select(o => o.GetProperty("id").GetString()).Order(StringComparer.Ordinal),
            delivered.Select(m => m.Parameters["MsgTid"]).Order(StringComparer.Ordinal));
        Assert.Equal(
            outcomes.Select(o => o.GetProperty("requestId").GetString()).Order(StringComparer.Ordinal),
            delivered.Select(m => m.RequestId).Order(StringComparer.Ordinal));
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
    }

    [Fact]
    public async Task A_direct_webhook_the_API_refuses_for_good_is_a_422_problem_naming_the_refusal()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var response = await PostAsync(host, "shop-direct", TestSources.ShopEvent("evt-3", "unknownapp", "u1"), outbox);

        Assert.Equal(422, response.StatusCode);
        Assert.Equal(IntakeHttpMapper.ProblemContentType, response.ContentType);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:delivery-rejected", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
        var outcome = Assert.Single(problem.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("rejected", outcome.GetProperty("outcome").GetString());
        Assert.Equal("ResourceNotExist", outcome.GetProperty("code").GetString());
        Assert.False(response.Headers.ContainsKey("Retry-After"));
        Assert.Empty(host.Delivered);
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
    }

    [Fact]
    public async Task A_direct_webhook_the_API_cannot_take_now_is_a_503_with_Retry_After()
    {
        await using var host = await RelayTestHost.StartAsync(emulatorArgs: ["--Emulator:Faults:ServiceUnavailableShare=1", "--Emulator:Faults:Seed=1"]);
        var (outbox, _) = TestOutboxes.InMemory();

        var response = await PostAsync(host, "shop-direct", TestSources.ShopEvent("evt-4", RelayTestHost.App, "u1"), outbox);

        Assert.Equal(503, response.StatusCode);
        Assert.True(int.TryParse(response.Headers["Retry-After"], out var seconds) && seconds >= 1, $"Retry-After was '{response.Headers.GetValueOrDefault("Retry-After")}'");
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:delivery-incomplete", problem.RootElement.GetProperty("type").GetString());
        var outcome = Assert.Single(problem.RootElement.GetProperty("messages").EnumerateArray());
        Assert.Equal("retry-later", outcome.GetProperty("outcome").GetString());
        Assert.Equal("ServiceUnavailable", outcome.GetProperty("code").GetString());
        Assert.Equal(2, outcome.GetProperty("attempts").GetInt32());
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task When_the_queue_cannot_take_the_messages_the_caller_gets_a_503_problem_and_can_retry()
    {
        await using var host = await RelayTestHost.StartAsync();
        var outbox = TestOutboxes.Unreachable();

        var response = await PostAsync(host, "shop", TestSources.ShopEvent("evt-5", RelayTestHost.App, "u1"), outbox);

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(IntakeHttpMapper.ProblemContentType, response.ContentType);
        Assert.Equal("5", response.Headers["Retry-After"]);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:queue-unavailable", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("shop", problem.RootElement.GetProperty("source").GetString());
        Assert.DoesNotContain("127.0.0.1", Encoding.UTF8.GetString(response.Body.Span), StringComparison.Ordinal);
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task A_message_too_large_for_one_queue_message_is_a_413_problem_and_nothing_is_queued()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var tooLarge = await host.Relay.ReceiveWebhookAsync(
            "bulletin", TestSources.JsonHeaders(), "application/json", Encoding.UTF8.GetBytes(TestSources.BulletinEvent(60_000)), outbox);
        var fits = await host.Relay.ReceiveWebhookAsync(
            "bulletin", TestSources.JsonHeaders(), "application/json", Encoding.UTF8.GetBytes(TestSources.BulletinEvent(40_000)), outbox);

        Assert.Equal(413, tooLarge.StatusCode);
        using var problem = JsonDocument.Parse(tooLarge.Body);
        Assert.Equal("urn:liverelay:problem:message-too-large", problem.RootElement.GetProperty("type").GetString());
        Assert.Contains("a queue message holds at most 65536", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(202, fits.StatusCode);
        var queued = Assert.Single(await TestOutboxes.DrainEnvelopesAsync(liveMessages));
        Assert.Equal(40_000 + "{\"text\":\"\"}".Length, ((GroupLiveMessage)queued.Message).Request.Data.Length);
    }

    [Fact]
    public async Task Without_a_readable_signing_secret_the_answer_is_503_and_nothing_is_queued()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        host.RemoveSecret(TestSources.LockedSecretName);

        var response = await PostAsync(host, "locked", "{\"text\":\"hi\"}", outbox);

        Assert.Equal(503, response.StatusCode);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:verification-unavailable", problem.RootElement.GetProperty("type").GetString());
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
    }

    [Fact]
    public async Task A_wrong_signature_is_refused_and_nothing_is_queued()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.ShopEvent("evt-6", RelayTestHost.App, "u1");

        var response = await host.Relay.ReceiveWebhookAsync(
            "shop", TestSources.SignedHeaders(body, secret: "not-the-secret"), "application/json", Encoding.UTF8.GetBytes(body), outbox);

        Assert.Equal(401, response.StatusCode);
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
    }

    [Fact]
    public async Task OPTIONS_answers_the_CloudEvents_validation_handshake_with_the_requested_origin()
    {
        await using var host = await RelayTestHost.StartAsync();

        var response = host.Relay.AnswerWebhookOptions("grid", [new("WebHook-Request-Origin", "eventgrid.azure.net")]);
        var unknown = host.Relay.AnswerWebhookOptions("nope", []);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers["WebHook-Allowed-Origin"]);
        Assert.Equal(404, unknown.StatusCode);
    }

    private static Task<IntakeHttpResponse> PostAsync(RelayTestHost host, string source, string body, IMessageOutbox outbox) =>
        host.Relay.ReceiveWebhookAsync(source, TestSources.SignedHeaders(body), "application/json", Encoding.UTF8.GetBytes(body), outbox);
}
