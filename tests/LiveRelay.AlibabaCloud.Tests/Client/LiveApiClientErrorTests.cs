using System.Net;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Tests.Support;
using LiveRelay.Testing;

namespace LiveRelay.AlibabaCloud.Tests.Client;

/// <summary>
/// Every way a call can fail, over real HTTP: error answers of each classification, bodies that are not JSON,
/// a stalled server, a refused connection, a connection that breaks mid-answer, and the caller's cancellation.
/// </summary>
public sealed class LiveApiClientErrorTests
{
    private static string ErrorJson(string code, string message = "Something went wrong.") =>
        $$"""{"RequestId":"REQ-{{code}}","HostId":"live.aliyuncs.com","Code":"{{code}}","Message":"{{message}}","Recommend":"https://api.aliyun.com/troubleshoot?q={{code}}"}""";

    public static TheoryData<HttpStatusCode, string, LiveApiErrorKind> ClassifiedErrors => new()
    {
        { HttpStatusCode.BadRequest, "Throttling", LiveApiErrorKind.Throttled },
        { HttpStatusCode.BadRequest, "Throttling.User", LiveApiErrorKind.Throttled },
        { HttpStatusCode.ServiceUnavailable, "Throttling.Api", LiveApiErrorKind.Throttled },
        { HttpStatusCode.InternalServerError, "InternalError", LiveApiErrorKind.Transient },
        { HttpStatusCode.InternalServerError, "ServerError", LiveApiErrorKind.Transient },
        { HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", LiveApiErrorKind.Transient },
        { HttpStatusCode.BadGateway, "SomethingNew", LiveApiErrorKind.Transient },
        { HttpStatusCode.Forbidden, "NoAuth", LiveApiErrorKind.Authentication },
        { HttpStatusCode.NotFound, "InvalidAccessKeyId.NotFound", LiveApiErrorKind.Authentication },
        { HttpStatusCode.BadRequest, "InvalidAccessKeyId.Inactive", LiveApiErrorKind.Authentication },
        { HttpStatusCode.BadRequest, "SignatureDoesNotMatch", LiveApiErrorKind.Authentication },
        { HttpStatusCode.BadRequest, "InputInvalid", LiveApiErrorKind.Permanent },
        { HttpStatusCode.NotFound, "ResourceNotExist", LiveApiErrorKind.Permanent },
        { HttpStatusCode.Conflict, "SomethingElse", LiveApiErrorKind.Permanent },
    };

    [Theory]
    [MemberData(nameof(ClassifiedErrors))]
    public async Task Error_answers_are_parsed_and_classified(HttpStatusCode status, string code, LiveApiErrorKind kind)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(status, ErrorJson(code)));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.Code);
        Assert.Equal("Something went wrong.", ex.ErrorMessage);
        Assert.Equal("REQ-" + code, ex.RequestId);
        Assert.Equal("live.aliyuncs.com", ex.HostId);
        Assert.Equal("https://api.aliyun.com/troubleshoot?q=" + code, ex.Recommend);
        Assert.Null(ex.RetryAfter);
        Assert.Equal(kind is LiveApiErrorKind.Throttled or LiveApiErrorKind.Transient, ex.IsRetryable);
        Assert.Contains(code, ex.Message, StringComparison.Ordinal);
        Assert.Contains("REQ-" + code, ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_error_quoting_the_string_to_sign_keeps_neither_the_token_nor_the_message_content()
    {
        const string token = "CAIS-sts-token-0123456789";
        const string stringToSign = "POST&%2F&AccessKeyId%3DLTAI-key-id%26Action%3DSendLiveMessageUser%26Body%3Dsecret-order-A-17%26SecurityToken%3D" + token + "%26Signature%3Dabc%253D";
        var body = ErrorJson("SignatureDoesNotMatch", "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(HttpStatusCode.BadRequest, body));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup));

        foreach (var text in new[] { ex.Message, ex.ErrorMessage!, ex.ToString() })
        {
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-order-A-17", text, StringComparison.Ordinal);
            Assert.DoesNotContain("LTAI-key-id", text, StringComparison.Ordinal);
        }

        Assert.Equal("Specified signature is not matched with our calculation. server string to sign is: [withheld]", ex.ErrorMessage);
        Assert.Equal(LiveApiErrorKind.Authentication, ex.Kind);
    }

    [Theory]
    [InlineData("Bad SecurityToken=tok123 given", "Bad SecurityToken=[redacted] given")]
    [InlineData("x-acs-security-token: tok123, retry", "x-acs-security-token: [redacted], retry")]
    [InlineData("AccessKeyId%3Dkey1%26Signature%253Dsig%26x%3D1", "AccessKeyId%3D[redacted]%26Signature%253D[redacted]%26x%3D1")]
    [InlineData("line one\r\nforged: entry", "line one\\r\\nforged: entry")]
    public void Credential_parameters_in_any_api_text_are_redacted(string text, string expected)
    {
        Assert.Equal(expected, LiveApiErrorText.Sanitize(System.Text.RegularExpressions.Regex.Unescape(text)));
    }

    [Fact]
    public async Task Throttling_honours_x_acs_retry_after_in_milliseconds()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(
            HttpStatusCode.BadRequest, ErrorJson("Throttling.User"), new KeyValuePair<string, string>("x-acs-retry-after", "1500")));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser));

        Assert.Equal(LiveApiErrorKind.Throttled, ex.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ex.RetryAfter);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("99999999999")]
    public async Task An_unreadable_or_absurd_retry_after_is_ignored(string value)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(
            HttpStatusCode.BadRequest, ErrorJson("Throttling"), new KeyValuePair<string, string>("x-acs-retry-after", value)));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser));

        Assert.Equal(LiveApiErrorKind.Throttled, ex.Kind);
        Assert.Null(ex.RetryAfter);
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, LiveApiErrorKind.Permanent)]
    [InlineData(HttpStatusCode.BadGateway, LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, LiveApiErrorKind.Throttled)]
    public async Task An_empty_error_body_still_gives_a_clear_classified_exception(HttpStatusCode status, LiveApiErrorKind kind)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Empty(status));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal($"Http{(int)status}", ex.Code);
        Assert.Contains($"HTTP {(int)status} with an empty body", ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.RequestId);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, LiveApiErrorKind.Transient)]
    [InlineData(HttpStatusCode.Forbidden, LiveApiErrorKind.Permanent)]
    public async Task An_HTML_error_page_gives_a_clear_exception_quoting_its_start(HttpStatusCode status, LiveApiErrorKind kind)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Text(
            status, "text/html", "<html>\r\n<head><title>Gateway says no</title></head>\r\n<body>nope</body></html>"));
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser));

        Assert.Equal(kind, ex.Kind);
        Assert.Equal($"Http{(int)status}", ex.Code);
        Assert.Contains("without a JSON error", ex.Message, StringComparison.Ordinal);
        Assert.Contains("<title>Gateway says no</title>", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_as_a_transient_Timeout()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Stall());
        using var harness = new ClientHarness(server.Endpoint, timeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LiveApiErrorKind.Transient, ex.Kind);
        Assert.Equal("Timeout", ex.Code);
        Assert.Null(ex.StatusCode);
        Assert.Contains("0.3 s", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_server_that_stalls_mid_body_times_out_too()
    {
        await using var server = CapturingHttpServer.Start(
            CannedResponse.Json(HttpStatusCode.OK, """{"RequestId":"R","Result":{"MessageId":"M"}}""") with { StallAfterBodyBytes = 10 });
        using var harness = new ClientHarness(server.Endpoint, timeout: TimeSpan.FromMilliseconds(300));

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Timeout", ex.Code);
        Assert.Equal(LiveApiErrorKind.Transient, ex.Kind);
    }

    [Fact]
    public async Task The_timeout_follows_the_configured_TimeProvider()
    {
        var time = new ManualTimeProvider();
        await using var server = CapturingHttpServer.Start(CannedResponse.Stall());
        using var harness = new ClientHarness(server.Endpoint, timeout: TimeSpan.FromSeconds(5), timeProvider: time);

        var call = harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup);
        await server.WaitForRequestsAsync(1);
        time.Advance(TimeSpan.FromSeconds(4.9));
        await Task.Delay(100);
        Assert.False(call.IsCompleted, "The call gave up before its configured timeout.");
        time.Advance(TimeSpan.FromSeconds(0.1));

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Timeout", ex.Code);
    }

    [Fact]
    public async Task A_refused_connection_is_a_transient_ConnectionFailed()
    {
        var closedPort = LoopbackPort.GetFree();
        using var harness = new ClientHarness(new Uri($"http://127.0.0.1:{closedPort}"));

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LiveApiErrorKind.Transient, ex.Kind);
        Assert.Equal("ConnectionFailed", ex.Code);
        Assert.Null(ex.StatusCode);
        Assert.Contains("ConnectionError", ex.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(ex.InnerException);
    }

    [Fact]
    public async Task A_connection_that_breaks_mid_answer_is_a_transient_ConnectionFailed()
    {
        await using var server = CapturingHttpServer.Start(
            CannedResponse.Json(HttpStatusCode.OK, """{"RequestId":"R","Result":{"MessageId":"M"}}""") with { CloseAfterBodyBytes = 10 });
        using var harness = new ClientHarness(server.Endpoint);

        var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LiveApiErrorKind.Transient, ex.Kind);
        Assert.Equal("ConnectionFailed", ex.Code);
    }

    [Fact]
    public async Task Caller_cancellation_surfaces_as_OperationCanceledException_not_as_a_timeout()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Stall());
        using var harness = new ClientHarness(server.Endpoint, timeout: TimeSpan.FromMinutes(1));
        using var cts = new CancellationTokenSource();

        var call = harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup, cts.Token);
        await server.WaitForRequestsAsync(1);
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(cts.Token, ex.CancellationToken);
    }

    [Fact]
    public async Task An_already_cancelled_token_sends_nothing_and_throws_OperationCanceledException()
    {
        await using var server = CapturingHttpServer.Start();
        using var harness = new ClientHarness(server.Endpoint);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser, cts.Token));

        Assert.Equal(cts.Token, ex.CancellationToken);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task There_are_no_hidden_retries()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(HttpStatusCode.ServiceUnavailable, ErrorJson("ServiceUnavailable")));
        using var harness = new ClientHarness(server.Endpoint);

        await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup));
        await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Invalid_requests_are_refused_before_any_call()
    {
        await using var server = CapturingHttpServer.Start();
        using var harness = new ClientHarness(server.Endpoint);

        var group = await Assert.ThrowsAsync<LiveRequestValidationException>(
            () => harness.Client.SendMessageToGroupAsync(SampleRequests.FullGroup with { Data = "not json" }));
        var user = await Assert.ThrowsAsync<LiveRequestValidationException>(
            () => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser with { DataCenter = "nowhere" }));

        Assert.Equal("Data", Assert.Single(group.Failures).Field);
        Assert.Equal("DataCenter", Assert.Single(user.Failures).Field);
        Assert.Empty(server.Requests);
    }
}
