using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LiveRelay.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LiveRelay.IntegrationTests.Telemetry;

/// <summary>The standalone host with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set: what reaches an OTLP receiver for one webhook.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class OtlpExportTests(IntegrationEnvironment environment)
{
    private const int Server = 2, Client = 3, Producer = 4, Consumer = 5;

    [Fact]
    public async Task A_webhook_is_one_connected_trace_through_to_each_Live_API_call_and_the_meters_and_logs_are_exported()
    {
        environment.Emulator.Reset();
        await using var collector = await OtlpCollector.StartAsync();
        var settings = RelaySettings.For(environment.NewStorageAccount(), environment.Emulator);
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Endpoint.ToString().TrimEnd('/');
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        settings["OTEL_SERVICE_NAME"] = "liverelay-otlp-test";
        await using var host = await RelayHost.StartAsync(settings, new LogCapture(LogLevel.Information));

        using var request = TestSources.SignedOrderWebhook(TestSources.OrderEvent("order-otlp-1", ["u7001", "u7002"], text: "Order otlp shipped"));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ids = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageIds").EnumerateArray().Select(static e => e.GetString()!).ToList();
        await environment.Emulator.WaitForMsgTidsAsync(ids, TimeSpan.FromSeconds(30));

        await Eventually.WaitUntilAsync(
            // A span is exported when it ends, and a parent ends after its children: wait for the processing spans too.
            () => collector.Spans().Count(static s => s.Name is "LiveApi SendLiveMessageUser" or "process live-messages") >= 4,
            TimeSpan.FromSeconds(20),
            () => $"the Live API spans were not exported; spans: {string.Join(", ", collector.Spans().Select(static s => s.Name))}");
        var server = Assert.Single(collector.Spans(), static s => s.Kind == Server && s.Name.Contains("webhooks", StringComparison.Ordinal));
        var trace = collector.Spans().Where(s => s.TraceId == server.TraceId).ToList();

        Assert.Equal("", server.ParentSpanId);
        var send = Assert.Single(trace, static s => s.Name == "send live-messages");
        Assert.Equal((Producer, server.SpanId), (send.Kind, send.ParentSpanId));
        var processed = trace.Where(static s => s.Name == "process live-messages").ToList();
        Assert.Equal(2, processed.Count);
        Assert.All(processed, p => Assert.Equal((Consumer, send.SpanId), (p.Kind, p.ParentSpanId)));
        var calls = trace.Where(static s => s.Name == "LiveApi SendLiveMessageUser").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.Equal(Client, call.Kind);
            Assert.Contains(processed, p => p.SpanId == call.ParentSpanId);
            Assert.Equal("SendLiveMessageUser", call.Attributes["liverelay.live_api.operation"]);
            Assert.Equal("200", call.Attributes["http.response.status_code"]);
        });
        Assert.Equal(
            environment.Emulator.Recorded().Select(static m => m.RequestId).Order(StringComparer.Ordinal),
            calls.Select(static c => c.Attributes["liverelay.live_api.request_id"]).Order(StringComparer.Ordinal));

        // Nothing of the message or the credentials in any exported span.
        var exported = string.Join('\n', collector.Spans().SelectMany(static s => s.Attributes.Select(static a => $"{a.Key}={a.Value}")));
        foreach (var forbidden in new[] { "u7001", "Order otlp shipped", EmulatorServer.AccessKeySecret, TestSources.OrdersWebhookSecret, RelaySettings.FunctionKey })
        {
            Assert.DoesNotContain(forbidden, exported, StringComparison.Ordinal);
        }

        await Eventually.WaitUntilAsync(
            () => Exported(collector, "metrics").Contains("liverelay.delivery.delivered", StringComparison.Ordinal)
                && Exported(collector, "metrics").Contains("liverelay.queue.messages.settled", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            () => "the LiveRelay and LiveRelay.Queues meters were not exported");
        Assert.Contains("liverelay-otlp-test", Exported(collector, "traces"), StringComparison.Ordinal);

        // The host's logs go the same way (the queue processors announce themselves at start-up; the body is the template).
        await Eventually.WaitUntilAsync(
            () => Exported(collector, "logs").Contains("Queue {Queue}: processing with batchSize", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            () => "the logs were not exported");
    }

    private static string Exported(OtlpCollector collector, string signal) =>
        string.Join('\n', collector.Exports(signal).Select(static body => Encoding.UTF8.GetString(body)));
}
