using System.Security.Cryptography;
using System.Text;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.AlibabaCloud.Tests.Support;
using LiveRelay.Testing;

namespace LiveRelay.AlibabaCloud.Tests.Client;

/// <summary>
/// What the client puts on the wire, captured raw by a loopback server: method, path, query, headers and body
/// for both operations, both signature versions, with and without an STS token, and a signature that verifies
/// when recomputed from the captured bytes.
/// </summary>
public sealed class LiveApiClientRequestShapeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
    private const string NowText = "2026-03-04T05:06:07Z";

    public static TheoryData<SignatureVersion, bool> VersionsAndTokens => new()
    {
        { SignatureVersion.V3, false },
        { SignatureVersion.V3, true },
        { SignatureVersion.V1, false },
        { SignatureVersion.V1, true },
    };

    [Theory]
    [MemberData(nameof(VersionsAndTokens))]
    public async Task SendMessageToGroup_puts_SkipAudit_in_the_query_and_the_rest_in_a_form_body(SignatureVersion version, bool sts)
    {
        var request = await CaptureGroupAsync(SampleRequests.FullGroup, version, sts);

        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("true", request.QueryValue("SkipAudit"));
        Assert.Equal("application/x-www-form-urlencoded", request.Header("Content-Type"));
        Assert.Equal(
            "AppId=app1&Data=%7B%22text%22%3A%22hi%20there%20*%22%7D&GroupId=group1&OperatorUserId=operator1&Type=10001",
            request.BodyText);
        Assert.Equal(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), request.Header("Content-Length"));
        Assert.DoesNotContain(request.Query, p => p.Key is "AppId" or "Data" or "GroupId" or "OperatorUserId" or "Type");
        AssertCommonShape(request, "SendMessageToGroup", version, sts);
    }

    [Theory]
    [MemberData(nameof(VersionsAndTokens))]
    public async Task SendLiveMessageUser_puts_every_parameter_in_the_query_and_sends_no_body(SignatureVersion version, bool sts)
    {
        var request = await CaptureUserAsync(SampleRequests.FullUser, version, sts);

        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Empty(request.Body);
        Assert.Null(request.Header("Content-Type"));
        var expected = new Dictionary<string, string>
        {
            ["AppId"] = "app1",
            ["Body"] = "hello world *",
            ["DataCenter"] = "cn-shanghai",
            ["HighReliability"] = "false",
            ["MsgTid"] = "msg0001",
            ["MsgType"] = "20001",
            ["ReceiverId"] = "receiver1",
            ["SenderId"] = "sender1",
            ["SenderInfo"] = "{\"nick\":\"Zoë\"}",
            ["Storage"] = "true",
        };
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, request.QueryValue(name));
        }

        // Alibaba's percent-encoding: space is %20, '*' is %2A, UTF-8 bytes for non-ASCII.
        Assert.Contains("Body=hello%20world%20%2A", request.RawQuery, StringComparison.Ordinal);
        Assert.Contains("SenderInfo=%7B%22nick%22%3A%22Zo%C3%AB%22%7D", request.RawQuery, StringComparison.Ordinal);
        AssertCommonShape(request, "SendLiveMessageUser", version, sts);
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task Unset_optional_parameters_are_left_out(SignatureVersion version)
    {
        var group = await CaptureGroupAsync(SampleRequests.MinimalGroup, version, sts: false);
        var user = await CaptureUserAsync(SampleRequests.MinimalUser, version, sts: false);

        Assert.Equal("AppId=app1&Data=%7B%7D&GroupId=group1&OperatorUserId=operator1", group.BodyText);
        Assert.Null(group.QueryValue("SkipAudit"));
        var apiParameters = user.QueryNames.Except(ProtocolParameters(version)).Order(StringComparer.Ordinal);
        Assert.Equal(["AppId", "ReceiverId", "SenderId"], apiParameters);
        if (version == SignatureVersion.V3)
        {
            Assert.Empty(group.RawQuery);
        }
    }

    [Theory]
    [InlineData(true, false, true, "true", "false", "true")]
    [InlineData(false, true, false, "false", "true", "false")]
    public async Task Booleans_are_sent_as_true_and_false(
        bool skipAudit, bool highReliability, bool storage, string expectedSkipAudit, string expectedHighReliability, string expectedStorage)
    {
        var group = await CaptureGroupAsync(SampleRequests.MinimalGroup with { SkipAudit = skipAudit }, SignatureVersion.V3, sts: false);
        var user = await CaptureUserAsync(
            SampleRequests.MinimalUser with { HighReliability = highReliability, Storage = storage }, SignatureVersion.V3, sts: false);

        Assert.Equal("SkipAudit=" + expectedSkipAudit, group.RawQuery);
        Assert.Equal(expectedHighReliability, user.QueryValue("HighReliability"));
        Assert.Equal(expectedStorage, user.QueryValue("Storage"));
    }

    [Fact]
    public async Task A_tampered_request_no_longer_verifies()
    {
        // Guards the verification helper itself: the recomputation must depend on the captured bytes.
        var request = await CaptureGroupAsync(SampleRequests.FullGroup, SignatureVersion.V3, sts: false);
        var tampered = request with { Body = Encoding.UTF8.GetBytes(request.BodyText.Replace("group1", "group2", StringComparison.Ordinal)) };

        Assert.Equal(request.Header("Authorization"), CapturedRequestSignature.ExpectedAuthorizationV3(request, ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret));
        Assert.NotEqual(request.Header("Authorization"), CapturedRequestSignature.ExpectedAuthorizationV3(tampered, ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret));
    }

    [Fact]
    public async Task Every_call_gets_a_fresh_nonce()
    {
        await using var server = CapturingHttpServer.Start();
        using var harness = new ClientHarness(server.Endpoint, timeProvider: new ManualTimeProvider(Now));

        await harness.Client.SendMessageToGroupAsync(SampleRequests.MinimalGroup);
        await harness.Client.SendMessageToGroupAsync(SampleRequests.MinimalGroup);

        var nonces = server.Requests.Select(r => r.Header("x-acs-signature-nonce")).ToList();
        Assert.Equal(2, nonces.Distinct().Count());
    }

    private static void AssertCommonShape(CapturedRequest request, string action, SignatureVersion version, bool sts)
    {
        Assert.Equal("HTTP/1.1", request.HttpVersion);
        Assert.Equal(action, request.Header("x-acs-action"));
        Assert.Equal("2016-11-01", request.Header("x-acs-version"));

        if (version == SignatureVersion.V3)
        {
            Assert.Equal(NowText, request.Header("x-acs-date"));
            Assert.Matches("^[0-9a-f]{32}$", request.Header("x-acs-signature-nonce"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(request.Body)), request.Header("x-acs-content-sha256"));
            var (credential, signedHeaders, _) = CapturedRequestSignature.ParseAuthorization(request.Header("Authorization")!);
            Assert.Equal(ClientHarness.AccessKeyId, credential);
            var expectedSigned = new List<string> { "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version" };
            if (request.Body.Length > 0)
            {
                expectedSigned.Add("content-type");
            }

            if (sts)
            {
                expectedSigned.AddRange(["x-acs-accesskey-id", "x-acs-security-token"]);
                Assert.Equal(ClientHarness.AccessKeyId, request.Header("x-acs-accesskey-id"));
                Assert.Equal(ClientHarness.SecurityToken, request.Header("x-acs-security-token"));
            }
            else
            {
                Assert.False(request.HasHeader("x-acs-security-token"));
                Assert.False(request.HasHeader("x-acs-accesskey-id"));
            }

            Assert.Equal(string.Join(';', expectedSigned.Order(StringComparer.Ordinal)), signedHeaders);
            Assert.Equal(
                CapturedRequestSignature.ExpectedAuthorizationV3(request, ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret),
                request.Header("Authorization"));
            Assert.DoesNotContain(request.QueryNames, n => ProtocolParameters(SignatureVersion.V1).Contains(n));
        }
        else
        {
            Assert.False(request.HasHeader("Authorization"));
            Assert.Equal(action, request.QueryValue("Action"));
            Assert.Equal("json", request.QueryValue("Format"));
            Assert.Equal("2016-11-01", request.QueryValue("Version"));
            Assert.Equal(NowText, request.QueryValue("Timestamp"));
            Assert.Matches("^[0-9a-f]{32}$", request.QueryValue("SignatureNonce"));
            Assert.Equal("HMAC-SHA1", request.QueryValue("SignatureMethod"));
            Assert.Equal("1.0", request.QueryValue("SignatureVersion"));
            Assert.Equal(ClientHarness.AccessKeyId, request.QueryValue("AccessKeyId"));
            Assert.Equal(sts ? ClientHarness.SecurityToken : null, request.QueryValue("SecurityToken"));
            Assert.Equal(CapturedRequestSignature.ExpectedSignatureV1(request, ClientHarness.AccessKeySecret), request.QueryValue("Signature"));
        }
    }

    private static string[] ProtocolParameters(SignatureVersion version) => version == SignatureVersion.V1
        ? ["Action", "Format", "Version", "Timestamp", "SignatureNonce", "SignatureMethod", "SignatureVersion", "AccessKeyId", "Signature", "SecurityToken"]
        : [];

    private static async Task<CapturedRequest> CaptureGroupAsync(LiveRelay.AlibabaCloud.Messaging.SendMessageToGroupRequest message, SignatureVersion version, bool sts)
    {
        await using var server = CapturingHttpServer.Start();
        using var harness = new ClientHarness(server.Endpoint, version, sts, timeProvider: new ManualTimeProvider(Now));
        await harness.Client.SendMessageToGroupAsync(message);
        Assert.Equal(server.Authority, server.Single().Header("Host"));
        return server.Single();
    }

    private static async Task<CapturedRequest> CaptureUserAsync(LiveRelay.AlibabaCloud.Messaging.SendLiveMessageUserRequest message, SignatureVersion version, bool sts)
    {
        await using var server = CapturingHttpServer.Start();
        using var harness = new ClientHarness(server.Endpoint, version, sts, timeProvider: new ManualTimeProvider(Now));
        await harness.Client.SendLiveMessageUserAsync(message);
        Assert.Equal(server.Authority, server.Single().Header("Host"));
        return server.Single();
    }
}
