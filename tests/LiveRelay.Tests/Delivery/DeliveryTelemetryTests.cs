using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Messages;
using LiveRelay.Tests.Delivery.Support;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Delivery;

/// <summary>Metrics seen through a MeterListener and log lines seen through a capturing provider, for real sends.</summary>
public sealed class DeliveryTelemetryTests
{
    private const string Op = "operation";
    private const string User = LiveApiActions.SendLiveMessageUser;
    private const string Group = LiveApiActions.SendMessageToGroup;

    [Fact]
    public async Task Counters_and_histograms_follow_what_happened()
    {
        // Group: throttled once, then delivered. User: refused as invalid.
        await using var harness = await DeliveryHarness.StartAsync(call => call.Action == Group
            ? (call.Index == 0 ? ScriptedAnswer.Error(400, "Throttling", retryAfterMs: 20) : ScriptedAnswer.Success)
            : ScriptedAnswer.InputInvalid);
        var metrics = harness.Metrics;

        Assert.IsType<Delivered>(await harness.Dispatcher.DispatchAsync(TestEnvelopes.Group()).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<RejectedForGood>(await harness.Dispatcher.DispatchAsync(TestEnvelopes.User("evt-2")).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<RejectedForGood>(await harness.Dispatcher.DispatchAsync(TestEnvelopes.User("evt-3", senderId: "not valid!")).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.IsType<RejectedForGood>(await harness.Dispatcher.DispatchAsync("{garbage").WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, metrics.Sum("liverelay.delivery.accepted", (Op, Group)));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.accepted", (Op, User)));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.delivered", (Op, Group)));
        Assert.Equal(0, metrics.Sum("liverelay.delivery.delivered", (Op, User)));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.throttled", (Op, Group), ("code", "Throttling")));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.retried", (Op, Group), ("code", "Throttling")));
        Assert.Equal(0, metrics.Sum("liverelay.delivery.retried", (Op, User)));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.rejected", (Op, User), ("kind", "permanent"), ("code", "InputInvalid")));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.rejected", (Op, User), ("kind", "permanent"), ("code", "InvalidRequest")));
        Assert.Equal(1, metrics.Sum("liverelay.delivery.rejected", (Op, "unknown"), ("kind", "permanent"), ("code", "InvalidEnvelope")));

        // One duration per API call (the invalid request made none), one per send that was accepted.
        Assert.Equal(1, metrics.Count("liverelay.delivery.call.duration", (Op, Group), ("outcome", "throttled")));
        Assert.Equal(1, metrics.Count("liverelay.delivery.call.duration", (Op, Group), ("outcome", "success")));
        Assert.Equal(1, metrics.Count("liverelay.delivery.call.duration", (Op, User), ("outcome", "permanent")));
        Assert.Equal(3, metrics.Count("liverelay.delivery.call.duration"));
        Assert.All(metrics.Values("liverelay.delivery.call.duration"), ms => Assert.True(ms >= 0));
        Assert.Equal(1, metrics.Count("liverelay.delivery.send.duration", (Op, Group), ("outcome", "delivered")));

        // The throttled operation paces slower now; the other is untouched.
        metrics.Observe();
        Assert.True(metrics.Values("liverelay.delivery.rate", (Op, Group)).Single() < 1000);
        Assert.Equal(1000, metrics.Values("liverelay.delivery.rate", (Op, User)).Single());
    }

    [Fact]
    public async Task A_send_that_is_handed_back_counts_as_rejected_to_retry_later()
    {
        await using var harness = await DeliveryHarness.StartAsync(
            ScriptedAnswer.Always(ScriptedAnswer.ServiceUnavailable),
            new Dictionary<string, string?> { ["LiveRelay:Delivery:MaxAttempts"] = "2" });

        Assert.IsType<RetryLater>(await harness.Dispatcher.DispatchAsync(TestEnvelopes.User()).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(1, harness.Metrics.Sum("liverelay.delivery.rejected", (Op, User), ("kind", "retry_later"), ("code", "ServiceUnavailable")));
        Assert.Equal(1, harness.Metrics.Sum("liverelay.delivery.retried", (Op, User), ("code", "ServiceUnavailable")));
        Assert.Equal(2, harness.Metrics.Count("liverelay.delivery.call.duration", (Op, User), ("outcome", "transient")));
    }

    [Fact]
    public async Task Every_line_carries_the_envelope_id_event_id_and_source_even_when_envelopes_are_sent_together()
    {
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Sequence(
            ScriptedAnswer.ThrottlingUser(retryAfterMs: 10), ScriptedAnswer.ServiceUnavailable, ScriptedAnswer.Success, ScriptedAnswer.InputInvalid));
        var envelopes = Enumerable.Range(0, 3).Select(i => TestEnvelopes.User(eventId: $"evt-{i}", index: i)).ToList();

        await harness.Direct.DeliverAsync(envelopes).WaitAsync(TimeSpan.FromSeconds(30));

        var lines = harness.Logs.Entries.Where(e => e.Category.StartsWith("LiveRelay.Delivery.", StringComparison.Ordinal)
            && e.EventId.Id != 5122).ToList();
        Assert.Contains(lines, l => l.EventId.Id == 5102); // throttled
        Assert.Contains(lines, l => l.EventId.Id == 5103); // retrying
        Assert.Contains(lines, l => l.EventId.Id == 5101); // delivered
        Assert.Contains(lines, l => l.EventId.Id == 5106); // rejected for good
        Assert.All(lines, line =>
        {
            var envelope = envelopes.SingleOrDefault(e => Equals(line.Scope.GetValueOrDefault("EnvelopeId"), e.Id));
            Assert.True(envelope is not null, $"No envelope id on: {line.Text}");
            Assert.Equal(envelope.EventId, line.Scope["EventId"]);
            Assert.Equal(TestEnvelopes.Source, line.Scope["Source"]);
        });

        // The delivered line of each envelope is in that envelope's own scope: the id the API echoed is the envelope's.
        Assert.All(lines.Where(l => l.EventId.Id == 5101), l => Assert.Equal(l.Scope["EnvelopeId"], l.Values["MessageId"]));
    }

    [Fact]
    public async Task Message_content_and_secrets_never_appear_in_logs()
    {
        const string Body = "{\"text\":\"PRIVATE-BODY-7f3a\"}";
        await using var harness = await DeliveryHarness.StartAsync(ScriptedAnswer.Sequence(
            ScriptedAnswer.NoAuth, ScriptedAnswer.ThrottlingUser(), ScriptedAnswer.InputInvalid));

        await harness.Dispatcher.DispatchAsync(TestEnvelopes.User(body: Body)).WaitAsync(TimeSpan.FromSeconds(30));
        await harness.Dispatcher.DispatchAsync(MessageEnvelopeSerializer.SerializeToString(TestEnvelopes.User(body: Body)).Replace("\"v\":1", "\"v\":9", StringComparison.Ordinal));

        var lines = harness.Logs.Entries;
        Assert.Contains(lines, l => l.EventId.Id == 5104); // the credential refresh was logged
        Assert.Contains(lines, l => l.EventId.Id == 5120); // so was the unreadable envelope
        foreach (var line in lines)
        {
            var everything = string.Join("|", [line.Text, .. line.Values.Values.Select(v => v?.ToString()), line.Exception?.ToString()]);
            Assert.DoesNotContain("PRIVATE-BODY-7f3a", everything, StringComparison.Ordinal);
            Assert.DoesNotContain(RotatingCredentialProvider.Old.AccessKeySecret, everything, StringComparison.Ordinal);
            Assert.DoesNotContain(RotatingCredentialProvider.New.AccessKeySecret, everything, StringComparison.Ordinal);
        }

        Assert.All(lines.Where(l => l.Level >= LogLevel.Information && l.Category.StartsWith("LiveRelay.Delivery.", StringComparison.Ordinal)), l => Assert.True(l.Scope.ContainsKey("EnvelopeId") || l.EventId.Id == 5120));
    }
}
