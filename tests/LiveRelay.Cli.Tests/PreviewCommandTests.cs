using System.Text.Json;
using LiveRelay.Testing;

namespace LiveRelay.Cli.Tests;

public sealed class PreviewCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_documented_example_previews_to_its_documented_result()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "shop"));
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "Secrets": { "shop-webhook-secret": "s1", "shop-webhook-secret-previous": "s0" } } }""");
        var request = DocumentedExamples.Get("example-request", "shop");
        var payload = _files.Write("order.json", request[(request.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].Trim());
        var signature = await CliRun.RunAsync("sign", "--source", "shop", "--config", settings, "--sources", sources, "--payload", payload, "--no-environment");
        var header = signature.Output.Split('\n').Select(static l => l.Trim()).Single(static l => l.StartsWith("-H 'X-Shop-Signature:", StringComparison.Ordinal))[4..^3];

        var run = await CliRun.RunAsync("preview", "--source", "shop", "--payload", payload, "--header", header, "--config", settings, "--sources", sources, "--no-environment");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var preview = JsonDocument.Parse(run.Output);
        Assert.Equal("verified", preview.RootElement.GetProperty("verification").GetString());
        var documented = JsonDocument.Parse(DocumentedExamples.Get("example-result", "shop")).RootElement[0];
        var message = preview.RootElement.GetProperty("messages")[0];
        Assert.Equal(documented.GetProperty("kind").GetString(), message.GetProperty("kind").GetString());
        foreach (var property in documented.GetProperty("request").EnumerateObject())
        {
            Assert.True(JsonElement.DeepEquals(property.Value, message.GetProperty("request").GetProperty(property.Name)), property.Name);
        }
    }

    [Fact]
    public async Task An_unsigned_payload_is_refused_with_the_problem_unless_verification_is_skipped_on_purpose()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "github"));
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "Secrets": { "github-webhook-secret": "s1" } } }""");
        var payload = _files.Write("release.json", """{"action":"published","release":{"tag_name":"v1","name":"n","html_url":"u"},"repository":{"name":"r","full_name":"o/r"}}""");
        string[] common = ["preview", "--source", "github", "--payload", payload, "--header", "X-GitHub-Event: release", "--config", settings, "--sources", sources, "--no-environment"];

        var unsigned = await CliRun.RunAsync(common);
        var skipped = await CliRun.RunAsync([.. common, "--skip-verification"]);

        Assert.True(unsigned.ExitCode == 3, unsigned.ToString());
        Assert.Contains("Refused: 401 urn:liverelay:problem:signature-invalid", unsigned.Error, StringComparison.Ordinal);
        Assert.Equal(401, JsonDocument.Parse(unsigned.Output).RootElement.GetProperty("answer").GetProperty("status").GetInt32());
        Assert.True(skipped.ExitCode == 0, skipped.ToString());
        Assert.Equal("skipped", JsonDocument.Parse(skipped.Output).RootElement.GetProperty("verification").GetString());
        Assert.Contains("the signature was not checked", skipped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_the_rules_cannot_map_gets_the_endpoints_400_naming_the_rule()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "campaigns"));
        var payload = _files.Write("campaign.json", """{"type":"campaign.sent","data":{"campaign":{"id":"c","name":"n","headline":"h","url":"u"},"recipients":[{"firstName":"NoId"}]}}""");

        var run = await CliRun.RunAsync("preview", "--source", "campaigns", "--payload", payload, "--header", "webhook-id: msg_1", "--skip-verification", "--sources", sources, "--no-environment",
            "--config", _files.Write("s.json", """{ "LiveRelay": { "Secrets": { "campaigns-webhook-secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "campaigns-webhook-secret-previous": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" } } }"""));

        Assert.True(run.ExitCode == 3, run.ToString());
        var error = JsonDocument.Parse(run.Output).RootElement.GetProperty("answer").GetProperty("errors")[0];
        Assert.Equal("recipients", error.GetProperty("rule").GetString());
    }

    [Fact]
    public async Task A_configuration_problem_stops_the_preview_with_the_block()
    {
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "Sorces": { } } }""");
        var payload = _files.Write("p.json", "{}");

        var run = await CliRun.RunAsync("preview", "--source", "shop", "--payload", payload, "--config", settings, "--no-environment");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Did you mean 'Sources'?", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
