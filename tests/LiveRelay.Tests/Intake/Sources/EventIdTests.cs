using LiveRelay.Intake.Results;

namespace LiveRelay.Tests.Intake.Sources;

/// <summary>Where each source's event id comes from.</summary>
public sealed class EventIdTests
{
    private static IntakeTestHost Host(string eventId, string verification = """{ "Scheme": "none" }""") => new($$"""
        { "s": { "Verification": {{verification}}, "EventId": {{eventId}},
                 "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "bot" } } ] } }
        """, new InMemorySecretProvider(("k", "secret")));

    [Theory]
    [InlineData("""{ "Path": "$.order.id" }""", "A-17")]
    [InlineData("""{ "Path": "/order/id" }""", "A-17")]
    [InlineData("""{ "From": "json", "Path": "$.order.number" }""", "9007199254740993")]
    [InlineData("""{ "Header": "X-Request-Id" }""", "req-1")]
    public async Task Reads_the_configured_id(string config, string expected)
    {
        var result = await Host(config).PostAsync("s", """{"order":{"id":"A-17","number":9007199254740993}}""", [new("X-Request-Id", "req-1")]);

        Assert.Equal(expected, Assert.Single(IntakeAssert.Accepted(result).EventIds));
    }

    [Fact]
    public async Task Body_hash_can_be_chosen_even_when_the_scheme_has_a_delivery_id()
    {
        const string body = """{"a":1}""";
        var host = Host("""{ "From": "body-hash" }""", """{ "Scheme": "github", "SecretNames": [ "k" ] }""");

        var result = await host.PostAsync("s", body, TestSignatures.GitHub("secret", body));

        Assert.Equal(LiveRelay.Messages.MessageIds.ForBody(System.Text.Encoding.UTF8.GetBytes(body)), Assert.Single(IntakeAssert.Accepted(result).EventIds));
    }

    [Theory]
    [InlineData("""{ "Path": "$.order.id" }""", """{"order":{}}""", "The event id ($.order.id) is missing from the event.")]
    [InlineData("""{ "Path": "$.order.id" }""", """{"order":{"id":{"x":1}}}""", "must be a string or an integer, but it is an object")]
    [InlineData("""{ "Path": "$.order.id" }""", """{"order":{"id":"   "}}""", "The event id is empty.")]
    [InlineData("""{ "Header": "X-Request-Id" }""", "{}", "The X-Request-Id header (the event id) is missing.")]
    public async Task A_missing_or_unusable_id_is_a_400_naming_where_it_was_looked_for(string config, string body, string message)
    {
        var rejected = IntakeAssert.Rejected(await Host(config).PostAsync("s", body), IntakeRejectionKind.MalformedEvent);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal("EventId", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_longer_than_256_characters_are_refused()
    {
        var body = $$"""{"id":"{{new string('x', 257)}}"}""";

        var rejected = IntakeAssert.Rejected(await Host("""{ "Path": "$.id" }""").PostAsync("s", body), IntakeRejectionKind.MalformedEvent);

        Assert.Contains("longer than 256", rejected.Errors[0].Message, StringComparison.Ordinal);
    }
}
