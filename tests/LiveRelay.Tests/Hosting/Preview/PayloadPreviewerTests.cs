using System.Text;
using System.Text.Json;
using LiveRelay.Hosting.Preview;
using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Tests.Hosting.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Hosting.Preview;

/// <summary>
/// <see cref="PayloadPreviewer"/> against the real path: the same host (<c>AddLiveRelay</c>, the emulator behind it) takes
/// the payload through <see cref="LiveRelay.Hosting.RelayService"/> into a queue, and through the previewer, and both must agree.
/// </summary>
public sealed class PayloadPreviewerTests
{
    [Fact]
    public async Task A_preview_yields_exactly_the_envelopes_the_real_endpoint_queues_and_queues_nothing_itself()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.ShopEvent("evt-p1", RelayTestHost.App, "u1", "u2", "u3");

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop", Body = Bytes(body), Headers = TestSources.SignedHeaders(body) });
        var previewQueued = await TestOutboxes.DrainAsync(liveMessages);
        var real = await host.Relay.ReceiveWebhookAsync("shop", TestSources.SignedHeaders(body), "application/json", Bytes(body), outbox);
        var queued = await TestOutboxes.DrainEnvelopesAsync(liveMessages);

        Assert.Empty(previewQueued);
        Assert.Equal(202, real.StatusCode);
        Assert.Equal(3, queued.Count);

