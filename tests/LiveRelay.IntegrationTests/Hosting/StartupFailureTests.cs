using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Hosting;

/// <summary>
/// The standalone host as a user starts it (<c>dotnet LiveRelay.Standalone.dll</c>, settings in the environment) with a
/// broken configuration: it exits with code 1 after printing one block that names the setting and the fix, and no stack
/// trace, instead of an unhandled exception (exit 134, the trace printed twice).
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed partial class StartupFailureTests(IntegrationEnvironment environment)
{
    [Fact]
    public async Task A_misspelled_key_and_a_broken_value_are_one_block_with_exit_code_1_and_no_stack_trace()
    {
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:Sources:orders:Fliter:0:Path"] = "$.topic";
        settings["LiveRelay:Delivery:MaxAttempts"] = "0";

        var (exitCode, text) = await RunAsync(settings);

        Assert.Equal(1, exitCode);
        AssertOneBlockWithoutStack(text);
        Assert.Contains("The LiveRelay standalone host cannot start: 2 configuration problems.", text, StringComparison.Ordinal);
        Assert.Contains("  LiveRelay:Sources:orders:Fliter\n    Problem: 'Fliter' is not a setting LiveRelay knows here, so it would be ignored. Did you mean 'Filter'?", text, StringComparison.Ordinal);
        Assert.Contains("  LiveRelay:Delivery:MaxAttempts\n    Problem: MaxAttempts must be between 1 and 20.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelled_secret_name_is_a_start_up_error_naming_the_source_and_the_secret()
    {
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:Sources:orders:Verification:SecretNames:0"] = "orders-webhook-secrte";

        var (exitCode, text) = await RunAsync(settings);

        Assert.Equal(1, exitCode);
        AssertOneBlockWithoutStack(text);
        Assert.Contains("  LiveRelay:Sources:orders:Verification:SecretNames:0\n    Problem: Source 'orders': its signing secret 'orders-webhook-secrte' does not exist", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_standard_webhooks_secret_without_whsec_is_a_start_up_error_and_the_value_is_not_shown()
    {
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:Sources:orders:Verification:Scheme"] = "standard-webhooks";
        settings["LiveRelay:Sources:orders:Verification:Header"] = null;
        settings["LiveRelay:Sources:orders:Verification:Prefix"] = null;
        settings[$"LiveRelay:Secrets:{TestSources.OrdersSecretName}"] = "cGxhaW4tYmFzZTY0LWtleQ==";

        var (exitCode, text) = await RunAsync(settings);

        Assert.Equal(1, exitCode);
        AssertOneBlockWithoutStack(text);
        Assert.Contains("is not usable with scheme 'standard-webhooks'", text, StringComparison.Ordinal);
        Assert.Contains("does not start with 'whsec_'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cGxhaW4tYmFzZTY0LWtleQ==", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sources_file_that_does_not_exist_is_a_start_up_error_naming_the_setting()
    {
        var settings = RelaySettings.For(null, environment.Emulator);
        settings["LiveRelay:SourcesFile"] = "no-such-sources.json";

        var (exitCode, text) = await RunAsync(settings);

        Assert.Equal(1, exitCode);
        AssertOneBlockWithoutStack(text);
        Assert.Contains("  LiveRelay:SourcesFile\n    Problem: The sources file 'no-such-sources.json' does not exist", text, StringComparison.Ordinal);
    }

    private static void AssertOneBlockWithoutStack(string text)
    {
        Assert.Equal(1, Regex.Count(text, "cannot start"));
        Assert.DoesNotMatch(StackLine(), text);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
    }

    /// <summary>Starts the host; returns its exit code and everything it wrote (stdout, then stderr), with \n line ends.</summary>
    private static async Task<(int ExitCode, string Text)> RunAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo(DotnetHost.Executable)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "LiveRelay.Standalone.dll"), "--urls", "http://127.0.0.1:0", "--environment", "Development" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("The standalone host did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host did not exit within 120 s: {await stdout}{await stderr}");
        }

        var text = new StringBuilder().Append(await stdout).Append(await stderr).ToString().ReplaceLineEndings("\n");
        return (process.ExitCode, text);
    }

    [GeneratedRegex(@"(?m)^\s+at \S")]
    private static partial Regex StackLine();
}
