using System.Text;
using System.Text.Json;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Tests.Intake.Mapping;

namespace LiveRelay.Tests.Intake.Sources;

/// <summary>CloudEvents 1.0 (structured JSON, single and batch) and Azure Event Grid events, including the validation handshakes.</summary>
public sealed class EventFormatTests
{
    private const string Config = """
        {
          "ce": { "Format": "cloudEvents", "Verification": { "Scheme": "none" },
                  "Filter": [ { "Path": "$.type", "Values": [ "com.shop.order.shipped" ] } ],
                  "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.data.customer}", "SenderId": "shop", "Body": "{$.subject}: {$.data.orderId}" } } ] },
          "eg": { "Format": "eventGrid", "Verification": { "Scheme": "none" },
                  "Rules": [ { "Kind": "group", "When": [ { "Path": "$.eventType", "Values": [ "Contoso.Items.ItemReceived" ] } ],
                               "Parameters": { "AppId": "a", "GroupId": "{$.data.room}", "OperatorUserId": "grid", "Data": "{$.data}" } } ] }
        }
        """;

    private static string CloudEvent(string id, string type = "com.shop.order.shipped", string customer = "c1") => $$"""
        {"specversion":"1.0","id":"{{id}}","source":"/shop/orders","type":"{{type}}","subject":"order","datacontenttype":"application/json","time":"2026-03-01T12:00:00Z",
         "data":{"orderId":"A-{{id}}","customer":"{{customer}}"} }
        """;

    private static string GridEvent(string id, string type = "Contoso.Items.ItemReceived") => $$"""
        {"id":"{{id}}","topic":"/subscriptions/x/resourceGroups/rg/providers/Microsoft.EventGrid/topics/t","subject":"items/{{id}}","eventType":"{{type}}",
         "eventTime":"2026-03-01T12:00:00Z","data":{"room":"room-{{id}}","sku":"s"},"dataVersion":"1.0","metadataVersion":"1" }
        """;

    private static IntakeTestHost Host() => new(Config);

    [Fact]
    public async Task Maps_a_structured_CloudEvent_with_its_id_as_the_event_id()
    {
        var accepted = IntakeAssert.Accepted(await Host().PostAsync("ce", CloudEvent("e1"), contentType: "application/cloudevents+json; charset=utf-8"));

        var envelope = Assert.Single(accepted.Envelopes);
        Assert.Equal("e1", envelope.EventId);
        Assert.Equal(MessageIds.ForMessage("ce", "e1", 0), envelope.Id);
        Assert.Equal("order: A-e1", MappingHarness.User(envelope).Body);
    }

    [Fact]
    public async Task Maps_a_CloudEvents_batch_event_by_event_and_reports_the_ignored_ones()
    {
        var batch = $"[{CloudEvent("e1")},{CloudEvent("e2", "com.shop.order.created")},{CloudEvent("e3", customer: "c3")}]";

        var accepted = IntakeAssert.Accepted(await Host().PostAsync("ce", batch, contentType: "application/cloudevents-batch+json"));

        Assert.Equal(["e1", "e3"], accepted.EventIds);
        Assert.Equal(["c1", "c3"], accepted.Envelopes.Select(e => MappingHarness.User(e).ReceiverId));
        Assert.Equal([MessageIds.ForMessage("ce", "e1", 0), MessageIds.ForMessage("ce", "e3", 0)], accepted.Envelopes.Select(e => e.Id));
        var ignored = Assert.Single(accepted.Ignored);
        Assert.Equal("e2", ignored.EventId);
    }

