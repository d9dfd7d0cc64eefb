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

    [Fact]
    public async Task A_github_replay_with_a_fresh_delivery_header_gets_the_same_event_id_and_none_is_needed()
    {
        const string body = """{"a":1}""";
        var host = Host("null", """{ "Scheme": "github", "SecretNames": [ "k" ] }""");
        var signed = TestSignatures.GitHub("secret", body);

        var first = await host.PostAsync("s", body, signed);
        var replay = await host.PostAsync("s", body, new Dictionary<string, string>(signed) { ["X-GitHub-Delivery"] = "a-fresh-delivery-id" });
        var withoutDelivery = await host.PostAsync("s", body, signed.Where(static h => h.Key != "X-GitHub-Delivery"));

        var expected = LiveRelay.Messages.MessageIds.ForBody(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal(expected, Assert.Single(IntakeAssert.Accepted(first).EventIds));
        Assert.Equal(IntakeAssert.Accepted(first).Envelopes.Select(static e => e.Id), IntakeAssert.Accepted(replay).Envelopes.Select(static e => e.Id));
        Assert.Equal(expected, Assert.Single(IntakeAssert.Accepted(withoutDelivery).EventIds));
    }

    [Fact]
    public async Task An_hmac_source_defaults_to_the_body_hash()
    {
        const string body = """{"id":"not-used"}""";
        var host = Host("null", """{ "Scheme": "hmac", "Header": "X-Sig", "SecretNames": [ "k" ] }""");
        var signature = Convert.ToHexStringLower(TestSignatures.Hmac(System.Security.Cryptography.HashAlgorithmName.SHA256, "secret"u8.ToArray(), body));

        var result = await host.PostAsync("s", body, [new("X-Sig", signature), new("X-Request-Id", "unsigned")]);

        Assert.Equal(LiveRelay.Messages.MessageIds.ForBody(System.Text.Encoding.UTF8.GetBytes(body)), Assert.Single(IntakeAssert.Accepted(result).EventIds));
    }

    [Fact]
    public async Task Standard_webhooks_and_stripe_default_to_their_signed_ids()
    {
        const string body = """{"id":"evt_1"}""";
        var now = IntakeTestHost.DefaultNow.ToUnixTimeSeconds();
        var std = Host("null", """{ "Scheme": "standard-webhooks", "SecretNames": [ "std" ] }""");
        std.Secrets.Set("std", "whsec_" + Convert.ToBase64String("0123456789abcdef"u8));
        var stripe = Host("null", """{ "Scheme": "stripe", "SecretNames": [ "st" ] }""");
        stripe.Secrets.Set("st", "whsec_stripe");

        var fromStd = await std.PostAsync("s", body, TestSignatures.StandardWebhooks("whsec_" + Convert.ToBase64String("0123456789abcdef"u8), "msg_1", now, body));
        var fromStripe = await stripe.PostAsync("s", body, TestSignatures.Stripe("whsec_stripe", now, body));

        Assert.Equal("msg_1", Assert.Single(IntakeAssert.Accepted(fromStd).EventIds));
        Assert.Equal("evt_1", Assert.Single(IntakeAssert.Accepted(fromStripe).EventIds));
    }

    [Fact]
    public async Task The_github_delivery_header_is_used_only_when_chosen()
    {
        const string body = """{"a":1}""";
        var host = Host("""{ "From": "delivery" }""", """{ "Scheme": "github", "SecretNames": [ "k" ] }""");

        var result = await host.PostAsync("s", body, TestSignatures.GitHub("secret", body, delivery: "d-7"));

        Assert.Equal("d-7", Assert.Single(IntakeAssert.Accepted(result).EventIds));
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
