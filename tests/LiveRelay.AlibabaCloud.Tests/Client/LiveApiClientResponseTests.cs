using System.Net;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Tests.Support;

namespace LiveRelay.AlibabaCloud.Tests.Client;

/// <summary>Successful answers become typed results; a 2xx that is not a JSON object is an error, not a success.</summary>
public sealed class LiveApiClientResponseTests
{
    [Fact]
    public async Task SendMessageToGroup_returns_the_RequestId_and_Result_MessageId()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(
            HttpStatusCode.OK, """{"RequestId":"5F2E-REQ","Result":{"MessageId":"msg-42"}}"""));
        using var harness = new ClientHarness(server.Endpoint);

        var result = await harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup);

        Assert.Equal("5F2E-REQ", result.RequestId);
        Assert.Equal("msg-42", result.MessageId);
    }

    [Fact]
    public async Task SendMessageToGroup_without_a_Result_has_no_MessageId()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(HttpStatusCode.OK, """{"RequestId":"R1"}"""));
        using var harness = new ClientHarness(server.Endpoint);

        var result = await harness.Client.SendMessageToGroupAsync(SampleRequests.MinimalGroup);

        Assert.Equal("R1", result.RequestId);
        Assert.Null(result.MessageId);
    }

    [Fact]
    public async Task SendLiveMessageUser_returns_the_RequestId_and_the_answered_MsgTid()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(
            HttpStatusCode.OK, """{"RequestId":"R2","MsgTid":"fromServer1"}"""));
        using var harness = new ClientHarness(server.Endpoint);

        var result = await harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser);

        Assert.Equal("R2", result.RequestId);
        Assert.Equal("fromServer1", result.MsgTid);
    }

    [Fact]
    public async Task SendLiveMessageUser_falls_back_to_the_sent_MsgTid_when_the_answer_has_none()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(HttpStatusCode.OK, """{"RequestId":"R3"}"""));
        using var harness = new ClientHarness(server.Endpoint);

        var result = await harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser);

        Assert.Equal("R3", result.RequestId);
        Assert.Equal(SampleRequests.FullUser.MsgTid, result.MsgTid);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Bad gateway page</body></html>", "Bad gateway page")]
    [InlineData("application/json", "[1,2,3]", "[1,2,3]")]
    [InlineData("application/json", "{\"RequestId\":", "{\"RequestId\":")]
    public async Task A_200_whose_body_is_not_a_JSON_object_is_a_transient_InvalidResponse(string contentType, string body, string shown)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Text(HttpStatusCode.OK, contentType, body));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.MinimalGroup));

        Assert.Equal(LiveApiErrorKind.Transient, ex.Kind);
        Assert.Equal("InvalidResponse", ex.Code);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains(shown, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_200_with_an_empty_body_is_a_transient_InvalidResponse()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Empty(HttpStatusCode.OK));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.MinimalUser));

        Assert.Equal("InvalidResponse", ex.Code);
        Assert.Contains("empty body", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_answer_larger_than_one_megabyte_is_refused_whether_or_not_its_length_is_announced(bool chunked)
    {
        var huge = new string('x', 2 * 1024 * 1024);
        await using var server = CapturingHttpServer.Start(
            CannedResponse.Json(HttpStatusCode.OK, $"{{\"RequestId\":\"{huge}\"}}") with { Chunked = chunked });
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.MinimalGroup));

        Assert.Equal("InvalidResponse", ex.Code);
        Assert.Contains("larger than", ex.Message, StringComparison.Ordinal);
    }
}
