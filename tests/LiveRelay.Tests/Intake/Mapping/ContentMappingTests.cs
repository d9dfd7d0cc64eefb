using System.Text.Json;
using static LiveRelay.Tests.Intake.Mapping.MappingHarness;

namespace LiveRelay.Tests.Intake.Mapping;

/// <summary>Data (group) and Body (user) built as JSON objects from mapped fields.</summary>
public sealed class ContentMappingTests
{
    private const string Event = """{"order":{"id":"A-1","total":12.5,"lines":[{"sku":"s1","qty":2}],"gift":false},"customer":{"id":"c1"}}""";

    [Fact]
    public async Task Builds_nested_objects_and_arrays_keeping_JSON_types()
    {
        var host = Host("""
            [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "op" },
                "Content": {
                  "type": "order.shipped",
                  "text": "Order {$.order.id} shipped",
                  "order": { "id": "{$.order.id}", "total": "{$.order.total}", "gift": "{$.order.gift}", "lines": "{$.order.lines}" },
                  "tags": [ "shop", "{$.customer.id}" ],
                  "nickname": "{$.customer.nickname?}"
                } } ]
            """);

        var data = Group(Assert.Single((await host.AcceptAsync(Event)).Envelopes)).Data;

        using var document = JsonDocument.Parse(data);
        var root = document.RootElement;
        Assert.Equal("order.shipped", root.GetProperty("type").GetString());
        Assert.Equal("Order A-1 shipped", root.GetProperty("text").GetString());
        Assert.Equal("A-1", root.GetProperty("order").GetProperty("id").GetString());
        Assert.Equal(12.5, root.GetProperty("order").GetProperty("total").GetDouble());
        Assert.False(root.GetProperty("order").GetProperty("gift").GetBoolean());
        Assert.Equal(2, root.GetProperty("order").GetProperty("lines")[0].GetProperty("qty").GetInt32());
        Assert.Equal(["shop", "c1"], root.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.False(root.TryGetProperty("nickname", out _));
    }

    [Fact]
    public async Task Content_becomes_the_Body_of_user_messages()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.customer.id}", "SenderId": "shop" },
                "Content": { "orderId": "{$.order.id}", "kind": "shipped" } } ]
            """);

        var body = User(Assert.Single((await host.AcceptAsync(Event)).Envelopes)).Body;

        Assert.Equal("""{"kind":"shipped","orderId":"A-1"}""", body);
    }

    [Fact]
    public async Task A_missing_required_content_value_names_the_content_field()
    {
        var host = Host("""
            [ { "Name": "r", "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "shop" },
                "Content": { "order": { "ref": "{$.order.reference}" } } } ]
            """);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Event), LiveRelay.Intake.Results.IntakeRejectionKind.MappingFailed);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("Content:order:ref", error.Field);
        Assert.Contains("{$.order.reference} is not in the event", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Escapes_text_so_the_document_stays_valid_JSON()
    {
        var host = Host("""
            [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "op" }, "Content": { "text": "Note: {$.note}" } } ]
            """);

        var data = Group(Assert.Single((await host.AcceptAsync("""{"note":"say \"hi\"\n\\ \u00e9"}""")).Envelopes)).Data;

        using var document = JsonDocument.Parse(data);
        Assert.Equal("Note: say \"hi\"\n\\ é", document.RootElement.GetProperty("text").GetString());
    }
}