    [Fact]
    public async Task Decodes_JSON_data_base64()
    {
        var data = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"orderId":"B-1","customer":"c9"}"""));
        var ce = $$"""{"specversion":"1.0","id":"e9","source":"/s","type":"com.shop.order.shipped","subject":"order","datacontenttype":"application/json","data_base64":"{{data}}"}""";

        var accepted = IntakeAssert.Accepted(await Host().PostAsync("ce", ce, contentType: "application/cloudevents+json"));

        Assert.Equal("order: B-1", MappingHarness.User(Assert.Single(accepted.Envelopes)).Body);
    }

    [Theory]
    [InlineData("""{"id":"1","source":"/s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":"0.3","id":"1","source":"/s","type":"t"}""", "specversion")]
    [InlineData("""{"specversion":"1.0","source":"/s","type":"t"}""", "'id'")]
    [InlineData("""{"specversion":"1.0","id":"1","type":"t"}""", "'source'")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s"}""", "'type'")]
    [InlineData("""[{"specversion":"1.0","id":"1","source":"/s","type":"t"}, 5]""", "CloudEvent [1] must be a JSON object")]
    [InlineData("[]", "holds no events")]
    [InlineData("""{"specversion":"1.0","id":"1","source":"/s","type":"t","data_base64":"!!"}""", "data_base64")]
    public async Task Rejects_what_is_not_a_CloudEvent(string body, string because)
    {
        var rejected = IntakeAssert.Rejected(await Host().PostAsync("ce", body), IntakeRejectionKind.MalformedEvent);

        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maps_Event_Grid_events_each_with_its_own_id()
    {
        var body = $"[{GridEvent("g1")},{GridEvent("g2")}]";

        var accepted = IntakeAssert.Accepted(await Host().PostAsync("eg", body, [new("aeg-event-type", "Notification")]));

        Assert.Equal(["g1", "g2"], accepted.EventIds);
        Assert.Equal(["room-g1", "room-g2"], accepted.Envelopes.Select(e => MappingHarness.Group(e).GroupId));
        Assert.Equal("""{"room":"room-g1","sku":"s"}""", MappingHarness.Group(accepted.Envelopes[0]).Data);
    }

    [Fact]
    public async Task Answers_the_Event_Grid_subscription_validation_handshake()
    {
        const string body = """
            [{"id":"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66","topic":"/subscriptions/x","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6",
              "validationUrl":"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/s/validate?id=1&t=2&apiVersion=2018-05-01-preview&token=3"},
              "eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2026-03-01T12:00:00Z","metadataVersion":"1","dataVersion":"1"}]
            """;

        var handshake = Assert.IsType<IntakeHandshake>(await Host().PostAsync("eg", body, [new("aeg-event-type", "SubscriptionValidation")]));
        var response = IntakeHttpMapper.ToResponse(handshake);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        using var answer = JsonDocument.Parse(response.Body);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", answer.RootElement.GetProperty("validationResponse").GetString());
    }

    [Fact]
    public async Task A_validation_event_without_a_code_is_malformed()
    {
        var body = GridEvent("v1", "Microsoft.EventGrid.SubscriptionValidationEvent");

        IntakeAssert.Rejected(await Host().PostAsync("eg", body), IntakeRejectionKind.MalformedEvent);
    }

    [Theory]
    [InlineData("""[{"subject":"s","eventType":"t"}]""", "'id'")]
    [InlineData("""[{"id":"1","subject":"s"}]""", "'eventType'")]
    [InlineData("""["x"]""", "must be a JSON object")]
    public async Task Rejects_what_is_not_an_Event_Grid_event(string body, string because)
    {
        var rejected = IntakeAssert.Rejected(await Host().PostAsync("eg", body), IntakeRejectionKind.MalformedEvent);

        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Answers_the_CloudEvents_webhook_validation_request()
    {
        var result = Host().Service.AnswerWebhookOptions("ce", IntakeTestHost.ToHeaders([new("WebHook-Request-Origin", "eventgrid.azure.net")]));

        var response = IntakeHttpMapper.ToResponse(result);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("eventgrid.azure.net", response.Headers["WebHook-Allowed-Origin"]);
        Assert.True(response.Body.IsEmpty);
        Assert.Equal(404, IntakeHttpMapper.ToResponse(Host().Service.AnswerWebhookOptions("nope", null)).StatusCode);
    }

    [Fact]
    public async Task Shared_ids_in_a_batch_are_kept_apart_by_the_events_position()
    {
        var host = new IntakeTestHost("""
            { "eg": { "Format": "eventGrid", "Verification": { "Scheme": "none" }, "EventId": { "Header": "X-Delivery" },
                      "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.id}", "SenderId": "grid" } } ] } }
            """);

        var accepted = IntakeAssert.Accepted(await host.PostAsync("eg", $"[{GridEvent("g1")},{GridEvent("g2")}]", [new("X-Delivery", "d7")]));

        Assert.Equal(["d7/0", "d7/1"], accepted.EventIds);
        Assert.Equal(2, accepted.Envelopes.Select(e => e.Id).Distinct().Count());
    }
}
