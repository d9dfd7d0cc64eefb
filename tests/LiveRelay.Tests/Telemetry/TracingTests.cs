using System.Diagnostics;
using System.Text;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Emulator.Settings;
using LiveRelay.Queues.Processing;
using LiveRelay.Telemetry;
using LiveRelay.Tests.Hosting.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveRelay.Tests.Telemetry;

/// <summary>
/// One event, one trace: a producer's traceparent on a <c>live-events</c> message is continued through intake, the
/// enqueue, the <c>live-messages</c> processing and the Live API call, with the trigger's own span linked. Spans come
/// from the real services through the OpenTelemetry SDK into an in-memory exporter.
/// </summary>
public sealed class TracingTests
{
    private const string ProducerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string ProducerTraceParent = "00-" + ProducerTraceId + "-00f067aa0ba902b7-01";

    private static readonly ActivitySource Trigger = new("LiveRelay.Tests.Trigger");

    [Fact]
    public async Task A_queued_event_is_one_trace_from_the_producer_to_the_Live_API_call()
    {
        var spans = new List<Activity>();
        using var tracing = Tracing(spans);
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var queueEvent = TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-trace-1", RelayTestHost.App, "u1", "u2"))
            .Replace("{\"source\"", $"{{\"traceParent\":\"{ProducerTraceParent}\",\"source\"", StringComparison.Ordinal);
        var accepted = await host.Relay.ProcessQueuedEventAsync(QueueMessageCodec.Encode(queueEvent, QueueMessageEncoding.Base64), outbox);
        Assert.Equal(QueueMessageOutcome.Completed, accepted.Outcome);

        // Each live-messages message runs inside a trigger's own span, as a Functions invocation does.
        var triggers = new List<ActivityContext>();
        foreach (var message in await TestOutboxes.DrainAsync(liveMessages))
        {
            using var invocation = Trigger.StartActivity("Invoke LiveMessages", ActivityKind.Internal, default(ActivityContext));
            triggers.Add(invocation!.Context);
            Assert.Equal(QueueMessageOutcome.Completed, (await host.Relay.DispatchQueuedMessageAsync(message)).Outcome);
        }

        tracing.Dispose();
        var trace = spans.Where(s => s.TraceId.ToHexString() == ProducerTraceId).ToList();
        var processEvent = Assert.Single(trace, s => s.DisplayName == "process live-events");
        Assert.Equal(ActivityKind.Consumer, processEvent.Kind);
        Assert.Equal("00f067aa0ba902b7", processEvent.ParentSpanId.ToHexString());

        var send = Assert.Single(trace, s => s.DisplayName == "send live-messages");
        Assert.Equal(ActivityKind.Producer, send.Kind);
        Assert.Equal(processEvent.SpanId, send.ParentSpanId);
        Assert.Equal(2, send.GetTagItem("messaging.batch.message_count"));

        var processMessages = trace.Where(s => s.DisplayName == "process live-messages").ToList();
        Assert.Equal(2, processMessages.Count);
        Assert.All(processMessages, p => Assert.Equal(send.SpanId, p.ParentSpanId));
        Assert.All(processMessages, p => Assert.Equal("delivered", p.GetTagItem("liverelay.delivery.outcome")));
        Assert.Equal(
            triggers.Select(t => t.SpanId.ToHexString()).Order(StringComparer.Ordinal),
            processMessages.Select(p => Assert.Single(p.Links).Context.SpanId.ToHexString()).Order(StringComparer.Ordinal));

        var calls = trace.Where(s => s.Source.Name == LiveApiTelemetry.ActivitySourceName).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal(ActivityKind.Client, call.Kind);
            Assert.Equal("LiveApi SendLiveMessageUser", call.DisplayName);
            Assert.Equal("SendLiveMessageUser", call.GetTagItem(LiveApiTelemetry.OperationTag));
            Assert.Equal(200, call.GetTagItem(LiveApiTelemetry.StatusCodeTag));
            Assert.Null(call.GetTagItem(LiveApiTelemetry.ErrorCodeTag));
            Assert.Contains(processMessages, p => p.SpanId == call.ParentSpanId);
        });
        Assert.Equal(
            host.Delivered.Select(m => m.RequestId).Order(StringComparer.Ordinal),
            calls.Select(c => (string)c.GetTagItem(LiveApiTelemetry.RequestIdTag)!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_refused_call_carries_the_APIs_code_and_status_and_the_processing_span_says_rejected()
    {
        var spans = new List<Activity>();
        using var tracing = Tracing(spans);
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();
        await host.Relay.ProcessQueuedEventAsync(TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-trace-2", "no-such-app", "u9")), outbox);

        var message = Assert.Single(await TestOutboxes.DrainAsync(liveMessages));
        var disposition = await host.Relay.DispatchQueuedMessageAsync(message);

        Assert.Equal(QueueMessageOutcome.Poison, disposition.Outcome);
        tracing.Dispose();
        var process = Assert.Single(spans, s => s.DisplayName == "process live-messages" && s.GetTagItem("liverelay.delivery.outcome") is "rejected");
        Assert.Equal(ActivityStatusCode.Error, process.Status);
        var call = Assert.Single(spans, s => s.ParentSpanId == process.SpanId && s.Source.Name == LiveApiTelemetry.ActivitySourceName);
        Assert.Equal("ResourceNotExist", call.GetTagItem(LiveApiTelemetry.ErrorCodeTag));
        Assert.Equal(404, call.GetTagItem(LiveApiTelemetry.StatusCodeTag));
        Assert.False(string.IsNullOrEmpty((string?)call.GetTagItem(LiveApiTelemetry.RequestIdTag)));
        Assert.Equal(ActivityStatusCode.Error, call.Status);
        Assert.Equal("Permanent: ResourceNotExist", call.StatusDescription);
    }

    [Fact]
    public async Task No_secret_and_no_message_content_is_in_any_span_or_metric()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracing = Tracing(spans);
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter([.. LiveRelayTelemetry.MeterNames]).AddInMemoryExporter(metrics).Build();
        await using var host = await RelayTestHost.StartAsync();
        var (outbox, liveMessages) = TestOutboxes.InMemory();

        var body = TestSources.ShopEvent("evt-trace-3", RelayTestHost.App, "customer7731", "customer7732");
        Assert.Equal(202, (await host.Relay.ReceiveWebhookAsync("shop", TestSources.SignedHeaders(body), "application/json", Encoding.UTF8.GetBytes(body), outbox)).StatusCode);
        await host.Relay.ProcessQueuedEventAsync(TestSources.QueueEvent("shop", TestSources.ShopEvent("evt-trace-4", "no-such-app", "customer7733")), outbox);
        foreach (var message in await TestOutboxes.DrainAsync(liveMessages))
        {
            await host.Relay.DispatchQueuedMessageAsync(message);
        }

        // Shut down, not only flushed: the host's background work keeps adding spans, and the lists are read below.
        tracing.Dispose();
        meters.Dispose();
        Assert.Contains(spans, s => s.Source.Name == LiveApiTelemetry.ActivitySourceName);
        Assert.NotEmpty(metrics);
        var texts = spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty))
            .Concat(metrics.SelectMany(MetricTags))
            .ToList();
        string[] forbidden =
        [
            EmulatorOptions.DefaultAccessKeySecret, TestSources.ShopSecret, // credentials
            "customer7731", "customer7732", "customer7733", "A-1001", "shipped", // parameters and message content
        ];
        foreach (var secret in forbidden)
        {
            Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{\"v\":1,\"id\":\"x\",\"traceParent\":\"" + ProducerTraceParent + "\",\"request\":{\"traceParent\":\"no\"}}", ProducerTraceParent)]
    [InlineData("{\"request\":{\"traceParent\":\"nested is not ours\"},\"v\":1}", null)]
    [InlineData("not json", null)]
    [InlineData("[1,2]", null)]
    public void The_trace_parent_is_read_from_the_top_level_of_JSON_or_base64(string json, string? expected)
    {
        Assert.Equal(expected, QueueTracing.TraceParentOf(json));
        Assert.Equal(expected, QueueTracing.TraceParentOf(QueueMessageCodec.Encode(json, QueueMessageEncoding.Base64)));
    }

    private static TracerProvider Tracing(List<Activity> spans) =>
        Sdk.CreateTracerProviderBuilder()
            .AddSource([.. LiveRelayTelemetry.ActivitySourceNames, Trigger.Name])
            .AddInMemoryExporter(spans)
            .Build()!;

    private static IEnumerable<string> MetricTags(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
            {
                yield return $"{metric.Name}:{tag.Key}={tag.Value}";
            }
        }
    }
}
