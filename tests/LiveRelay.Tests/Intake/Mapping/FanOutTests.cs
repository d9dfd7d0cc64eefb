using System.Text;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using static LiveRelay.Tests.Intake.Mapping.MappingHarness;

namespace LiveRelay.Tests.Intake.Mapping;

/// <summary>One request per element of an array in the event: deterministic ids, per-element errors, limits.</summary>
public sealed class FanOutTests
{
    private const string UserRule = """
        [ { "Name": "notify", "Kind": "user", "ForEach": "$.recipients",
            "Parameters": { "AppId": "app", "ReceiverId": "{@.id}", "SenderId": "campaign", "Body": "{$.campaign.text} ({index})", "SenderInfo": "{@.name?}" } } ]
        """;

    private static string Campaign(int recipients, Func<int, string>? recipient = null)
    {
        var builder = new StringBuilder("""{"campaign":{"id":"spring","text":"Spring sale"},"recipients":[""");
        for (var i = 0; i < recipients; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append(recipient?.Invoke(i) ?? $$"""{"id":"u{{i}}"}""");
        }

        return builder.Append("]}").ToString();
    }

    [Fact]
    public async Task Makes_one_request_per_element()
    {
        var host = Host(UserRule);

        var accepted = await host.AcceptAsync(Campaign(3, i => i == 1 ? """{"id":"u1","name":"Bo"}""" : $$"""{"id":"u{{i}}"}"""));

        Assert.Equal(["u0", "u1", "u2"], accepted.Envelopes.Select(e => User(e).ReceiverId));
        Assert.Equal(["Spring sale (0)", "Spring sale (1)", "Spring sale (2)"], accepted.Envelopes.Select(e => User(e).Body));
        Assert.Equal([null, "Bo", null], accepted.Envelopes.Select(e => User(e).SenderInfo));
    }

    [Fact]
    public async Task Fans_out_over_10000_recipients()
    {
        var host = Host(UserRule);

        var accepted = await host.AcceptAsync(Campaign(10_000));

        Assert.Equal(10_000, accepted.Envelopes.Count);
        Assert.Equal(10_000, accepted.Envelopes.Select(e => e.Id).Distinct().Count());
        for (var i = 0; i < accepted.Envelopes.Count; i += 997)
        {
            Assert.Equal($"u{i}", User(accepted.Envelopes[i]).ReceiverId);
            Assert.Equal(MessageIds.ForMessage("src", accepted.EventIds[0], i), accepted.Envelopes[i].Id);
        }
    }

    [Fact]
    public async Task Fans_out_over_plain_strings_with_a_pointer_to_the_array()
    {
        var host = Host("""
            [ { "Kind": "user", "ForEach": "/rooms", "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "bot" } } ]
            """);

        var accepted = await host.AcceptAsync("""{"rooms":["r1","r2"]}""");

        Assert.Equal(["r1", "r2"], accepted.Envelopes.Select(e => User(e).ReceiverId));
    }

    [Fact]
    public async Task Fans_out_over_what_a_JSONPath_selects()
    {
        var host = Host("""
            [ { "Kind": "group", "ForEach": "$.rooms[?(@.live == true)]",
                "Parameters": { "AppId": "a", "GroupId": "{@.groupId}", "OperatorUserId": "op", "Data": "{@}" } } ]
            """);

        var accepted = await host.AcceptAsync("""{"rooms":[{"groupId":"g1","live":true},{"groupId":"g2","live":false},{"groupId":"g3","live":true}]}""");

        Assert.Equal(["g1", "g3"], accepted.Envelopes.Select(e => Group(e).GroupId));
        Assert.Equal("""{"groupId":"g1","live":true}""", Group(accepted.Envelopes[0]).Data);
    }

    [Fact]
    public async Task An_empty_array_produces_no_messages()
    {
        var accepted = await Host(UserRule).AcceptAsync(Campaign(0));

        Assert.Empty(accepted.Envelopes);
    }

