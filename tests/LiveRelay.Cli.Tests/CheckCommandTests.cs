using LiveRelay.Testing;

namespace LiveRelay.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task A_documented_example_with_its_secrets_passes_with_a_short_summary()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "shop"));
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "Secrets": { "shop-webhook-secret": "s1", "shop-webhook-secret-previous": "s0" } } }""");

        var run = await CliRun.RunAsync("check", "--config", settings, "--sources", sources, "--no-environment");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Configuration OK", run.Output, StringComparison.Ordinal);
        Assert.Contains("Sources: 1 (shop).", run.Output, StringComparison.Ordinal);
        Assert.Contains("Signing secrets: 2 read from configuration, each well-formed for its source's scheme.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelled_key_fails_with_the_hosts_block_and_exit_code_1()
    {
        var settings = _files.Write("appsettings.json", """
            { "LiveRelay": { "Sources": { "shop": {
                "Verification": { "Scheme": "none" },
                "Fliter": [ { "Path": "$.topic", "Values": [ "orders/shipped" ] } ],
                "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "u", "SenderId": "s" } } ] } } } }
            """);

        var run = await CliRun.RunAsync("check", "--config", settings, "--no-environment");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("LiveRelay cannot start: 1 configuration problem.", run.Error, StringComparison.Ordinal);
        Assert.Contains("  LiveRelay:Sources:shop:Fliter\n    Problem: 'Fliter' is not a setting LiveRelay knows here, so it would be ignored. Did you mean 'Filter'?", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_misspelled_secret_name_and_a_secret_in_the_wrong_form_are_both_named()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "campaigns"));
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "Secrets": { "campaigns-webhook-secret": "not-a-whsec-secret", "campaigns-webhook-secret-previus": "x" } } }""");

        var run = await CliRun.RunAsync("check", "--config", settings, "--sources", sources, "--no-environment");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("LiveRelay cannot start: 2 configuration problems.", run.Error, StringComparison.Ordinal);
        Assert.Contains("its signing secret 'campaigns-webhook-secret' (configuration setting 'LiveRelay:Secrets:campaigns-webhook-secret') is not usable with scheme 'standard-webhooks'", run.Error, StringComparison.Ordinal);
        Assert.Contains("its signing secret 'campaigns-webhook-secret-previous' does not exist", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-whsec-secret", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Functions_local_settings_flat_keys_are_read_as_the_Functions_host_reads_them()
    {
        var settings = _files.Write("local.settings.json", """
            { "IsEncrypted": false, "Values": {
                "LiveRelay__Sources__github__Verification__Scheme": "github",
                "LiveRelay__Sources__github__Verification__SecretNames__0": "github-webhook-secret",
                "LiveRelay__Sources__github__Rules__0__Kind": "group",
                "LiveRelay__Sources__github__Rules__0__Parameters__AppId": "a",
                "LiveRelay__Sources__github__Rules__0__Parameters__GroupId": "g",
                "LiveRelay__Sources__github__Rules__0__Parameters__OperatorUserId": "o",
                "LiveRelay__Sources__github__Rules__0__Parameters__Data": "{$.release}",
                "LiveRelay__Secrets__github_webhook_secret": "s" } }
            """);

        var run = await CliRun.RunAsync("check", "--config", settings, "--no-environment");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Sources: 1 (github).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_in_Key_Vault_are_said_to_be_unchecked_offline()
    {
        var sources = _files.Write("sources.json", DocumentedExamples.Get("example-config", "github"));
        var settings = _files.Write("appsettings.json", """{ "LiveRelay": { "KeyVault": { "Uri": "https://my-vault.vault.azure.net/" } } }""");

        var run = await CliRun.RunAsync("check", "--config", settings, "--sources", sources, "--no-environment");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Signing secrets: in Key Vault https://my-vault.vault.azure.net/, NOT checked offline. Run with --key-vault", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_settings_file_that_does_not_exist_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("check", "--config", Path.Combine(_files.Directory, "missing.json"), "--no-environment");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("missing.json does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sources_file_that_does_not_exist_is_reported_like_the_hosts_report_it()
    {
        var run = await CliRun.RunAsync("check", "--sources", Path.Combine(_files.Directory, "nope.json"), "--no-environment");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("  LiveRelay:SourcesFile\n    Problem: The sources file", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
