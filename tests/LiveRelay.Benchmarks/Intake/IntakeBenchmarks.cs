using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LiveRelay.Intake;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Results;
using LiveRelay.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Benchmarks.Intake;

/// <summary>
/// Verify + normalize, through <see cref="IntakeService.AcceptWebhookAsync"/>: a typical 2 KB order webhook (GitHub-style
/// HMAC, one user message with a template body) and a campaign with 1,000 recipients (Standard Webhooks, one user
/// message per recipient with a JSON Content body).
/// </summary>
[MemoryDiagnoser]
public class IntakeBenchmarks
{
    private const string ShopSecret = "shop-secret";
    private const string CampaignSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IntakeService _service = null!;
    private byte[] _order = [];
    private KeyValuePair<string, StringValues>[] _orderHeaders = [];
    private byte[] _campaign = [];
    private KeyValuePair<string, StringValues>[] _campaignHeaders = [];

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Flatten(Config)).Build();
        var sources = new SourcesOptions();
        SourcesConfiguration.Bind(configuration, sources);
        var secrets = new Secrets(new() { ["shop"] = ShopSecret, ["campaigns"] = CampaignSecret });
        _service = new IntakeService(Options.Create(sources), Options.Create(new IntakeOptions()), secrets, new FixedTime(Now), NullLogger<IntakeService>.Instance);

        _order = Encoding.UTF8.GetBytes(Order());
        _orderHeaders =
        [
            new("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopSecret), _order))),
            new("X-GitHub-Delivery", "d-1"),
        ];

        _campaign = Encoding.UTF8.GetBytes(Campaign(1000));
        var timestamp = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = HMACSHA256.HashData(Convert.FromBase64String(CampaignSecret[6..]), Encoding.UTF8.GetBytes($"msg_1.{timestamp}.").Concat(_campaign).ToArray());
        _campaignHeaders = [new("webhook-id", "msg_1"), new("webhook-timestamp", timestamp), new("webhook-signature", "v1," + Convert.ToBase64String(signed))];

        Check(Order2KB().AsTask().GetAwaiter().GetResult(), 1, _order.Length);
        Check(FanOut1000().AsTask().GetAwaiter().GetResult(), 1000, _campaign.Length);
    }

    [Benchmark(Description = "verify + normalize a 2 KB order webhook")]
    public ValueTask<IntakeResult> Order2KB() => _service.AcceptWebhookAsync("shop", _orderHeaders, "application/json", _order);

    [Benchmark(Description = "verify + normalize a 1,000-recipient fan-out")]
    public ValueTask<IntakeResult> FanOut1000() => _service.AcceptWebhookAsync("campaigns", _campaignHeaders, "application/json", _campaign);

    private static void Check(IntakeResult result, int messages, int bytes)
    {
        if (result is not IntakeAccepted accepted || accepted.Envelopes.Count != messages)
        {
            throw new InvalidOperationException($"Benchmark input is not accepted as expected: {result}");
        }

        Console.WriteLine($"// {messages} message(s) from a {bytes}-byte body");
    }

    private static string Order()
    {
        var lines = string.Join(",", Enumerable.Range(1, 8).Select(i =>
            $$$"""{"sku":"SKU-{{{i:0000}}}","title":"Product number {{{i}}} with a reasonably long descriptive title","quantity":{{{i}}},"price":{"amount":"{{{i * 12.5:0.00}}}","currency":"EUR"},"properties":{"colour":"blue","size":"M"}}"""));
        return $$$"""
            {"id":"evt_8f14e45f","topic":"orders/shipped","created_at":"2026-03-01T11:59:58Z","order":{"id":1000123,"number":"A-1001","carrier":"DHL","tracking":"00340434161234567890",
            "customer":{"id":"cust42","name":"Ada Lovelace","email":"ada@example.com","locale":"en-GB"},
            "shipping_address":{"line1":"12 Analytical Street","city":"London","postcode":"N1 9GU","country":"GB"},
            "lines":[{{{lines}}}],"total":{"amount":"450.00","currency":"EUR"},"notes":"Leave at the door"}}
            """;
    }

    private static string Campaign(int recipients)
    {
        var list = string.Join(",", Enumerable.Range(1, recipients).Select(i => $$$"""{"userId":"u{{{i}}}","firstName":"Name{{{i}}}"}"""));
        return $$$"""{"type":"campaign.sent","data":{"campaign":{"id":"spring-26","name":"Spring sale","headline":"20% off until Sunday","url":"https://shop.example/spring"},"recipients":[{{{list}}}]}}""";
    }

    private const string Config = """
        { "LiveRelay": { "Sources": {
            "shop": { "Verification": { "Scheme": "github", "SecretNames": [ "shop" ] },
                      "Filter": [ { "Path": "$.topic", "Values": [ "orders/shipped" ] } ],
                      "Rules": [ { "Name": "shipped", "Kind": "user",
                                   "Parameters": { "AppId": "lr-app-1", "ReceiverId": "{$.order.customer.id}", "SenderId": "shop", "MsgType": "10001",
                                                   "Body": "Order {$.order.number} has shipped with {$.order.carrier} ({$.order.tracking})" } } ] },
            "campaigns": { "Verification": { "Scheme": "standard-webhooks", "SecretNames": [ "campaigns" ] },
                      "Rules": [ { "Name": "recipients", "Kind": "user", "ForEach": "$.data.recipients",
                                   "Parameters": { "AppId": "lr-app-1", "ReceiverId": "{@.userId}", "SenderId": "marketing", "SenderInfo": "{$.data.campaign.name}", "MsgType": "10020" },
                                   "Content": { "campaign": "{$.data.campaign.id}", "text": "Hi {@.firstName}, {$.data.campaign.headline}", "link": "{$.data.campaign.url}" } } ] } } } }
        """;

    // The benchmark project has no JSON configuration provider; this flattens the document the same way.
    private static Dictionary<string, string?> Flatten(string json)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Visit(JsonDocument.Parse(json).RootElement, null);
        return values;

        void Visit(JsonElement element, string? path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Visit(property.Value, path is null ? property.Name : $"{path}:{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item, $"{path}:{i++}");
                    }

                    break;
                default:
                    values[path!] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                    break;
            }
        }
    }

    private sealed class Secrets(Dictionary<string, string> values) : ISecretProvider
    {
        public ValueTask<string?> GetSecretAsync(string name, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(values.GetValueOrDefault(name));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