    [Fact]
    public async Task A_bad_element_rejects_the_whole_event_naming_rule_index_and_field()
    {
        var host = Host(UserRule);

        var result = await host.PostAsync("src", Campaign(6, i => i switch { 3 => """{"name":"no id"}""", 5 => """{"id":"u5extra","x":1}""", _ => $$"""{"id":"u{{i}}"}""" }));

        var rejected = IntakeAssert.Rejected(result, IntakeRejectionKind.MappingFailed);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal(("ReceiverId", "notify", 3), (error.Field, error.Rule, error.Index));
        Assert.Contains("{@.id} is not in the ForEach element", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_produced_request_names_its_fan_out_index()
    {
        var host = Host("""
            [ { "Name": "dm", "Kind": "user", "ForEach": "$.recipients", "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "{@.from}" } } ]
            """);

        var result = await host.PostAsync("src", """{"recipients":[{"id":"u0","from":"ok1"},{"id":"u1","from":"not-ok"},{"id":"u2","from":"ok2"}]}""");

        var rejected = IntakeAssert.Rejected(result, IntakeRejectionKind.InvalidMessage);
        var error = Assert.Single(rejected.Errors);
        Assert.Equal(("SenderId", "dm", 1), (error.Field, error.Rule, error.Index));
        Assert.Contains("rule 'dm' [1]: SenderId", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_at_most_100_errors_but_counts_them_all()
    {
        var host = Host(UserRule);

        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Campaign(500, _ => "{}")), IntakeRejectionKind.MappingFailed);

        Assert.Equal(100, rejected.Errors.Count);
        Assert.Contains("100 errors", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_messages_than_the_limit_are_refused_before_any_is_built()
    {
        var host = Host(UserRule, limits: o => o.MaxMessagesPerEvent = 100);

        IntakeAssert.Accepted(await host.PostAsync("src", Campaign(100)));
        var rejected = IntakeAssert.Rejected(await host.PostAsync("src", Campaign(101)), IntakeRejectionKind.TooManyMessages);

        Assert.Contains("at most 100", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_limit_counts_every_rule_and_every_event_of_a_batch_once()
    {
        var rules = """
            [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "op", "Data": "{{}}" } },
              { "Kind": "user", "ForEach": "$.data.to", "Parameters": { "AppId": "a", "ReceiverId": "{@}", "SenderId": "s" } } ]
            """;
        var single = Host(rules, limits: o => o.MaxMessagesPerEvent = 3);
        var batch = Host(rules, """ "Format": "cloudEvents", """, o => o.MaxMessagesPerEvent = 6);
        static string Ce(string id) => $$"""{"specversion":"1.0","id":"{{id}}","source":"/s","type":"t","data":{"to":["u1","u2"]} }""";

        Assert.Equal(3, (await single.AcceptAsync("""{"data":{"to":["u1","u2"]}}""")).Envelopes.Count);
        IntakeAssert.Rejected(await single.PostAsync("src", """{"data":{"to":["u1","u2","u3"]}}"""), IntakeRejectionKind.TooManyMessages);
        Assert.Equal(6, (await batch.AcceptAsync($"[{Ce("e1")},{Ce("e2")}]")).Envelopes.Count);
        IntakeAssert.Rejected(await batch.PostAsync("src", $"[{Ce("e1")},{Ce("e2")},{Ce("e3")}]"), IntakeRejectionKind.TooManyMessages);
    }

    [Fact]
    public async Task A_missing_or_non_array_ForEach_target_is_a_mapping_error()
    {
        var host = Host(UserRule);

        var missing = IntakeAssert.Rejected(await host.PostAsync("src", "{}"), IntakeRejectionKind.MappingFailed);
        var notArray = IntakeAssert.Rejected(await host.PostAsync("src", """{"recipients":{"id":"u1"}}"""), IntakeRejectionKind.MappingFailed);

        Assert.Contains("$.recipients is not in the event", Assert.Single(missing.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("must be an array, but it is an object", Assert.Single(notArray.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_rules_share_one_index_sequence_so_every_id_differs()
    {
        var host = Host("""
            [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "room-1", "OperatorUserId": "op", "Data": "{$.campaign}" } },
              { "Kind": "user", "ForEach": "$.recipients", "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "campaign" } } ]
            """);

        var accepted = await host.AcceptAsync(Campaign(2));

        Assert.Equal([MessageKind.Group, MessageKind.User, MessageKind.User], accepted.Envelopes.Select(e => e.Kind));
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => MessageIds.ForMessage("src", accepted.EventIds[0], i)),
            accepted.Envelopes.Select(e => e.Id));
    }
}
