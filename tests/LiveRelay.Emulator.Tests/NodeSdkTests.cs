using System.Text.Json;
using System.Text.Json.Nodes;
using LiveRelay.Emulator.Tests.Support;
using LiveRelay.Testing;

namespace LiveRelay.Emulator.Tests;

/// <summary>
/// Calls signed and sent by the official Alibaba Cloud Node.js SDK (tests/node/alicloud-call.mjs), which sends form
/// bodies chunked: accepted and recorded as sent, or refused when signed with the wrong secret or token.
/// </summary>
public sealed class NodeSdkTests
{
    private static readonly string[] StsSettings =
    [
        "--Emulator:Credentials:0:AccessKeyId=STS.node",
        "--Emulator:Credentials:0:AccessKeySecret=node-sts-secret",
        "--Emulator:Credentials:0:SecurityToken=node-sts-token",
    ];

    [Theory]
    [InlineData("v3", false)]
    [InlineData("v1", false)]
    [InlineData("v3", true)]
    [InlineData("v1", true)]
    public async Task SendMessageToGroup_from_the_Node_SDK_is_accepted_and_recorded(string signatureVersion, bool sts)
    {
        await using var emulator = await EmulatorHost.StartAsync(StsSettings);
        var data = """{"text":"héllo * wörld ~!'()"}""";

        var result = await CallAsync(emulator, signatureVersion, sts, "SendMessageToGroup",
            query: new() { ["SkipAudit"] = "true" },
            body: new() { ["AppId"] = "app1", ["GroupId"] = "group 7", ["OperatorUserId"] = "op1", ["Type"] = "10002", ["Data"] = data });

        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
        Assert.Equal("group 7", recorded.GetProperty("GroupId").GetString());
        Assert.Equal(data, recorded.GetProperty("Data").GetString());
        Assert.Equal("10002", recorded.GetProperty("Type").GetString());
        Assert.Equal("true", recorded.GetProperty("SkipAudit").GetString());
        Assert.Equal(sts ? "STS.node" : "emulator-key-id", recorded.GetProperty("accessKeyId").GetString());
        Assert.Equal(signatureVersion.ToUpperInvariant(), recorded.GetProperty("signatureVersion").GetString());
        Assert.Equal(
            result["body"]!["Result"]!["MessageId"]!.GetValue<string>(), recorded.GetProperty("messageId").GetString());
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("v1")]
    public async Task SendLiveMessageUser_from_the_Node_SDK_is_accepted_and_recorded(string signatureVersion)
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var result = await CallAsync(emulator, signatureVersion, false, "SendLiveMessageUser",
            query: new() { ["AppId"] = "app1", ["ReceiverId"] = "u2", ["SenderId"] = "u1", ["Body"] = "hello, user", ["MsgTid"] = "node1" },
            body: []);

        Assert.True(result["ok"]!.GetValue<bool>(), result.ToJsonString());
        var recorded = Assert.Single((await emulator.GetJsonAsync("/_emulator/messages?msgTid=node1")).EnumerateArray());
        Assert.Equal("hello, user", recorded.GetProperty("Body").GetString());
        Assert.Equal(result["body"]!["RequestId"]!.GetValue<string>(), recorded.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("v3", "SignatureDoesNotMatch")]
    [InlineData("v1", "SignatureDoesNotMatch")]
    public async Task A_Node_SDK_call_signed_with_the_wrong_secret_is_refused(string signatureVersion, string code)
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var result = await CallAsync(emulator, signatureVersion, false, "SendMessageToGroup",
            query: [], body: new() { ["AppId"] = "app1", ["GroupId"] = "g", ["OperatorUserId"] = "op", ["Data"] = "{}" },
            secret: "wrong-secret");

        Assert.False(result["ok"]!.GetValue<bool>());
        Assert.Equal(code, result["code"]!.GetValue<string>());
        Assert.Equal(400, result["statusCode"]!.GetValue<int>());
        Assert.Empty((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
    }

    [Fact]
    public async Task A_Node_SDK_call_with_the_wrong_sts_token_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync(StsSettings);

        var result = await CallAsync(emulator, "v3", true, "SendLiveMessageUser",
            query: new() { ["AppId"] = "app1", ["ReceiverId"] = "u2", ["SenderId"] = "u1" }, body: [], token: "stolen-token");

        Assert.Equal("InvalidSecurityToken.MismatchWithAccessKey", result["code"]!.GetValue<string>());
    }

    private static async Task<JsonNode> CallAsync(
        EmulatorHost emulator,
        string signatureVersion,
        bool sts,
        string action,
        Dictionary<string, string> query,
        Dictionary<string, string> body,
        string? secret = null,
        string? token = null)
    {
        var spec = new JsonObject
        {
            ["endpoint"] = $"127.0.0.1:{emulator.Endpoint.Port}",
            ["protocol"] = "http",
            ["accessKeyId"] = sts ? "STS.node" : "emulator-key-id",
            ["accessKeySecret"] = secret ?? (sts ? "node-sts-secret" : "emulator-key-secret"),
            ["signatureVersion"] = signatureVersion,
            ["action"] = action,
            ["query"] = JsonSerializer.SerializeToNode(query),
            ["body"] = JsonSerializer.SerializeToNode(body),
        };
        if (sts || token is not null)
        {
            spec["securityToken"] = token ?? "node-sts-token";
        }

        var output = await NodeScript.RunAsync("alicloud-call.mjs", spec.ToJsonString(), TimeSpan.FromSeconds(60));
        return JsonNode.Parse(output) ?? throw new InvalidOperationException("alicloud-call.mjs printed nothing.");
    }
}
