using System.Globalization;
using System.Text.Json.Nodes;
using LiveRelay.Emulator.Hosting;
using LiveRelay.Standalone.Hosting;
using LiveRelay.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Cli.Tests;

/// <summary>
/// A real standalone host on 127.0.0.1 (in-memory queues, the Live API emulator in-process) whose sources are the
/// documented examples as written (<c>shop</c> hmac, <c>github</c>, <c>campaigns</c> standard-webhooks) plus one source per
/// remaining scheme and hmac variant, read from a sources file; its secrets are in a settings file the tool reads too.
/// </summary>
public sealed class WebhookHostFixture : IAsyncLifetime
{
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string StripeSecret = "whsec_cli_stripe_secret";
    public const string LegacySecretBase64 = "bGVnYWN5LWtleS1ieXRlcy0xMjM0NTY3ODkw";

    private readonly TempFiles _files = new();
    private WebApplication? _emulator;
    private WebApplication? _host;

    public string SourcesFile { get; private set; } = string.Empty;

    public string SettingsFile { get; private set; } = string.Empty;

    public Uri BaseAddress { get; private set; } = null!;

    public string Write(string name, string content) => _files.Write(name, content);

    public Uri WebhookUrl(string source) => new(BaseAddress, $"/api/webhooks/{source}");

    public async Task InitializeAsync()
    {
        var sources = new JsonObject();
        foreach (var name in new[] { "shop", "github", "campaigns" })
        {
            foreach (var (key, value) in JsonNode.Parse(DocumentedExamples.Get("example-config", name))!["LiveRelay"]!["Sources"]!.AsObject().ToList())
            {
                sources[key] = value!.DeepClone();
            }
        }

        const string rule = """[ { "Kind": "user", "Parameters": { "AppId": "app1", "ReceiverId": "{$.user}", "SenderId": "cli" } } ]""";
        sources["payments"] = JsonNode.Parse($$"""{ "Verification": { "Scheme": "stripe", "SecretNames": [ "payments-secret" ] }, "Rules": {{rule}} }""");
        sources["legacy"] = JsonNode.Parse($$"""
            { "Verification": { "Scheme": "hmac", "Header": "X-Legacy-Signature", "Algorithm": "sha512", "Encoding": "base64", "SecretEncoding": "base64",
                                "SecretNames": [ "legacy-secret" ] },
              "EventId": { "From": "body-hash" }, "Rules": {{rule}} }
            """);
        sources["open"] = JsonNode.Parse($$"""{ "Verification": { "Scheme": "none" }, "Rules": {{rule}} }""");
        SourcesFile = _files.Write("sources.json", new JsonObject { ["LiveRelay"] = new JsonObject { ["Sources"] = sources } }.ToJsonString());
        SettingsFile = _files.Write("appsettings.json", $$"""
            { "LiveRelay": { "Secrets": {
                "shop-webhook-secret": "shop-secret-for-cli-tests", "shop-webhook-secret-previous": "shop-previous",
                "github-webhook-secret": "github-secret-for-cli-tests",
                "campaigns-webhook-secret": "{{StandardSecret}}", "campaigns-webhook-secret-previous": "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
                "payments-secret": "{{StripeSecret}}",
                "legacy-secret": "{{LegacySecretBase64}}" } } }
            """);

        _emulator = EmulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await _emulator.StartAsync();
        var port = LoopbackPort.GetFree();
        _host = StandaloneApp.Build(
            ["--urls", $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--environment", "Development", "--Logging:LogLevel:Default=Warning"],
            builder =>
            {
                builder.Configuration.AddJsonFile(SettingsFile);
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["LiveRelay:SourcesFile"] = SourcesFile,
                    ["LiveRelay:AlibabaCloud:Endpoint"] = _emulator.GetEndpoint().ToString(),
                    ["LiveRelay:AlibabaCloud:AccessKeyId"] = "emulator-key-id",
                    ["LiveRelay:AlibabaCloud:AccessKeySecret"] = "emulator-key-secret",
                });
            });
        await _host.StartAsync();
        BaseAddress = new Uri(_host.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.StopAsync();
            await _emulator.DisposeAsync();
        }

        _files.Dispose();
    }
}
