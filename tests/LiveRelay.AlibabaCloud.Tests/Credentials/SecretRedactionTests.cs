using System.Net;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.AlibabaCloud.Tests.Support;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.AlibabaCloud.Tests.Credentials;

/// <summary>The AccessKeySecret and the STS token never show in ToString, record printing, exceptions or logs.</summary>
public sealed class SecretRedactionTests
{
    private static readonly AlibabaCloudCredential Credential =
        new(ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret, ClientHarness.SecurityToken);

    private sealed record Holder(string Name, AlibabaCloudCredential Credential);

    [Fact]
    public void Credential_ToString_and_record_printing_show_the_key_id_only()
    {
        string[] printed = [Credential.ToString(), $"{Credential}", new Holder("h", Credential).ToString()];

        foreach (var text in printed)
        {
            AssertNoSecret(text);
            Assert.Contains(ClientHarness.AccessKeyId, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Credential_without_a_token_says_so_and_still_hides_the_secret()
    {
        var text = new AlibabaCloudCredential(ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret).ToString();

        AssertNoSecret(text);
        Assert.Contains("SecurityToken = none", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignatureVersion.V3)]
    [InlineData(SignatureVersion.V1)]
    public void A_signed_request_prints_without_the_token_it_carries(SignatureVersion version)
    {
        var signed = LiveApiRequestSigner.Sign(
            LiveApiCall.For(SampleRequests.FullUser), new Uri("https://live.aliyuncs.com"), version, Credential, DateTimeOffset.UnixEpoch, "n1");

        // The token really is in there (V1 in the URI, V3 in a header): the redaction is what keeps it out of text.
        Assert.Contains(ClientHarness.SecurityToken, signed.RequestUri + string.Join(",", signed.Headers), StringComparison.Ordinal);
        AssertNoSecret(signed.ToString());
    }

    public static TheoryData<string> Failures => ["auth", "html", "invalid200", "timeout", "refused"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Exceptions_never_carry_the_secret_or_token(string failure)
    {
        var response = failure switch
        {
            "auth" => CannedResponse.Json(HttpStatusCode.Forbidden, """{"Code":"NoAuth","Message":"Access denied.","RequestId":"R"}"""),
            "html" => CannedResponse.Text(HttpStatusCode.BadGateway, "text/html", "<html>bad gateway</html>"),
            "invalid200" => CannedResponse.Text(HttpStatusCode.OK, "text/plain", "ok"),
            _ => CannedResponse.Stall(),
        };
        await using var server = CapturingHttpServer.Start(response);
        var endpoint = failure == "refused" ? new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}") : server.Endpoint;
        foreach (var version in new[] { SignatureVersion.V1, SignatureVersion.V3 })
        {
            using var harness = new ClientHarness(endpoint, version, withSecurityToken: true, timeout: TimeSpan.FromMilliseconds(300));

            var ex = await Assert.ThrowsAsync<LiveApiException>(() => harness.Client.SendLiveMessageUserAsync(SampleRequests.FullUser))
                .WaitAsync(TimeSpan.FromSeconds(30));

            AssertNoSecret(ex.ToString());
            AssertNoSecret(ex.Message);
        }
    }

    [Theory]
    [InlineData("V1")]
    [InlineData("V3")]
    public async Task Logs_at_every_level_never_carry_the_secret_or_token(string version)
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(HttpStatusCode.BadRequest, """{"Code":"InputInvalid","Message":"no"}"""));
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = server.Endpoint.ToString(),
            ["LiveRelay:AlibabaCloud:SignatureVersion"] = version,
        });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<IAlibabaCloudCredentialProvider>(new StaticCredentialProvider(Credential));
        builder.Services.AddLiveApiClient(builder.Configuration);
        using var host = builder.Build();
        await host.StartAsync();

        await Assert.ThrowsAsync<LiveApiException>(
            () => host.Services.GetRequiredService<ILiveApiClient>().SendLiveMessageUserAsync(SampleRequests.FullUser));
        await host.StopAsync();

        // The factory's loggers are removed (they would hand raw header values to providers); the client logs the answer itself.
        Assert.DoesNotContain(logs.Lines, line => line.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, line => line.Contains("answered HTTP 400", StringComparison.Ordinal));
        var sent = server.Single();
        Assert.Contains(ClientHarness.SecurityToken, sent.Target + sent.Header("x-acs-security-token"), StringComparison.Ordinal);
        foreach (var line in logs.Lines)
        {
            AssertNoSecret(line);
        }
    }

    private static void AssertNoSecret(string text)
    {
        Assert.DoesNotContain(ClientHarness.AccessKeySecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientHarness.SecurityToken, text, StringComparison.Ordinal);
    }
}
