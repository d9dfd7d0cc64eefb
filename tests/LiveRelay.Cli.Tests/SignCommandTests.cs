using System.Diagnostics;
using LiveRelay.Testing;

namespace LiveRelay.Cli.Tests;

/// <summary>
/// <c>liverelay sign</c> for every scheme the intake verifies, against a real standalone host over loopback: the
/// documented examples are sent as written (their configuration and body, unchanged) and accepted; the same request
/// signed with another secret is refused.
/// </summary>
public sealed class SignCommandTests(WebhookHostFixture host) : IClassFixture<WebhookHostFixture>
{
    public static TheoryData<string, string, string, string> Schemes => new()
    {
        // source, body, extra header, a wrong secret of the right form
        { "shop", Documented("shop"), string.Empty, "not-the-shop-secret" },
        { "github", Documented("github"), "X-GitHub-Event: release", "not-the-github-secret" },
        { "campaigns", Documented("campaigns"), string.Empty, "whsec_dGhpcyBpcyBub3QgdGhlIHNlY3JldA==" },
        { "payments", """{"id":"evt_cli_1","user":"u1"}""", string.Empty, "whsec_not_the_secret" },
        { "legacy", """{"user":"u2"}""", string.Empty, "b3RoZXIta2V5LWJ5dGVz" },
    };

    [Theory]
    [MemberData(nameof(Schemes))]
    public async Task A_webhook_signed_by_the_tool_is_accepted_and_one_signed_with_another_secret_is_refused(string source, string body, string header, string wrongSecret)
    {
        var payload = host.Write($"{source}.json", body);
        string[] common = ["sign", "--source", source, "--config", host.SettingsFile, "--sources", host.SourcesFile, "--payload", payload, "--no-environment", "--url", host.WebhookUrl(source).ToString(), "--send"];
        string[] extra = header.Length > 0 ? ["--header", header] : [];

        var accepted = await CliRun.RunAsync([.. common, .. extra]);
        var refused = await CliRun.RunAsync([.. common, .. extra, "--secret", wrongSecret]);

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.StartsWith("HTTP 202 Accepted\n", accepted.Output, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"accepted\"", accepted.Output, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.StartsWith("HTTP 401 Unauthorized\n", refused.Output, StringComparison.Ordinal);
        Assert.Contains("urn:liverelay:problem:signature-invalid", refused.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_setting_can_be_given_on_the_command_line_instead_of_a_source()
    {
        var payload = host.Write("legacy-explicit.json", """{"user":"u3"}""");
        var secret = host.Write("legacy.secret", WebhookHostFixture.LegacySecretBase64 + "\n");

        var run = await CliRun.RunAsync(
            "sign", "--scheme", "hmac", "--header-name", "X-Legacy-Signature", "--algorithm", "sha512", "--encoding", "base64", "--secret-encoding", "base64",
            "--secret", "@" + secret, "--payload", payload, "--send", host.WebhookUrl("legacy").ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("HTTP 202 Accepted\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_source_without_verification_needs_no_secret()
    {
        var payload = host.Write("open.json", """{"user":"u4"}""");

        var run = await CliRun.RunAsync("sign", "--scheme", "none", "--payload", payload, "--send", host.WebhookUrl("open").ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("HTTP 202 Accepted\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_printed_curl_command_works_as_printed()
    {
        var payload = host.Write("campaigns-curl.json", Documented("campaigns"));
        Environment.SetEnvironmentVariable("LIVERELAY_CLI_TEST_SECRET", WebhookHostFixture.StandardSecret);

        var run = await CliRun.RunAsync("sign", "--scheme", "standard-webhooks", "--secret", "env:LIVERELAY_CLI_TEST_SECRET", "--payload", payload, "--url", host.WebhookUrl("campaigns").ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("curl -sS -i -X POST ", run.Output, StringComparison.Ordinal);
        Assert.Contains("-H 'webhook-signature: v1,", run.Output, StringComparison.Ordinal);

        var curl = new ProcessStartInfo("/bin/sh", ["-c", run.Output]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        using var process = Process.Start(curl)!;
        var answer = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.StartsWith("HTTP/1.1 202", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standard_webhooks_secret_without_whsec_is_a_usage_error_that_says_why()
    {
        var payload = host.Write("sw.json", "{}");

        var run = await CliRun.RunAsync("sign", "--scheme", "standard-webhooks", "--secret", "bm90LXByZWZpeGVk", "--payload", payload, "--url", "http://127.0.0.1:1/");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("does not start with 'whsec_'", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The body of a documented example request (after its headers).</summary>
    private static string Documented(string name)
    {
        var request = DocumentedExamples.Get("example-request", name);
        return request[(request.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].Trim();
    }
}
