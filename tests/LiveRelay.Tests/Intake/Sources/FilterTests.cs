using System.Text;
using System.Text.Json;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Tests.Intake.Mapping;

namespace LiveRelay.Tests.Intake.Sources;

/// <summary>Events the source does not turn into messages are acknowledged, and the answer says why.</summary>
public sealed class FilterTests
{
    private const string GitHub = """
        {
          "github": {
            "Verification": { "Scheme": "none" },
            "EventId": { "Header": "X-GitHub-Delivery" },
            "Filter": [ { "Header": "X-GitHub-Event", "Values": [ "release", "issues" ] } ],
            "Rules": [
              { "Name": "release", "Kind": "group", "When": [ { "Header": "X-GitHub-Event", "Values": [ "release" ] }, { "Path": "$.action", "Values": [ "published" ] } ],
                "Parameters": { "AppId": "a", "GroupId": "releases", "OperatorUserId": "github", "Data": "{$.release}" } },
              { "Name": "issue", "Kind": "user", "When": [ { "Path": "/action", "Values": [ "opened" ] }, { "Path": "$.issue.assignee.login" } ],
                "Parameters": { "AppId": "a", "ReceiverId": "{$.issue.assignee.login}", "SenderId": "github", "Body": "{$.issue.title}" } }
            ]
          }
        }
        """;

    private static Task<IntakeResult> Post(string gitHubEvent, string body) =>
        new IntakeTestHost(GitHub).PostAsync("github", body, [new("X-GitHub-Event", gitHubEvent), new("X-GitHub-Delivery", "d-1")]).AsTask();

    [Fact]
    public async Task Maps_events_that_pass_the_filter_through_the_rules_that_apply()
    {
        var release = IntakeAssert.Accepted(await Post("release", """{"action":"published","release":{"tag_name":"v1.2.0"}}"""));
        var issue = IntakeAssert.Accepted(await Post("issues", """{"action":"opened","issue":{"title":"Crash","assignee":{"login":"octocat"}}}"""));

        Assert.Equal("""{"tag_name":"v1.2.0"}""", MappingHarness.Group(Assert.Single(release.Envelopes)).Data);
        Assert.Equal("octocat", MappingHarness.User(Assert.Single(issue.Envelopes)).ReceiverId);
    }

    [Fact]
    public async Task Acknowledges_filtered_events_and_says_why()
    {
        var ignored = IntakeAssert.Ignored(await Post("push", """{"ref":"refs/heads/main"}"""));

        Assert.Equal("Filtered out: header X-GitHub-Event is 'push', not one of: release, issues.", ignored.Reason);
        var response = IntakeHttpMapper.ToResponse(ignored);
        Assert.Equal(200, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("ignored", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(ignored.Reason, body.RootElement.GetProperty("reason").GetString());
        Assert.Equal("d-1", body.RootElement.GetProperty("ignored")[0].GetProperty("eventId").GetString());
    }

    [Fact]
    public async Task Acknowledges_events_no_rule_applies_to_and_lists_each_rules_reason()
    {
        var ignored = IntakeAssert.Ignored(await Post("release", """{"action":"created","release":{}}"""));

        Assert.Equal("No rule applies (rule 'release': $.action is 'created', not one of: published; rule 'issue': /action is 'created', not one of: opened).", ignored.Reason);
    }

    [Fact]
    public async Task A_condition_without_values_requires_the_value_to_be_present()
    {
        var ignored = IntakeAssert.Ignored(await Post("issues", """{"action":"opened","issue":{"title":"t","assignee":null}}"""));

        Assert.Contains("rule 'issue': $.issue.assignee.login is missing", ignored.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_filter_header_is_reported()
    {
        var result = await new IntakeTestHost(GitHub).PostAsync("github", "{}");

        Assert.Equal("Filtered out: header X-GitHub-Event is missing.", IntakeAssert.Ignored(result).Reason);
    }

    [Fact]
    public async Task A_multi_value_path_matches_when_any_value_does()
    {
        var host = new IntakeTestHost("""
            { "s": { "Verification": { "Scheme": "none" }, "Filter": [ { "Path": "$.labels[*].name", "Values": [ "urgent" ] } ],
                     "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "bot" } } ] } }
            """);

        IntakeAssert.Accepted(await host.PostAsync("s", """{"labels":[{"name":"bug"},{"name":"urgent"}]}"""));
        var ignored = IntakeAssert.Ignored(await host.PostAsync("s", """{"labels":[{"name":"bug"},{"name":"docs"}]}"""));
        Assert.Equal("Filtered out: $.labels[*].name has no value among: urgent.", ignored.Reason);
    }

    [Fact]
    public async Task Long_values_are_shortened_in_reasons()
    {
        var result = await Post(new string('x', 500), "{}");

        Assert.True(Encoding.UTF8.GetByteCount(IntakeAssert.Ignored(result).Reason) < 200);
    }
}
