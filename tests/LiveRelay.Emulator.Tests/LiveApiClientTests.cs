using System.Net;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Tests.Support;

namespace LiveRelay.Emulator.Tests;

/// <summary>Our LiveApiClient against the emulator: every kind of answer arrives as the right result or exception.</summary>
public sealed class LiveApiClientTests
{
    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task SendMessageToGroup_is_accepted_and_recorded_with_its_parameters(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var request = Calls.Group();

        var result = await emulator.CreateClient(version).SendMessageToGroupAsync(request);

        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("SendMessageToGroup", recorded.GetProperty("action").GetString());
        Assert.Equal(request.AppId, recorded.GetProperty("AppId").GetString());
        Assert.Equal(request.GroupId, recorded.GetProperty("GroupId").GetString());
        Assert.Equal(request.OperatorUserId, recorded.GetProperty("OperatorUserId").GetString());
        Assert.Equal("10001", recorded.GetProperty("Type").GetString());
        Assert.Equal(request.Data, recorded.GetProperty("Data").GetString());
        Assert.Equal("false", recorded.GetProperty("SkipAudit").GetString());
        Assert.Equal(version.ToString(), recorded.GetProperty("signatureVersion").GetString());
        Assert.Equal(result.RequestId, recorded.GetProperty("requestId").GetString());
        Assert.False(string.IsNullOrEmpty(result.MessageId));
        Assert.Equal(result.MessageId, recorded.GetProperty("messageId").GetString());
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task SendLiveMessageUser_is_accepted_and_recorded_with_its_parameters(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var request = Calls.User(msgTid: "msg42");

        var result = await emulator.CreateClient(version).SendLiveMessageUserAsync(request);

        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("SendLiveMessageUser", recorded.GetProperty("action").GetString());
        Assert.Equal(request.ReceiverId, recorded.GetProperty("ReceiverId").GetString());
        Assert.Equal(request.SenderId, recorded.GetProperty("SenderId").GetString());
        Assert.Equal(request.SenderInfo, recorded.GetProperty("SenderInfo").GetString());
        Assert.Equal(request.Body, recorded.GetProperty("Body").GetString());
        Assert.Equal("2", recorded.GetProperty("MsgType").GetString());
        Assert.Equal("msg42", recorded.GetProperty("MsgTid").GetString());
        Assert.Equal("cn-shanghai", recorded.GetProperty("DataCenter").GetString());
        Assert.Equal("false", recorded.GetProperty("HighReliability").GetString());
        Assert.Equal("true", recorded.GetProperty("Storage").GetString());
        Assert.Equal(result.RequestId, recorded.GetProperty("requestId").GetString());
        Assert.Equal("msg42", result.MsgTid);
        Assert.Equal("msg42", recorded.GetProperty("messageId").GetString());
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task A_user_message_at_every_documented_limit_is_accepted(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var request = Calls.User(receiverId: new string('r', 64), msgTid: new string('t', 64)) with
        {
            SenderId = new string('s', 64),
            SenderInfo = new string('i', 512),
            Body = string.Concat(Enumerable.Repeat("é", 15 * 1024 / 2)),
        };

        await emulator.CreateClient(version).SendLiveMessageUserAsync(request);

        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal(request.Body, recorded.GetProperty("Body").GetString());
        Assert.Equal(request.SenderInfo, recorded.GetProperty("SenderInfo").GetString());
    }

    [Fact]
    public async Task A_receiver_id_the_API_does_not_allow_is_refused_by_the_client_and_answered_InputInvalid_by_the_emulator()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var request = Calls.User(receiverId: "user-1");

        var local = await Assert.ThrowsAsync<LiveRequestValidationException>(() => emulator.CreateClient().SendLiveMessageUserAsync(request));
        Assert.Contains(local.Failures, static f => f.Field == "ReceiverId");

        // Sent anyway, signed but unvalidated, the emulator answers as the API does.
        using var response = await emulator.SendAsync(LiveApiRequestSigner.Sign(
            LiveApiCall.For(request), emulator.Endpoint, SignatureVersion.V3, EmulatorHost.DefaultCredential, DateTimeOffset.UtcNow, "receiverNonce1"));
        var answer = await ApiAnswer.ReadAsync(response);

        Assert.Equal((HttpStatusCode.BadRequest, "InputInvalid"), (answer.Status, answer.Code));
        Assert.Contains("ReceiverId: must contain only letters and digits", answer.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
    }

    [Fact]
    public async Task An_app_that_is_not_configured_is_answered_ResourceNotExist()
    {
        await using var emulator = await EmulatorHost.StartAsync(["--Emulator:Apps:0=app1", "--Emulator:Apps:1=app2"]);
        var client = emulator.CreateClient();

        await client.SendMessageToGroupAsync(Calls.Group(appId: "app2"));
        var error = await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(Calls.Group(appId: "app3")));

        Assert.Equal(LiveApiErrorKind.Permanent, error.Kind);
        Assert.Equal("ResourceNotExist", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task A_wrong_secret_is_answered_SignatureDoesNotMatch(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var client = emulator.CreateClient(version, new AlibabaCloudCredential("emulator-key-id", "not-the-secret"));

        var error = await Assert.ThrowsAsync<LiveApiException>(() => client.SendMessageToGroupAsync(Calls.Group()));

        Assert.Equal(LiveApiErrorKind.Authentication, error.Kind);
        Assert.Equal("SignatureDoesNotMatch", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.DoesNotContain("not-the-secret", error.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("emulator-key-secret", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_answered_InvalidAccessKeyId_NotFound()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var client = emulator.CreateClient(credential: new AlibabaCloudCredential("someone-else", "secret"));

        var error = await Assert.ThrowsAsync<LiveApiException>(() => client.SendLiveMessageUserAsync(Calls.User()));

        Assert.Equal(LiveApiErrorKind.Authentication, error.Kind);
        Assert.Equal("InvalidAccessKeyId.NotFound", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task An_sts_key_is_accepted_with_its_token_only(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync(
            ["--Emulator:Credentials:0:AccessKeyId=STS.key", "--Emulator:Credentials:0:AccessKeySecret=sts-secret", "--Emulator:Credentials:0:SecurityToken=token-1"]);

        await emulator.CreateClient(version, new AlibabaCloudCredential("STS.key", "sts-secret", "token-1")).SendMessageToGroupAsync(Calls.Group());
        var wrong = await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(version, new AlibabaCloudCredential("STS.key", "sts-secret", "token-2")).SendMessageToGroupAsync(Calls.Group()));
        var missing = await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(version, new AlibabaCloudCredential("STS.key", "sts-secret")).SendMessageToGroupAsync(Calls.Group()));
        var unexpected = await Assert.ThrowsAsync<LiveApiException>(
            () => emulator.CreateClient(version, new AlibabaCloudCredential("emulator-key-id", "emulator-key-secret", "token-1")).SendMessageToGroupAsync(Calls.Group()));

        Assert.Equal(("InvalidSecurityToken.MismatchWithAccessKey", LiveApiErrorKind.Authentication), (wrong.Code, wrong.Kind));
        Assert.Equal(("MissingSecurityToken", HttpStatusCode.BadRequest), (missing.Code, missing.StatusCode));
        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey", unexpected.Code);
        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("STS.key", recorded.GetProperty("accessKeyId").GetString());
    }

    [Fact]
    public async Task Every_error_body_has_the_API_shape()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        using var response = await emulator.SendAsync(Calls.SignGroup(emulator.Endpoint, credential: new AlibabaCloudCredential("nobody", "x")));
        var answer = await ApiAnswer.ReadAsync(response);

        var names = answer.Body.EnumerateObject().Select(static p => p.Name).ToList();
        Assert.Equal(["RequestId", "HostId", "Code", "Message", "Recommend"], names);
        Assert.Equal(answer.Body.GetProperty("RequestId").GetString(), Assert.Single(response.Headers.GetValues("x-acs-request-id")));
        Assert.Equal(JsonValueKind.String, answer.Body.GetProperty("Message").ValueKind);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
