using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>A caller's mistake gets a 4xx RFC 9457 problem that names what is wrong, never a 5xx, on both hosts.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class ProblemDetailsTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    private const int MaxBodyBytes = 4096;

    /// <summary>Answers of the app itself: the same on both hosts.</summary>
    private static readonly (string Scenario, int Status, string? ProblemType)[] AppAnswers =
    [
        ("unknown-source", 404, "unknown-source"),
        ("unsigned", 401, "signature-invalid"),
        ("wrongly-signed", 401, "signature-invalid"),
        ("not-json", 400, "malformed-event"),
        ("empty-body", 400, "malformed-event"),
        ("invalid-utf8", 400, null),
        ("text-plain", 415, "unsupported-media-type"),
        ("too-large", 413, "payload-too-large"),
        ("recipients-missing", 400, "mapping-failed"),
        ("receiver-id-invalid", 400, "invalid-message"),
        ("messages-delivery-invalid", 400, "invalid-parameter"),
        ("messages-delivery-repeated", 400, "invalid-parameter"),
        ("messages-request-invalid", 400, "invalid-message"),
        ("messages-not-an-array", 400, null),
    ];

    /// <summary>
    /// Requests no function takes, answered by the host before the app: the Functions host says 404 without a body
    /// (whatever the method); the standalone host answers with a problem, 405 for a known route and another method.
    /// </summary>
    private static readonly (string Scenario, int StandaloneStatus)[] HostAnswers = [("get-on-webhook", 405), ("unknown-route", 404)];

    [Theory]
    [BothHosts]
    public async Task A_bad_request_gets_a_4xx_problem_naming_what_is_wrong(HostKind kind)
    {
        environment.Emulator.Reset();
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:Intake:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var host = await ParityHost.StartAsync(kind, settings, output);

        foreach (var (scenario, status, problemType) in AppAnswers)
        {
            await AssertProblemAsync(host, scenario, status, problemType);
        }

        foreach (var (scenario, standaloneStatus) in HostAnswers)
        {
            if (kind == HostKind.Standalone)
            {
                await AssertProblemAsync(host, scenario, standaloneStatus, problemType: null);
                continue;
            }

            using var request = Build(scenario);
            using var answer = await host.Client.SendAsync(request);
            Assert.True(answer.StatusCode == System.Net.HttpStatusCode.NotFound, $"{scenario}: HTTP {(int)answer.StatusCode}");
            Assert.Empty(await answer.Content.ReadAsStringAsync());
        }

        Assert.Empty(host.Errors());
        Assert.Equal(0, environment.Emulator.Statistics.Snapshot().Requests);
    }

    private static async Task AssertProblemAsync(ParityHost host, string scenario, int status, string? problemType)
    {
        using var request = Build(scenario);
        using var answer = await host.Client.SendAsync(request);
        var text = await answer.Content.ReadAsStringAsync();

        Assert.True((int)answer.StatusCode == status, $"{scenario}: HTTP {(int)answer.StatusCode}: {text}");
        Assert.True(answer.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{scenario}: {answer.Content.Headers.ContentType}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (problemType is not null)
        {
            Assert.True("urn:liverelay:problem:" + problemType == problem.GetProperty("type").GetString(), $"{scenario}: {text}");
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        }

        if (scenario is "receiver-id-invalid" or "messages-request-invalid")
        {
            var fields = problem.GetProperty("errors").EnumerateArray().Select(static e => e.GetProperty("field").GetString()).ToList();
            Assert.Contains(fields, static f => f!.Contains("ReceiverId", StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain(TestSources.OrdersWebhookSecret, text, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Build(string scenario)
    {
        var order = TestSources.OrderEvent("bad-" + scenario, ["u1"]);
        switch (scenario)
        {
            case "unknown-source":
                return Post("/api/webhooks/nosuchsource", order);
            case "unsigned":
                return Post($"/api/webhooks/{TestSources.Orders}", order);
            case "wrongly-signed":
                return TestSources.SignedOrderWebhook(order, secret: "NotTheSecret");
            case "not-json":
                return TestSources.SignedOrderWebhook("{\"id\": \"x\", recipients: [");
            case "empty-body":
                return TestSources.SignedOrderWebhook(string.Empty);
            case "invalid-utf8":
                var request = TestSources.SignedOrderWebhook(order);
                var bytes = new byte[] { (byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}' };
                var signed = TestSources.SignedOrderWebhook(Encoding.Latin1.GetString(bytes));
                signed.Content = new ByteArrayContent(bytes);
                signed.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                signed.Headers.Remove(TestSources.SignatureHeader);
                signed.Headers.Add(TestSources.SignatureHeader, "sha256=" + Convert.ToHexStringLower(
                    System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(TestSources.OrdersWebhookSecret), bytes)));
                request.Dispose();
                return signed;
            case "text-plain":
                var plain = TestSources.SignedOrderWebhook(order);
                plain.Content!.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                return plain;
            case "too-large":
                return TestSources.SignedOrderWebhook(TestSources.OrderEvent("big", ["u1"], text: new string('x', MaxBodyBytes)));
            case "recipients-missing":
                return TestSources.SignedOrderWebhook(JsonSerializer.Serialize(new { id = "no-recipients", appId = "a", text = "t" }));
            case "receiver-id-invalid":
                return TestSources.SignedOrderWebhook(TestSources.OrderEvent("bad-receiver", ["not valid!"]));
            case "messages-delivery-invalid":
                return Post("/api/messages?delivery=sideways", "[]");
            case "messages-delivery-repeated":
                return Post("/api/messages?delivery=direct&delivery=queued", "[]");
            case "messages-request-invalid":
                return Post("/api/messages", """[{"kind":"user","request":{"appId":"lrapp1","receiverId":"has space","senderId":"s1"}}]""");
            case "messages-not-an-array":
                return Post("/api/messages", "\"hello\"");
            case "get-on-webhook":
                return new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/webhooks/{TestSources.Orders}", UriKind.Relative));
            case "unknown-route":
                return Post("/api/nothing-here", "{}");
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null);
        }
    }

    private static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
}
