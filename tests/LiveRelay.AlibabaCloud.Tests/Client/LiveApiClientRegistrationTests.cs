using System.Net;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.AlibabaCloud.Tests.Client;

/// <summary><c>AddLiveApiClient</c> in a real host: settings bound and validated at start-up, a working client from IHttpClientFactory.</summary>
public sealed class LiveApiClientRegistrationTests
{
    [Fact]
    public async Task AddLiveApiClient_resolves_a_working_client_bound_to_the_configured_settings()
    {
        await using var server = CapturingHttpServer.Start(CannedResponse.Json(
            HttpStatusCode.OK, """{"RequestId":"R-DI","Result":{"MessageId":"M-DI"}}"""));
        using var host = BuildHost(new()
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = server.Endpoint.ToString(),
            ["LiveRelay:AlibabaCloud:SignatureVersion"] = "V1",
            ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:07",
        });
        await host.StartAsync();

        var options = host.Services.GetRequiredService<IOptions<AlibabaCloudOptions>>().Value;
        var result = await host.Services.GetRequiredService<ILiveApiClient>().SendMessageToGroupAsync(SampleRequests.FullGroup);

        Assert.Equal(TimeSpan.FromSeconds(7), options.Timeout);
        Assert.Equal(new SendMessageToGroupResult("R-DI", "M-DI"), result);
        var request = server.Single();
        Assert.Equal("SendMessageToGroup", request.QueryValue("Action"));
        Assert.Equal(
            CapturedRequestSignature.ExpectedSignatureV1(request, ClientHarness.AccessKeySecret),
            request.QueryValue("Signature"));
        await host.StopAsync();
    }

    [Fact]
    public async Task Clients_resolved_separately_share_pooled_connections()
    {
        await using var server = CapturingHttpServer.Start();
        using var host = BuildHost(new() { ["LiveRelay:AlibabaCloud:Endpoint"] = server.Endpoint.ToString() });
        await host.StartAsync();

        for (var i = 0; i < 3; i++)
        {
            using var scope = host.Services.CreateScope();
            var client = scope.ServiceProvider.GetRequiredService<ILiveApiClient>();
            await client.SendLiveMessageUserAsync(SampleRequests.MinimalUser);
        }

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(1, server.ConnectionCount);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("http://live.aliyuncs.com", "Endpoint must use https")]
    [InlineData("http://192.168.1.20:5080", "Endpoint must use https")]
    public async Task Plain_http_to_a_host_that_is_not_loopback_is_refused_at_start_up(string endpoint, string expected)
    {
        using var host = BuildHost(new() { ["LiveRelay:AlibabaCloud:Endpoint"] = endpoint });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_settings_stop_start_up_with_every_problem_listed()
    {
        using var host = BuildHost(new()
        {
            ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:00",
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = "only-the-id",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, ex.Failures.Count());
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton<IAlibabaCloudCredentialProvider>(
            new StaticCredentialProvider(new AlibabaCloudCredential(ClientHarness.AccessKeyId, ClientHarness.AccessKeySecret)));
        builder.Services.AddLiveApiClient(builder.Configuration);
        return builder.Build();
    }
}
