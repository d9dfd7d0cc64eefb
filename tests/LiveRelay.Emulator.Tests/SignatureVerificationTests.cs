using System.Net;
using System.Text;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Tests.Support;

namespace LiveRelay.Emulator.Tests;

/// <summary>
/// Raw calls signed by LiveApiRequestSigner, sent untouched (accepted) or with one thing changed after signing (refused
/// with the API's error code).
/// </summary>
public sealed class SignatureVerificationTests
{
    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task An_untouched_signed_call_is_accepted(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();

        using var group = await emulator.SendAsync(Calls.SignGroup(emulator.Endpoint, version));
        using var user = await emulator.SendAsync(Calls.SignUser(emulator.Endpoint, version));

        Assert.Equal(HttpStatusCode.OK, group.StatusCode);
        Assert.Equal(HttpStatusCode.OK, user.StatusCode);
    }

    [Fact]
    public async Task V3_tampered_body_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint);

        var answer = await SendAsync(emulator, signed, body: Replace(signed.Body, "group1", "group2"));

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task V3_tampered_body_with_its_hash_recomputed_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint);
        var body = Replace(signed.Body, "group1", "group2");

        var answer = await SendAsync(emulator, signed, m => SetHeader(m, "x-acs-content-sha256", AcsSignatureV3.HashPayload(body)), body);

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
        Assert.Contains("server string to sign is:ACS3-HMAC-SHA256\n", answer.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureVersion.V3, "SkipAudit=false", "SkipAudit=true")]
    [InlineData(SignatureVersion.V1, "SkipAudit=false", "SkipAudit=true")]
    [InlineData(SignatureVersion.V3, "SkipAudit=false", "SkipAudit=false&Extra=1")]
    public async Task Tampered_query_is_refused(SignatureVersion version, string from, string to)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint, version);

        var answer = await SendAsync(emulator, signed, m => m.RequestUri = new Uri(m.RequestUri!.AbsoluteUri.Replace(from, to, StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task V1_tampered_body_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint, SignatureVersion.V1);

        var answer = await SendAsync(emulator, signed, body: Replace(signed.Body, "operator1", "operator2"));

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
        Assert.Contains("server string to sign is:POST&%2F&", answer.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task V3_tampered_signed_header_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var host = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => m.Headers.Host = $"127.0.0.1:{emulator.Endpoint.Port + 1}");
        var contentType = await SendAsync(
            emulator, Calls.SignGroup(emulator.Endpoint), m => m.Content!.Headers.ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" });

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (host.Status, host.Code));
        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (contentType.Status, contentType.Code));
    }

    [Fact]
    public async Task V3_unsigned_or_missing_acs_headers_are_refused_as_incomplete()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var added = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => m.Headers.TryAddWithoutValidation("x-acs-extra", "1"));
        var removed = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => m.Headers.Remove("x-acs-signature-nonce"));
        var malformed = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => SetHeader(m, "Authorization", "ACS3-HMAC-SHA256 Credential=emulator-key-id"));
        var unsigned = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => m.Headers.Remove("Authorization"));

        Assert.All([added, removed, malformed, unsigned], a => Assert.Equal((HttpStatusCode.BadRequest, "IncompleteSignature"), (a.Status, a.Code)));
        Assert.Contains("x-acs-extra", added.Body.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task Tampered_date_is_refused(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var signed = Calls.SignGroup(emulator.Endpoint, version, now);
        var signedDate = Format(now);
        var laterDate = Format(now.AddSeconds(1));

        var answer = version == SignatureVersion.V3
            ? await SendAsync(emulator, signed, m => SetHeader(m, "x-acs-date", laterDate))
            : await SendAsync(emulator, signed, m => m.RequestUri = new Uri(m.RequestUri!.AbsoluteUri.Replace(
                "Timestamp=" + AcsPercentEncoding.Encode(signedDate), "Timestamp=" + AcsPercentEncoding.Encode(laterDate), StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task Tampered_nonce_is_refused(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint, version, nonce: "nonce0001");

        var answer = version == SignatureVersion.V3
            ? await SendAsync(emulator, signed, m => SetHeader(m, "x-acs-signature-nonce", "nonce0002"))
            : await SendAsync(emulator, signed, m => m.RequestUri = new Uri(m.RequestUri!.AbsoluteUri.Replace("nonce0001", "nonce0002", StringComparison.Ordinal)));

        Assert.Equal((HttpStatusCode.BadRequest, "SignatureDoesNotMatch"), (answer.Status, answer.Code));
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public async Task A_replayed_call_is_refused_as_a_used_nonce(SignatureVersion version)
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignUser(emulator.Endpoint, version);

        var first = await SendAsync(emulator, signed);
        var replay = await SendAsync(emulator, signed);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "SignatureNonceUsed"), (replay.Status, replay.Code));
        Assert.Single((await emulator.GetJsonAsync("/_emulator/messages")).EnumerateArray());
    }

    [Theory]
    [InlineData(SignatureVersion.V3, -16)]
    [InlineData(SignatureVersion.V3, 16)]
    [InlineData(SignatureVersion.V1, -16)]
    [InlineData(SignatureVersion.V1, 16)]
    public async Task A_timestamp_16_minutes_off_is_refused_as_expired(SignatureVersion version, int minutes)
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var off = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint, version, DateTimeOffset.UtcNow.AddMinutes(minutes)));
        var within = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint, version, DateTimeOffset.UtcNow.AddMinutes(Math.Sign(minutes) * 14)));

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTimeStamp.Expired"), (off.Status, off.Code));
        Assert.Equal(HttpStatusCode.OK, within.Status);
    }

    [Fact]
    public async Task A_malformed_timestamp_is_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var answer = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => SetHeader(m, "x-acs-date", "yesterday"));

        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTimeStamp.Format"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task V1_without_a_signature_is_refused_naming_the_missing_parameter()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var signed = Calls.SignGroup(emulator.Endpoint, SignatureVersion.V1);
        var withoutSignature = string.Join('&', signed.RequestUri.Query.TrimStart('?').Split('&').Where(static p => !p.StartsWith("Signature=", StringComparison.Ordinal)));

        var answer = await SendAsync(emulator, signed, m => m.RequestUri = new Uri(emulator.Endpoint, "/?" + withoutSignature));

        Assert.Equal((HttpStatusCode.BadRequest, "MissingSignature"), (answer.Status, answer.Code));
        Assert.Equal("Signature is mandatory for this action.", answer.Body.GetProperty("Message").GetString());
    }

    [Fact]
    public async Task An_unknown_operation_or_version_is_not_found()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var call = new LiveApiCall("DeleteLiveMessageApp", [new("AppId", "app1")], []);

        var answer = await SendAsync(emulator, LiveApiRequestSigner.Sign(
            call, emulator.Endpoint, SignatureVersion.V3, EmulatorHost.DefaultCredential, DateTimeOffset.UtcNow, "n1"));
        var version = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => SetHeader(m, "x-acs-version", "2014-05-26"));

        Assert.Equal((HttpStatusCode.NotFound, "InvalidApi.NotFound"), (answer.Status, answer.Code));
        Assert.Equal((HttpStatusCode.NotFound, "InvalidApi.NotFound"), (version.Status, version.Code));
    }

    [Fact]
    public async Task A_signed_call_without_a_required_parameter_names_it()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var call = new LiveApiCall("SendMessageToGroup", [], [new("AppId", "app1"), new("Data", "{}"), new("OperatorUserId", "op")]);

        var answer = await SendAsync(emulator, LiveApiRequestSigner.Sign(
            call, emulator.Endpoint, SignatureVersion.V3, EmulatorHost.DefaultCredential, DateTimeOffset.UtcNow, "n2"));

        Assert.Equal((HttpStatusCode.BadRequest, "MissingGroupId"), (answer.Status, answer.Code));
    }

    [Fact]
    public async Task Parameters_that_are_not_numbers_or_booleans_are_InputInvalid()
    {
        await using var emulator = await EmulatorHost.StartAsync();
        var call = new LiveApiCall(
            "SendLiveMessageUser",
            [new("AppId", "app1"), new("ReceiverId", "u1"), new("SenderId", "s1"), new("MsgType", "two"), new("Storage", "yes"), new("Body", new string('x', 16 * 1024))],
            []);

        var answer = await SendAsync(emulator, LiveApiRequestSigner.Sign(
            call, emulator.Endpoint, SignatureVersion.V1, EmulatorHost.DefaultCredential, DateTimeOffset.UtcNow, "n3"));

        Assert.Equal((HttpStatusCode.BadRequest, "InputInvalid"), (answer.Status, answer.Code));
        var message = answer.Body.GetProperty("Message").GetString();
        Assert.Contains("MsgType: must be an integer", message, StringComparison.Ordinal);
        Assert.Contains("Storage: must be true or false", message, StringComparison.Ordinal);
        Assert.Contains("Body: must be at most 15360 bytes", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Methods_other_than_GET_and_POST_are_refused()
    {
        await using var emulator = await EmulatorHost.StartAsync();

        var answer = await SendAsync(emulator, Calls.SignGroup(emulator.Endpoint), m => m.Method = HttpMethod.Put);

        Assert.Equal((HttpStatusCode.BadRequest, "UnsupportedHTTPMethod"), (answer.Status, answer.Code));
    }

    private static async Task<ApiAnswer> SendAsync(
        EmulatorHost emulator, SignedLiveApiRequest signed, Action<HttpRequestMessage>? tamper = null, byte[]? body = null)
    {
        using var response = await emulator.SendAsync(signed, tamper, body);
        return await ApiAnswer.ReadAsync(response);
    }

    private static void SetHeader(HttpRequestMessage message, string name, string value)
    {
        message.Headers.Remove(name);
        message.Headers.TryAddWithoutValidation(name, value);
    }

    private static byte[] Replace(byte[] body, string from, string to)
    {
        var text = Encoding.UTF8.GetString(body);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
