using System.Text;
using System.Text.Json;
using LiveRelay.Hosting;
using LiveRelay.Intake.Http;
using LiveRelay.Messages;
using LiveRelay.Tests.Hosting.Support;

namespace LiveRelay.Tests.Hosting;

/// <summary><c>POST /api/messages[?delivery=queued|direct]</c> through RelayService.</summary>
public sealed class RelayServiceMessagesTests
{
    [Theory]
    [InlineData("sideways")]
    [InlineData("1")]
    [InlineData("queued,direct")]
    [InlineData("direct,queued")]
    [InlineData("queue")]
    public async Task A_delivery_value_that_is_neither_queued_nor_direct_is_a_400_problem_naming_the_parameter(string delivery)
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var response = await PostAsync(host, TestSources.NormalizedUserMessages(RelayTestHost.App, "u1"), delivery, outbox);

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(IntakeHttpMapper.ProblemContentType, response.ContentType);
        using var problem = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:invalid-parameter", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("'delivery'", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task The_delivery_parameter_overrides_the_configured_mode_either_way()
    {
        await using var host = await RelayTestHost.StartAsync(settings: new Dictionary<string, string?> { ["LiveRelay:Intake:ApiDelivery"] = "direct" });
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var byDefault = await PostAsync(host, TestSources.NormalizedUserMessages(RelayTestHost.App, "u1"), null, outbox);
        var queued = await PostAsync(host, TestSources.NormalizedUserMessages(RelayTestHost.App, "u2"), "Queued", outbox);
        var direct = await PostAsync(host, TestSources.NormalizedUserMessages(RelayTestHost.App, "u3"), " direct ", outbox);

        Assert.Equal(200, byDefault.StatusCode);
        Assert.Equal(202, queued.StatusCode);
        Assert.Equal(200, direct.StatusCode);
        var onQueue = Assert.Single(await TestOutboxes.DrainEnvelopesAsync(liveMessages));
        Assert.Equal("u2", ((UserLiveMessage)onQueue.Message).Request.ReceiverId);
        Assert.Equal(["u1", "u3"], host.Delivered.Select(m => m.Parameters["ReceiverId"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_Idempotency_Key_is_the_event_id_so_a_retried_request_yields_the_same_message_ids()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.NormalizedUserMessages(RelayTestHost.App, "u1", "u2");

        var first = await host.Relay.ReceiveMessagesAsync(TestSources.JsonHeaders("order-42"), "application/json", Encoding.UTF8.GetBytes(body), "queued", outbox);
        var second = await host.Relay.ReceiveMessagesAsync(TestSources.JsonHeaders("order-42"), "application/json", Encoding.UTF8.GetBytes(body), "queued", outbox);

        Assert.Equal((202, 202), (first.StatusCode, second.StatusCode));
        var envelopes = await TestOutboxes.DrainEnvelopesAsync(liveMessages);
        Assert.Equal(4, envelopes.Count);
        Assert.Equal(
            new[] { MessageIds.ForMessage("api", "order-42", 0), MessageIds.ForMessage("api", "order-42", 0), MessageIds.ForMessage("api", "order-42", 1), MessageIds.ForMessage("api", "order-42", 1) }
                .Order(StringComparer.Ordinal),
            envelopes.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    private static Task<IntakeHttpResponse> PostAsync(RelayTestHost host, string body, string? delivery, IMessageOutbox outbox) =>
        host.Relay.ReceiveMessagesAsync(TestSources.JsonHeaders(), "application/json", Encoding.UTF8.GetBytes(body), delivery, outbox);
}
