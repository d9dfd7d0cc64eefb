using System.Text.Json;
using System.Text.Json.Nodes;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.AlibabaCloud.Tests.Support;
using LiveRelay.Testing;

namespace LiveRelay.AlibabaCloud.Tests.CrossCheck;

/// <summary>
/// The official Alibaba Cloud Node.js SDK (@alicloud/openapi-client, tests/node/alicloud-call.mjs) sends each call,
/// with a fixed timestamp and nonce, to a loopback server that captures it raw. The same call signed by
/// <see cref="LiveApiRequestSigner"/> must give the same body bytes, the same payload hash, the same canonical request
/// (rebuilt from what Node actually sent) and the same signature.
/// </summary>
public sealed class NodeSdkCrossCheckTests
{
    private const string Timestamp = "2024-01-02T03:04:05Z";
    private const string Nonce = "c0ffee0123456789abcdef0123456789";

    /// <summary>Spaces, '*', characters form and URL encoding treat differently, multi-byte UTF-8 and JSON.</summary>
    private static readonly SendMessageToGroupRequest Group = new()
    {
        AppId = "app 1",
        GroupId = "group*1 ünï",
        OperatorUserId = "operator (one)",
        Type = 10001,
        Data = "{\"text\":\"Hello, world * ~ ünïcödé 你好 😀 (a+b)=c&d/e!'\",\"n\":[1,2.5,null]}",
        SkipAudit = false,
    };

    private static readonly SendLiveMessageUserRequest User = new()
    {
        AppId = "app 1",
        ReceiverId = "receiver1",
        SenderId = "sender1",
        SenderInfo = "{\"nick\":\"Zoë *\",\"avatar\":\"https://example.com/a b.png?x=1&y=2\"}",
        Body = "hi there * ~ 你好 😀 +/=&% 'quoted' (parens)!",
        MsgType = 20002,
        MsgTid = "tid1",
        DataCenter = "ap-southeast-1",
        HighReliability = true,
        Storage = false,
    };

