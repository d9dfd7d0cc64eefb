using System.Text.Json;
using LiveRelay.Intake.Results;
using static LiveRelay.Tests.Intake.Mapping.MappingHarness;

namespace LiveRelay.Tests.Intake.Mapping;

/// <summary>Each way a parameter can be made: constant, JSONPath, JSON Pointer, text template, typed values, variables.</summary>
public sealed class ParameterMappingTests
{
    private const string Order = """
        {"order":{"id":"A-1001","total":129.5,"items":[{"sku":"s1"},{"sku":"s2"}],"express":true,"priority":"7","tags":{"a/b":"slash","m~n":"tilde"}},
         "customer":{"id":"c42","name":"Ada"},"type":10042,"note":null}
        """;

    [Fact]
    public async Task Reads_constants_JSONPath_and_JSON_Pointer()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": {
                "AppId": "app-1", "ReceiverId": "{$.customer.id}", "SenderId": "shop", "SenderInfo": "{/customer/name}",
                "Body": "{$['order']['items'][1].sku}", "DataCenter": "cn-shanghai" } } ]
            """);

        var request = User(Assert.Single((await host.AcceptAsync(Order)).Envelopes));

        Assert.Equal("app-1", request.AppId);
        Assert.Equal("c42", request.ReceiverId);
        Assert.Equal("shop", request.SenderId);
        Assert.Equal("Ada", request.SenderInfo);
        Assert.Equal("s2", request.Body);
        Assert.Equal("cn-shanghai", request.DataCenter);
    }

    [Fact]
    public async Task Renders_text_templates_with_escaped_braces()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.customer.id}", "SenderId": "shop",
                "Body": "Order {$.order.id} ({/order/items/0/sku}) for {$.customer.name}: {{total}} = {$.order.total}, express {$.order.express}" } } ]
            """);

        var request = User(Assert.Single((await host.AcceptAsync(Order)).Envelopes));

        Assert.Equal("Order A-1001 (s1) for Ada: {total} = 129.5, express true", request.Body);
    }

    [Fact]
    public async Task JSON_Pointer_unescapes_tilde_and_slash()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{/order/tags/a~1b}", "SenderId": "shop", "Body": "{/order/tags/m~0n}" } } ]
            """);

        var request = User(Assert.Single((await host.AcceptAsync(Order)).Envelopes));

        Assert.Equal("slash", request.ReceiverId);
        Assert.Equal("tilde", request.Body);
    }

    [Fact]
    public async Task Converts_values_to_the_parameters_types()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "shop",
                "MsgType": "{$.order.priority}", "HighReliability": "{$.order.express}", "Storage": "false" } },
              { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "op", "Type": "{$.type}", "Data": "{$.order}", "SkipAudit": "true" } } ]
            """);

        var accepted = await host.AcceptAsync(Order);

        var user = User(accepted.Envelopes[0]);
        Assert.Equal(7L, user.MsgType);
        Assert.True(user.HighReliability);
        Assert.False(user.Storage);
        var group = Group(accepted.Envelopes[1]);
        Assert.Equal(10042, group.Type);
        Assert.True(group.SkipAudit);
        Assert.Equal("""{"id":"A-1001","total":129.5,"items":[{"sku":"s1"},{"sku":"s2"}],"express":true,"priority":"7","tags":{"a/b":"slash","m~n":"tilde"}}""", group.Data);
    }

    [Theory]
    [InlineData("MsgType", "{$.customer.name}", "must be a 64-bit whole number, but the value is a string that does not parse")]
    [InlineData("MsgType", "{$.order.total}", "must be a 64-bit whole number, but the value is a number with a fraction")]
    [InlineData("HighReliability", "{$.order.id}", "must be true or false")]
    [InlineData("ReceiverId", "{$.customer.missing}", "{$.customer.missing} is not in the event")]
    [InlineData("ReceiverId", "{$.note}", "{$.note} is not in the event")]
    [InlineData("ReceiverId", "{$.order.items[*].sku}", "matches several values")]
    [InlineData("ReceiverId", "x {header:X-Missing}", "the X-Missing header is missing")]
    public async Task A_value_that_cannot_be_made_rejects_the_event_naming_rule_and_field(string field, string template, string message)
    {
        var parameters = new Dictionary<string, string> { ["AppId"] = "a", ["ReceiverId"] = "r", ["SenderId"] = "shop", [field] = template };
        var host = Host($$"""[ { "Name": "notify", "Kind": "user", "Parameters": {{JsonSerializer.Serialize(parameters)}} } ]""");

        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Order), IntakeRejectionKind.MappingFailed);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal(field, error.Field);
        Assert.Equal("notify", error.Rule);
        Assert.Null(error.Index);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(400, rejected.Status);
    }

    [Fact]
    public async Task Optional_placeholders_leave_the_parameter_unset_or_render_empty()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "shop",
                "SenderInfo": "{$.customer.nickname?}", "Body": "Hi {$.customer.nickname ?}!", "MsgType": "{$.none?}" } } ]
            """);

        var request = User(Assert.Single((await host.AcceptAsync(Order)).Envelopes));

        Assert.Null(request.SenderInfo);
        Assert.Equal("Hi !", request.Body);
        Assert.Null(request.MsgType);
    }

    [Fact]
    public async Task Variables_give_the_event_id_source_and_headers()
    {
        var host = Host("""
            [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "shop", "Body": "{source}/{eventId}/{header:X-Shop-Topic}/{index}" } } ]
            """, """ "EventId": { "Header": "X-Request-Id" }, """);

        var request = User(Assert.Single((await host.AcceptAsync(Order, [new("X-Request-Id", "req-9"), new("x-shop-topic", "orders/shipped")])).Envelopes));

        Assert.Equal("src/req-9/orders/shipped/0", request.Body);
    }

    [Fact]
    public async Task A_produced_request_that_breaks_an_API_limit_is_rejected_naming_the_field()
    {
        var host = Host("""
            [ { "Name": "notify", "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "{$.order.id}", "DataCenter": "{$.customer.name}" } } ]
            """);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Order), IntakeRejectionKind.InvalidMessage);

        Assert.Equal(["SenderId", "DataCenter"], rejected.Errors.Select(e => e.Field));
        Assert.All(rejected.Errors, e => Assert.Equal("notify", e.Rule));
        Assert.Contains("letters and digits", rejected.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_group_Data_that_is_not_JSON_is_rejected()
    {
        var host = Host("""
            [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "op", "Data": "Order {$.order.id}" } } ]
            """);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Order), IntakeRejectionKind.InvalidMessage);

        Assert.Equal("Data", Assert.Single(rejected.Errors).Field);
    }
}
