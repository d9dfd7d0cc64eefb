using System.Net;
using System.Text.Json;
using LiveRelay.Hosting.Startup;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Standalone.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>
/// Function-level authorization: a key in <c>x-functions-key</c> or <c>?code=</c>. The Functions host checks it before
/// the app runs (and answers 401 without a body); the standalone host does the same with an RFC 9457 problem.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FunctionKeyTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private readonly EmulatorServer _emulator = environment.Emulator;

    [Theory]
    [BothHosts]
    public async Task The_key_is_accepted_in_the_header_and_in_the_code_query_parameter(HostKind kind)
    {
        _emulator.Reset();
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(environment.NewStorageAccount(), _emulator), output);
        using var anonymous = host.NewClient();

        using var withHeader = TestSources.SignedOrderWebhook(TestSources.OrderEvent("key-header", ["k1"]));
        using var headerAnswer = await host.Client.SendAsync(withHeader);
        using var withQuery = TestSources.SignedOrderWebhook(TestSources.OrderEvent("key-query", ["k2"]));
        withQuery.RequestUri = new Uri($"/api/webhooks/{TestSources.Orders}?code={RelaySettings.FunctionKey}", UriKind.Relative);
        using var queryAnswer = await anonymous.SendAsync(withQuery);

        Assert.Equal(HttpStatusCode.Accepted, headerAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, queryAnswer.StatusCode);
    }

    [Theory]
    [BothHosts(null)]
    [BothHosts("")]
    [BothHosts("WrongKey123")]
    [BothHosts("FunctionKeyItest5Rb9Wc")]
    [BothHosts("FunctionKeyItest5Rb9Wc2x")]
    public async Task A_missing_or_wrong_key_gets_a_401_and_no_intake(HostKind kind, string? key)
    {
        _emulator.Reset();
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(null, _emulator), output);
        using var anonymous = host.NewClient();

        using var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("key-wrong", ["k3"]));
        if (key is not null)
        {
            webhook.Headers.Add("x-functions-key", key);
        }

        using var webhookAnswer = await anonymous.SendAsync(webhook);
        using var messagesAnswer = await anonymous.PostAsync(
            new Uri($"/api/messages?code={Uri.EscapeDataString(key ?? string.Empty)}", UriKind.Relative),
            new StringContent("[]", System.Text.Encoding.UTF8, "application/json"));
        using var options = new HttpRequestMessage(HttpMethod.Options, new Uri($"/api/webhooks/{TestSources.Orders}", UriKind.Relative));
        using var optionsAnswer = await anonymous.SendAsync(options);

        foreach (var answer in new[] { webhookAnswer, messagesAnswer, optionsAnswer })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            var text = await answer.Content.ReadAsStringAsync();
            Assert.DoesNotContain(RelaySettings.FunctionKey, text, StringComparison.Ordinal);
            if (kind == HostKind.Functions)
            {
                // The Functions host's own answer: the app never sees the request.
                Assert.Empty(text);
                continue;
            }

            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(text).RootElement;
            Assert.Equal("urn:liverelay:problem:unauthorized", problem.GetProperty("type").GetString());
            Assert.Equal(401, problem.GetProperty("status").GetInt32());
            Assert.Contains("x-functions-key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await Task.Delay(300);
        Assert.Equal(0, _emulator.Statistics.Snapshot().Requests);
    }

    [Fact]
    public async Task Without_configured_keys_the_endpoints_are_open_and_the_host_says_so()
    {
        _emulator.Reset();
        var settings = RelaySettings.For(null, _emulator);
        settings.Remove($"LiveRelay:FunctionKeys:Keys:{RelaySettings.FunctionKeyName}");
        await using var host = await RelayHost.StartAsync(settings);
        using var anonymous = Anonymous(host);

        using var webhook = TestSources.SignedOrderWebhook(TestSources.OrderEvent("open-host", ["k4"]));
        using var answer = await anonymous.SendAsync(webhook);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        Assert.Contains(host.Logs.Entries, static e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && e.Message.Contains("No function keys are configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_open_host_answers_only_requests_addressed_to_a_loopback_name()
    {
        _emulator.Reset();
        var settings = RelaySettings.For(null, _emulator);
        settings.Remove($"LiveRelay:FunctionKeys:Keys:{RelaySettings.FunctionKeyName}");
        await using var host = await RelayHost.StartAsync(settings);
        using var anonymous = Anonymous(host);

        using var rebound = TestSources.SignedOrderWebhook(TestSources.OrderEvent("rebound", ["k5"]));
        rebound.Headers.Host = $"attacker.example:{host.BaseAddress.Port}";
        using var reboundAnswer = await anonymous.SendAsync(rebound);
        using var local = TestSources.SignedOrderWebhook(TestSources.OrderEvent("by-name", ["k6"]));
        local.Headers.Host = $"localhost:{host.BaseAddress.Port}";
        using var localAnswer = await anonymous.SendAsync(local);

        Assert.Equal(HttpStatusCode.BadRequest, reboundAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, localAnswer.StatusCode);
    }

    [Fact]
    public async Task Outside_Development_a_host_without_a_key_refuses_to_start_unless_anonymous_access_is_set_on_purpose()
    {
        var settings = RelaySettings.For(null, _emulator);
        settings.Remove($"LiveRelay:FunctionKeys:Keys:{RelaySettings.FunctionKeyName}");
        WebApplication Build(IReadOnlyDictionary<string, string?> values) =>
            StandaloneApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder => builder.Configuration.AddInMemoryCollection(values));

        var error = Assert.Throws<StartupConfigurationException>(() => Build(settings));
        Assert.Contains("LiveRelay:FunctionKeys:AllowAnonymous=true", Assert.Single(error.Problems).Problem, StringComparison.Ordinal);

        await using var allowed = Build(new Dictionary<string, string?>(settings) { ["LiveRelay:FunctionKeys:AllowAnonymous"] = "true" });
        await allowed.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(allowed.Urls.First()) };
        using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        await allowed.StopAsync();
    }

    private static HttpClient Anonymous(RelayHost host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