    public static TheoryData<string, SignatureVersion, bool> Cases => new()
    {
        { LiveApiActions.SendMessageToGroup, SignatureVersion.V3, false },
        { LiveApiActions.SendMessageToGroup, SignatureVersion.V3, true },
        { LiveApiActions.SendMessageToGroup, SignatureVersion.V1, false },
        { LiveApiActions.SendMessageToGroup, SignatureVersion.V1, true },
        { LiveApiActions.SendLiveMessageUser, SignatureVersion.V3, false },
        { LiveApiActions.SendLiveMessageUser, SignatureVersion.V3, true },
        { LiveApiActions.SendLiveMessageUser, SignatureVersion.V1, false },
        { LiveApiActions.SendLiveMessageUser, SignatureVersion.V1, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Our_signer_and_the_official_Node_SDK_produce_the_same_request(string action, SignatureVersion version, bool sts)
    {
        var call = action == LiveApiActions.SendMessageToGroup ? LiveApiCall.For(Group) : LiveApiCall.For(User);
        var credential = new AlibabaCloudCredential(ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret, sts ? ClientHarness.SecurityToken : null);
        await using var server = CapturingHttpServer.Start();

        var node = await SendWithNodeAsync(server, call, version, credential);
        var ours = LiveApiRequestSigner.Sign(
            call, server.Endpoint, version, credential, DateTimeOffset.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture), Nonce);

        Assert.Equal("POST", node.Method);
        Assert.Equal("/", node.Path);
        Assert.Equal(ours.Body, node.Body);
        Assert.Equal(ours.ContentType, node.Header("Content-Type"));
        Assert.Equal(Sorted(ParseQuery(ours.RequestUri)), Sorted(node.Query));
        Assert.Equal(Header(ours, "x-acs-action"), node.Header("x-acs-action"));
        Assert.Equal(Header(ours, "x-acs-version"), node.Header("x-acs-version"));

        if (version == SignatureVersion.V3)
        {
            Assert.Equal(Header(ours, "x-acs-content-sha256"), node.Header("x-acs-content-sha256"));
            Assert.Equal(Header(ours, "x-acs-security-token"), node.Header("x-acs-security-token"));
            Assert.Equal(Header(ours, "x-acs-accesskey-id"), node.Header("x-acs-accesskey-id"));
            Assert.Equal(ours.CanonicalRequest, CapturedRequestSignature.RebuildCanonicalRequestV3(node, out _));
            Assert.Equal(Header(ours, "Authorization"), node.Header("Authorization"));
        }
        else
        {
            Assert.Null(node.Header("Authorization"));
            Assert.Equal(ours.StringToSign, CapturedRequestSignature.RebuildStringToSignV1(node));
            Assert.Equal(ParseQuery(ours.RequestUri).Single(p => p.Key == "Signature").Value, node.QueryValue("Signature"));
        }
    }

    [Theory]
    [InlineData(LiveApiActions.SendMessageToGroup, SignatureVersion.V3)]
    [InlineData(LiveApiActions.SendLiveMessageUser, SignatureVersion.V3)]
    [InlineData(LiveApiActions.SendMessageToGroup, SignatureVersion.V1)]
    [InlineData(LiveApiActions.SendLiveMessageUser, SignatureVersion.V1)]
    public async Task Our_client_on_the_wire_matches_what_the_Node_SDK_sends_apart_from_time_and_nonce(string action, SignatureVersion version)
    {
        // The signer comparison above fixes time and nonce; this one compares two real clients' requests.
        var isGroup = action == LiveApiActions.SendMessageToGroup;
        await using var server = CapturingHttpServer.Start();
        var credential = new AlibabaCloudCredential(ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret, ClientHarness.SecurityToken);
        var node = await SendWithNodeAsync(server, isGroup ? LiveApiCall.For(Group) : LiveApiCall.For(User), version, credential);
        using (var harness = new ClientHarness(server.Endpoint, version, withSecurityToken: true))
        {
            if (isGroup)
            {
                await harness.Client.SendMessageToGroupAsync(Group);
            }
            else
            {
                await harness.Client.SendLiveMessageUserAsync(User);
            }
        }

        var ours = server.Requests[1];
        string[] varying = ["x-acs-date", "x-acs-signature-nonce", "Timestamp", "SignatureNonce", "Signature"];
        Assert.Equal(node.Method, ours.Method);
        Assert.Equal(node.Path, ours.Path);
        Assert.Equal(node.Body, ours.Body);
        Assert.Equal(node.Header("Content-Type"), ours.Header("Content-Type"));
        Assert.Equal(Sorted(node.Query.Where(p => !varying.Contains(p.Key))), Sorted(ours.Query.Where(p => !varying.Contains(p.Key))));
        foreach (var name in new[] { "Host", "x-acs-action", "x-acs-version", "x-acs-content-sha256", "x-acs-accesskey-id", "x-acs-security-token" })
        {
            Assert.Equal(node.Header(name), ours.Header(name));
        }

        if (version == SignatureVersion.V3)
        {
            Assert.Equal(SignedHeaderNames(node), SignedHeaderNames(ours));
        }
    }

    private static async Task<CapturedRequest> SendWithNodeAsync(
        CapturingHttpServer server, LiveApiCall call, SignatureVersion version, AlibabaCloudCredential credential)
    {
        var spec = new JsonObject
        {
            ["endpoint"] = server.Authority,
            ["protocol"] = "http",
            ["accessKeyId"] = credential.AccessKeyId,
            ["accessKeySecret"] = credential.AccessKeySecret,
            ["securityToken"] = credential.SecurityToken,
            ["signatureVersion"] = version == SignatureVersion.V1 ? "v1" : "v3",
            ["action"] = call.Action,
            ["query"] = ToJson(call.Query),
            ["body"] = ToJson(call.Body),
            ["timestamp"] = Timestamp,
            ["nonce"] = Nonce,
        };

        var output = await NodeScript.RunAsync("alicloud-call.mjs", spec.ToJsonString(), TimeSpan.FromSeconds(60));
        using var result = JsonDocument.Parse(output);
        Assert.True(result.RootElement.GetProperty("ok").GetBoolean(), $"The Node.js SDK call failed: {output}");
        await server.WaitForRequestsAsync(1);
        return server.Requests[0];
    }

    private static JsonObject ToJson(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var json = new JsonObject();
        foreach (var (name, value) in pairs)
        {
            json[name] = value;
        }

        return json;
    }

    private static List<KeyValuePair<string, string>> ParseQuery(Uri uri) =>
        new CapturedRequest("POST", uri.PathAndQuery, "HTTP/1.1", [], []).Query.ToList();

    private static List<KeyValuePair<string, string>> Sorted(IEnumerable<KeyValuePair<string, string>> pairs) =>
        pairs.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();

    private static string? Header(SignedLiveApiRequest request, string name) =>
        request.Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).SingleOrDefault();

    private static string[] SignedHeaderNames(CapturedRequest request) =>
        CapturedRequestSignature.ParseAuthorization(request.Header("Authorization")!).SignedHeaders.Split(';');
}
