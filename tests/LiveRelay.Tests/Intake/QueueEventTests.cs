using System.Text;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Tests.Intake.Mapping;

namespace LiveRelay.Tests.Intake;

/// <summary>Events from internal producers on live-events, mapped through a named source without signature checks.</summary>
public sealed class QueueEventTests
{
    private const string Config = """
        {
          "shop": { "Verification": { "Scheme": "github", "SecretNames": [ "never-read" ] },
                    "Filter": [ { "Header": "X-Topic", "Values": [ "orders" ] } ],
                    "Rules": [ { "Kind": "user", "ForEach": "$.to", "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "shop", "Body": "{$.text}" } } ] },
          "crm":  { "Verification": { "Scheme": "none" }, "EventId": { "Path": "$.id" },
                    "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.user}", "SenderId": "crm" } } ] }
        }
        """;

    private const string ShopEvent = """{"source":"shop","eventId":"evt-1","headers":{"X-Topic":"orders"},"event":{"to":["u1","u2"],"text":"Shipped"}}""";

    private static IntakeTestHost Host() => new(Config);

    [Fact]
    public async Task Maps_a_plain_JSON_queue_event_without_checking_signatures()
    {
        var host = Host();

        var accepted = IntakeAssert.Accepted(await host.Service.AcceptQueueEventAsync(ShopEvent));

        Assert.Equal(["u1", "u2"], accepted.Envelopes.Select(e => MappingHarness.User(e).ReceiverId));
        Assert.Equal([MessageIds.ForMessage("shop", "evt-1", 0), MessageIds.ForMessage("shop", "evt-1", 1)], accepted.Envelopes.Select(e => e.Id));
        Assert.Empty(host.Secrets.Requested);
    }

    [Fact]
    public async Task Base64_gives_the_same_result()
    {
        var plain = IntakeAssert.Accepted(await Host().Service.AcceptQueueEventAsync(ShopEvent));
        var base64 = IntakeAssert.Accepted(await Host().Service.AcceptQueueEventAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(ShopEvent))));

        Assert.Equal(plain.Envelopes, base64.Envelopes);
    }

    [Fact]
    public async Task The_sources_event_id_and_filter_apply_when_the_producer_gives_none()
    {
        var crm = IntakeAssert.Accepted(await Host().Service.AcceptQueueEventAsync("""{"source":"crm","event":{"id":"c-5","user":"u9"} }"""));
        var filtered = IntakeAssert.Ignored(await Host().Service.AcceptQueueEventAsync("""{"source":"shop","event":{"to":[],"text":"x"}}"""));

        Assert.Equal("c-5", crm.EventIds[0]);
        Assert.Equal("Filtered out: header X-Topic is missing.", filtered.Reason);
    }

    [Fact]
    public async Task Carries_the_producers_trace_parent()
    {
        const string traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var accepted = IntakeAssert.Accepted(await Host().Service.AcceptQueueEventAsync(
            $$"""{"source":"crm","traceParent":"{{traceParent}}","event":{"id":"c-5","user":"u9"} }"""));

        Assert.Equal(traceParent, accepted.Envelopes[0].TraceParent);
    }

    [Theory]
    [InlineData("", "neither JSON nor base64")]
    [InlineData("!!!", "neither JSON nor base64")]
    [InlineData("{", "not valid JSON")]
    [InlineData("""{"event":{}}""", "'source' is required")]
    [InlineData("""{"source":"crm"}""", "'event' is required")]
    [InlineData("""{"source":"crm","event":null}""", "'event' is required")]
    [InlineData("""{"source":"crm","event":{},"extra":1}""", "'extra' is not a member")]
    [InlineData("""{"source":"crm","eventId":7,"event":{}}""", "'eventId' must be a string")]
    [InlineData("""{"source":"crm","headers":{"a":1},"event":{}}""", "headers.a must be a string")]
    public async Task A_message_that_is_not_a_queue_event_is_rejected(string message, string because)
    {
        var rejected = IntakeAssert.Rejected(await Host().Service.AcceptQueueEventAsync(message), IntakeRejectionKind.MalformedEvent);

        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_source_is_rejected()
    {
        var rejected = IntakeAssert.Rejected(await Host().Service.AcceptQueueEventAsync("""{"source":"nope","event":{}}"""), IntakeRejectionKind.UnknownSource);

        Assert.Equal("nope", rejected.Source);
    }

    [Fact]
    public async Task A_mapping_failure_is_rejected_for_good()
    {
        var rejected = IntakeAssert.Rejected(await Host().Service.AcceptQueueEventAsync("""{"source":"crm","event":{"id":"c-6"}}"""), IntakeRejectionKind.MappingFailed);

        Assert.Equal("ReceiverId", rejected.Errors[0].Field);
    }
}
