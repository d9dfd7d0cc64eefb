using System.Text.Json;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Hosting;
using LiveRelay.Intake;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;

namespace LiveRelay.Tests.Hosting;

public sealed class RelayResponsesTests
{
    private static readonly IntakeAccepted Accepted = new() { Source = "shop", Delivery = DeliveryMode.Direct, Envelopes = [], EventIds = ["evt-1"] };

    [Fact]
    public void All_delivered_is_200_with_each_messages_request_id()
    {
        var response = RelayResponses.ForDirectDelivery(Accepted, Report(new Delivered("req-1", "m-1", 1), new Delivered("req-2", null, 2)));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(IntakeHttpMapper.JsonContentType, response.ContentType);
        Assert.Empty(response.Headers);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("delivered", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, body.RootElement.GetProperty("delivered").GetInt32());
        var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["id-0", "id-1"], messages.Select(m => m.GetProperty("id").GetString()));
        Assert.Equal("m-1", messages[0].GetProperty("messageId").GetString());
        Assert.False(messages[1].TryGetProperty("messageId", out _));
        Assert.Equal([1, 2], messages.Select(m => m.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public void One_refusal_for_good_makes_it_a_422_problem_even_when_others_could_be_retried()
    {
        var response = RelayResponses.ForDirectDelivery(
            Accepted,
            Report(new Delivered("req-1", null, 1), new RejectedForGood("InputInvalid", "Body is too long.", 1), new RetryLater(TimeSpan.FromSeconds(3), "Throttling.User: slow down", "Throttling.User", 5)));

        Assert.Equal(422, response.StatusCode);
        Assert.Equal(IntakeHttpMapper.ProblemContentType, response.ContentType);
        Assert.False(response.Headers.ContainsKey("Retry-After"));
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:delivery-rejected", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("1 of 3 messages were refused and will not be retried.", body.RootElement.GetProperty("detail").GetString());
        Assert.Equal(["delivered", "rejected", "retry-later"], body.RootElement.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData(0, "1")]
    [InlineData(400, "1")]
    [InlineData(1000, "1")]
    [InlineData(1001, "2")]
    [InlineData(7250, "8")]
    public void Undelivered_messages_make_it_a_503_with_Retry_After_the_longest_delay_in_whole_seconds(int delayMs, string retryAfter)
    {
        var response = RelayResponses.ForDirectDelivery(
            Accepted,
            Report(new RetryLater(TimeSpan.FromMilliseconds(delayMs / 2), "ServerError: boom", "ServerError", 2), new RetryLater(TimeSpan.FromMilliseconds(delayMs), "Throttling: wait", "Throttling", 2)));

        Assert.Equal(503, response.StatusCode);
        Assert.Equal(retryAfter, response.Headers["Retry-After"]);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("urn:liverelay:problem:delivery-incomplete", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(503, body.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public void Invalid_delivery_parameter_and_queue_unavailable_are_problems_of_their_own()
    {
        var invalid = RelayResponses.InvalidDeliveryParameter("api");
        var unavailable = RelayResponses.QueueUnavailable("shop");

        Assert.Equal((400, IntakeHttpMapper.ProblemContentType), (invalid.StatusCode, invalid.ContentType));
        using var invalidBody = JsonDocument.Parse(invalid.Body);
        Assert.Equal("urn:liverelay:problem:invalid-parameter", invalidBody.RootElement.GetProperty("type").GetString());
        Assert.Equal("api", invalidBody.RootElement.GetProperty("source").GetString());
        Assert.Equal((503, "5"), (unavailable.StatusCode, unavailable.Headers["Retry-After"]));
        using var unavailableBody = JsonDocument.Parse(unavailable.Body);
        Assert.Equal("urn:liverelay:problem:queue-unavailable", unavailableBody.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Health_is_200_ok_and_not_cached()
    {
        var response = RelayResponses.Health([]);

        Assert.Equal((200, IntakeHttpMapper.JsonContentType), (response.StatusCode, response.ContentType));
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Single(body.RootElement.EnumerateObject());
    }

    [Fact]
    public void Health_stays_200_and_names_what_is_missing_while_a_secret_cannot_be_read()
    {
        var response = RelayResponses.Health(["Could not read secret 'alibaba-access-key-secret' in Key Vault https://v.vault.azure.net/: not found."]);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("no-store", response.Headers["Cache-Control"]);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        Assert.Contains("'alibaba-access-key-secret'", Assert.Single(body.RootElement.GetProperty("missing").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    private static DirectDeliveryReport Report(params DeliveryOutcome[] outcomes) =>
        new(outcomes.Select((outcome, i) => new EnvelopeOutcome($"id-{i}", outcome)).ToList());
}
