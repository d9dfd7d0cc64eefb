using System.Net;
using System.Text;
using LiveRelay.Intake.Results;
using LiveRelay.Tests.Intake.Mapping;

namespace LiveRelay.Tests.Intake;

/// <summary>The checks around the mapping: unknown source, size, content type, JSON syntax, GitHub's form payload.</summary>
public sealed class WebhookRequestTests
{
    private const string Config = """
        {
          "shop": { "Verification": { "Scheme": "none" },
                    "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.customer}", "SenderId": "shop" } } ] },
          "gh":   { "Verification": { "Scheme": "github", "SecretNames": [ "gh" ] },
                    "Rules": [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "releases", "OperatorUserId": "gh", "Data": "{$.release}" } } ] }
        }
        """;

    private static IntakeTestHost Host(Action<LiveRelay.Intake.Configuration.IntakeOptions>? limits = null) =>
        new(Config, new InMemorySecretProvider(("gh", "gh-secret")), limits: limits);

    [Theory]
    [InlineData("nope")]
    [InlineData("")]
    [InlineData("api")]
    public async Task An_unknown_source_is_404(string source)
    {
        var rejected = IntakeAssert.Rejected(await Host().PostAsync(source, "{}"), IntakeRejectionKind.UnknownSource);

        Assert.Equal(404, rejected.Status);
    }

    [Fact]
    public async Task Source_names_are_matched_without_regard_to_case_and_reported_as_configured()
    {
        var accepted = IntakeAssert.Accepted(await Host().PostAsync("SHOP", """{"customer":"c1"}"""));

        Assert.Equal("shop", accepted.Source);
        Assert.Equal("shop", accepted.Envelopes[0].Source);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413()
    {
        var host = Host(o => o.MaxBodyBytes = 64);
        var body = $$"""{"customer":"{{new string('c', 60)}}"}""";

        IntakeAssert.Accepted(await host.PostAsync("shop", """{"customer":"c1"}"""));
        Assert.Equal(413, IntakeAssert.Rejected(await host.PostAsync("shop", body), IntakeRejectionKind.PayloadTooLarge).Status);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    [InlineData("application/cloudevents+json")]
    [InlineData("application/vnd.shop.v2+json")]
    public async Task Accepts_JSON_content_types(string contentType) =>
        IntakeAssert.Accepted(await Host().PostAsync("shop", """{"customer":"c1"}""", contentType: contentType));

    [Theory]
    [InlineData(null, "Content-Type header is required")]
    [InlineData("", "Content-Type header is required")]
    [InlineData("text/plain", "'text/plain' is not supported")]
    [InlineData("application/xml", "'application/xml' is not supported")]
    [InlineData("application/json; charset=iso-8859-1", "Charset 'iso-8859-1' is not supported")]
    [InlineData("not a media type", "Content-Type header is not a media type")]
    public async Task Other_content_types_are_415(string? contentType, string because)
    {
        var rejected = IntakeAssert.Rejected(await Host().PostAsync("shop", """{"customer":"c1"}""", contentType: contentType), IntakeRejectionKind.UnsupportedMediaType);

        Assert.Equal(415, rejected.Status);
        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"customer\":", "line 1")]
    [InlineData("{\"customer\":\"c1\",}", "not valid JSON")]
    [InlineData("{'customer':'c1'}", "not valid JSON")]
    [InlineData("{\"customer\":\"c1\"} // comment", "not valid JSON")]
    [InlineData("{\"customer\":\"c1\"} {}", "not valid JSON")]
    public async Task Malformed_JSON_is_400_saying_where(string body, string because)
    {
        var rejected = IntakeAssert.Rejected(await Host().PostAsync("shop", body), IntakeRejectionKind.MalformedEvent);

        Assert.Equal(400, rejected.Status);
        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_is_400()
    {
        byte[] body = [.. "{\"customer\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var rejected = IntakeAssert.Rejected(await Host().PostAsync("shop", body), IntakeRejectionKind.MalformedEvent);

        Assert.Contains("not valid UTF-8", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nesting_deeper_than_64_levels_is_400()
    {
        var body = new string('[', 65) + new string(']', 65);

        IntakeAssert.Rejected(await Host().PostAsync("shop", body), IntakeRejectionKind.MalformedEvent);
    }

    [Fact]
    public async Task A_byte_order_mark_is_allowed()
    {
        byte[] body = [0xEF, 0xBB, 0xBF, .. """{"customer":"c1"}"""u8];

        IntakeAssert.Accepted(await Host().PostAsync("shop", body));
    }

    [Fact]
    public async Task Reads_the_JSON_payload_of_a_signed_form_post()
    {
        const string json = """{"action":"published","release":{"tag_name":"v2.0.0","name":"A & B + C"}}""";
        var form = "payload=" + WebUtility.UrlEncode(json);

        var result = await Host().PostAsync("gh", form, TestSignatures.GitHub("gh-secret", form), "application/x-www-form-urlencoded");

        var data = MappingHarness.Group(Assert.Single(IntakeAssert.Accepted(result).Envelopes)).Data;
        Assert.Equal("""{"tag_name":"v2.0.0","name":"A & B + C"}""", data);
    }

    [Fact]
    public async Task A_form_post_without_payload_is_400()
    {
        const string form = "other=1";

        var rejected = IntakeAssert.Rejected(
            await Host().PostAsync("gh", form, TestSignatures.GitHub("gh-secret", form), "application/x-www-form-urlencoded"), IntakeRejectionKind.MalformedEvent);

        Assert.Contains("'payload'", rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signature_covers_the_raw_bytes_not_the_parsed_JSON()
    {
        const string signed = """{"release": {"tag_name": "v1"}}""";
        var reformatted = Encoding.UTF8.GetBytes("""{"release":{"tag_name":"v1"}}""");

        IntakeAssert.Accepted(await Host().PostAsync("gh", signed, TestSignatures.GitHub("gh-secret", signed)));
        IntakeAssert.Rejected(await Host().PostAsync("gh", reformatted, TestSignatures.GitHub("gh-secret", signed)), IntakeRejectionKind.SignatureInvalid);
    }
}