        // Several envelopes are enqueued side by side, so the queue's order is not the event's: compare them as a set.
        Assert.Equal(queued.Select(Comparable).Order(StringComparer.Ordinal), preview.Messages.Select(Comparable).Order(StringComparer.Ordinal));
        Assert.Equal(PreviewVerification.Verified, preview.Verification);
        Assert.Equal("accepted", preview.Outcome);
        Assert.Equal(Encoding.UTF8.GetString(real.Body.Span), Encoding.UTF8.GetString(preview.Answer.Body.Span));
        Assert.Empty(host.Delivered);
    }

    [Fact]
    public async Task A_direct_source_is_previewed_without_sending_anything()
    {
        await using var host = await RelayTestHost.StartAsync();
        var body = TestSources.ShopEvent("evt-p2", RelayTestHost.App, "u1", "u2");

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop-direct", Body = Bytes(body), Headers = TestSources.SignedHeaders(body) });

        Assert.Equal(["u1", "u2"], preview.Messages.Select(m => ((UserLiveMessage)m.Message).Request.ReceiverId));
        Assert.Equal(DeliveryMode.Direct, Assert.IsType<IntakeAccepted>(preview.Result).Delivery);
        Assert.Empty(host.Delivered);
    }

    [Theory]
    [InlineData("shop", "wrong-secret", 401, "signature-invalid", PreviewVerification.Failed)]
    [InlineData("no-such-source", TestSources.ShopSecret, 404, "unknown-source", PreviewVerification.NotChecked)]
    [InlineData("locked", TestSources.ShopSecret, 503, "verification-unavailable", PreviewVerification.Failed)]
    public async Task A_refused_payload_gets_the_real_endpoints_problem_document(string source, string secret, int status, string problem, PreviewVerification verification)
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        var body = TestSources.ShopEvent("evt-p3", RelayTestHost.App, "u1");
        host.RemoveSecret(TestSources.LockedSecretName);

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = source, Body = Bytes(body), Headers = TestSources.SignedHeaders(body, secret) });
        var real = await host.Relay.ReceiveWebhookAsync(source, TestSources.SignedHeaders(body, secret), "application/json", Bytes(body), outbox);

        Assert.Equal(status, real.StatusCode);
        Assert.Equal(real.StatusCode, preview.Answer.StatusCode);
        Assert.Equal(IntakeHttpMapper.ProblemContentType, preview.Answer.ContentType);
        Assert.Equal(Encoding.UTF8.GetString(real.Body.Span), Encoding.UTF8.GetString(preview.Answer.Body.Span));
        Assert.Equal($"urn:liverelay:problem:{problem}", JsonDocument.Parse(preview.Answer.Body).RootElement.GetProperty("type").GetString());
        Assert.Equal(verification, preview.Verification);
        Assert.Equal("rejected", preview.Outcome);
        Assert.Empty(preview.Messages);
        Assert.Empty(await TestOutboxes.DrainAsync(liveMessages));
    }

    [Fact]
    public async Task A_mapping_failure_is_the_same_problem_with_the_rule_and_field()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, _) = TestOutboxes.InMemory();
        const string body = """{"id":"evt-p4","order":"A-1","customers":["u1"]}""";

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop", Body = Bytes(body), Headers = TestSources.SignedHeaders(body) });
        var real = await host.Relay.ReceiveWebhookAsync("shop", TestSources.SignedHeaders(body), "application/json", Bytes(body), outbox);

        Assert.Equal(400, preview.Answer.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(real.Body.Span), Encoding.UTF8.GetString(preview.Answer.Body.Span));
        var error = JsonDocument.Parse(preview.Answer.Body).RootElement.GetProperty("errors")[0];
        Assert.Equal("shipped", error.GetProperty("rule").GetString());
        Assert.Equal(PreviewVerification.Verified, preview.Verification);
    }

    [Fact]
    public async Task An_unsigned_payload_is_rendered_only_when_verification_is_skipped_and_the_preview_says_so()
    {
        await using var host = await RelayTestHost.StartAsync();
        var body = TestSources.ShopEvent("evt-p5", RelayTestHost.App, "u9");

        var unsigned = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop", Body = Bytes(body) });
        var skipped = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop", Body = Bytes(body), SkipVerification = true });

        Assert.Equal(401, unsigned.Answer.StatusCode);
        Assert.Equal(202, skipped.Answer.StatusCode);
        Assert.Equal(PreviewVerification.Skipped, skipped.Verification);
        Assert.Equal("u9", ((UserLiveMessage)Assert.Single(skipped.Messages).Message).Request.ReceiverId);
        using var json = JsonDocument.Parse(skipped.ToJson());
        Assert.Equal("skipped", json.RootElement.GetProperty("verification").GetString());
    }

    [Fact]
    public async Task A_source_without_verification_needs_no_signature_and_says_not_required()
    {
        await using var host = await RelayTestHost.StartAsync();

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "bulletin", Body = Bytes("""{"data":{"text":"hi"}}""") });

        Assert.Equal(PreviewVerification.NotRequired, preview.Verification);
        Assert.Equal("{\"text\":\"hi\"}", ((GroupLiveMessage)Assert.Single(preview.Messages).Message).Request.Data);
    }

    [Fact]
    public async Task A_message_too_large_for_the_queue_is_refused_as_the_endpoint_refuses_it()
    {
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, _) = TestOutboxes.InMemory();
        var body = TestSources.BulletinEvent(70_000);

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "bulletin", Body = Bytes(body) });
        var real = await host.Relay.ReceiveWebhookAsync("bulletin", [], "application/json", Bytes(body), outbox);

        Assert.Equal(413, real.StatusCode);
        Assert.Equal(real.StatusCode, preview.Answer.StatusCode);

        // The size includes the envelope's creation time, whose text length varies by a few bytes between two calls.
        static string WithoutSize(ReadOnlyMemory<byte> body) => System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(body.Span), @"is \d+ bytes", "is N bytes");
        Assert.Equal(WithoutSize(real.Body), WithoutSize(preview.Answer.Body));
        Assert.Contains("is N bytes as a queue message", WithoutSize(preview.Answer.Body), StringComparison.Ordinal);
        Assert.Empty(preview.Messages);
        Assert.Equal("rejected", preview.Outcome);
    }

    [Fact]
    public async Task The_json_form_lists_each_request_as_queued_and_embeds_the_answer()
    {
        await using var host = await RelayTestHost.StartAsync();
        var body = TestSources.ShopEvent("evt-p6", RelayTestHost.App, "u1", "u2");

        var preview = await PreviewAsync(host, new PayloadPreviewRequest { Source = "shop", Body = Bytes(body), Headers = TestSources.SignedHeaders(body) });
        using var json = JsonDocument.Parse(preview.ToJson());
        var root = json.RootElement;

        Assert.Equal("shop", root.GetProperty("source").GetString());
        Assert.Equal("accepted", root.GetProperty("outcome").GetString());
        Assert.Equal("verified", root.GetProperty("verification").GetString());
        Assert.Equal(202, root.GetProperty("status").GetInt32());
        Assert.Equal("queued", root.GetProperty("delivery").GetString());
        var messages = root.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(2, messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var envelope = preview.Messages[i];
            using var queued = JsonDocument.Parse(MessageEnvelopeSerializer.Serialize(envelope));
            Assert.Equal(envelope.Id, messages[i].GetProperty("id").GetString());
            Assert.Equal("user", messages[i].GetProperty("kind").GetString());
            Assert.Equal("evt-p6", messages[i].GetProperty("eventId").GetString());
            Assert.True(JsonElement.DeepEquals(queued.RootElement.GetProperty("request"), messages[i].GetProperty("request")));
        }

        Assert.Equal("accepted", root.GetProperty("answer").GetProperty("status").GetString());
    }

    private static Task<PayloadPreview> PreviewAsync(RelayTestHost host, PayloadPreviewRequest request) =>
        host.Services.GetRequiredService<PayloadPreviewer>().PreviewAsync(request);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The envelope as queued, apart from when it was made.</summary>
    private static string Comparable(MessageEnvelope envelope) =>
        MessageEnvelopeSerializer.SerializeToString(envelope with { CreatedAt = default, TraceParent = null });
}
