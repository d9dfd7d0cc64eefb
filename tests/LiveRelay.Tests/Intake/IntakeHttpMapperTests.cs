using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;

namespace LiveRelay.Tests.Intake;

/// <summary>The HTTP answers both hosts write: RFC 9457 problem details for rejections, a short JSON summary otherwise.</summary>
public sealed class IntakeHttpMapperTests
{
    [Theory]
    [InlineData(IntakeRejectionKind.UnknownSource, 404, "unknown-source")]
    [InlineData(IntakeRejectionKind.SignatureInvalid, 401, "signature-invalid")]
    [InlineData(IntakeRejectionKind.PayloadTooLarge, 413, "payload-too-large")]
    [InlineData(IntakeRejectionKind.UnsupportedMediaType, 415, "unsupported-media-type")]
    [InlineData(IntakeRejectionKind.MalformedEvent, 400, "malformed-event")]
    [InlineData(IntakeRejectionKind.MappingFailed, 400, "mapping-failed")]
    [InlineData(IntakeRejectionKind.InvalidMessage, 400, "invalid-message")]
    [InlineData(IntakeRejectionKind.TooManyMessages, 400, "too-many-messages")]
    [InlineData(IntakeRejectionKind.VerificationUnavailable, 503, "verification-unavailable")]
    public void Rejections_become_problem_details(IntakeRejectionKind kind, int status, string type)
    {
        var rejected = new IntakeRejected { Source = "shop", Kind = kind, Detail = "What went wrong." };

        var response = IntakeHttpMapper.ToResponse(rejected);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentType);
        using var problem = JsonDocument.Parse(response.Body);
        var root = problem.RootElement;
        Assert.Equal("urn:liverelay:problem:" + type, root.GetProperty("type").GetString());
        Assert.Equal(rejected.Title, root.GetProperty("title").GetString());
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.Equal("What went wrong.", root.GetProperty("detail").GetString());
        Assert.Equal("shop", root.GetProperty("source").GetString());
        Assert.False(root.TryGetProperty("errors", out _));
    }

    [Fact]
    public async Task Errors_list_field_message_rule_and_index()
    {
        var host = new IntakeTestHost("""
            { "c": { "Verification": { "Scheme": "none" },
                     "Rules": [ { "Name": "recipients", "Kind": "user", "ForEach": "$.to", "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "{@.from}" } } ] } }
            """);
        var rejected = await host.PostAsync("c", """{"to":[{"id":"u0","from":"ok"},{"id":"u1","from":"bad-sender"}]}""");

        using var problem = JsonDocument.Parse(IntakeHttpMapper.ToResponse(rejected).Body);

        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("SenderId", error.GetProperty("field").GetString());
        Assert.Equal("must contain only letters and digits", error.GetProperty("message").GetString());
        Assert.Equal("recipients", error.GetProperty("rule").GetString());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Accepted_requests_are_202_with_their_ids()
    {
        var envelope = new MessageEnvelope("id1", "shop", "evt", DateTimeOffset.UnixEpoch, LiveMessage.ToUser(new SendLiveMessageUserRequest { AppId = "a", ReceiverId = "u", SenderId = "s" }));
        var accepted = new IntakeAccepted { Source = "shop", Delivery = DeliveryMode.Direct, Envelopes = [envelope], EventIds = ["evt"] };

        var response = IntakeHttpMapper.ToResponse(accepted);

        Assert.Equal(202, response.StatusCode);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("""{"status":"accepted","source":"shop","delivery":"direct","eventIds":["evt"],"messages":1,"messageIds":["id1"]}""", body.RootElement.GetRawText());
    }
}
