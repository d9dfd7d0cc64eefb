using LiveRelay.Hosting.Startup;
using LiveRelay.Intake.Configuration;
using LiveRelay.Secrets;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting.Startup;

public sealed class StartupFailureReportTests
{
    [Fact]
    public void Validation_failures_become_one_block_with_each_path_what_is_wrong_and_the_fix_and_no_stack()
    {
        var error = Thrown(new OptionsValidationException(SourcesOptions.SectionName, typeof(SourcesOptions),
        [
            "LiveRelay:Sources:shop:Rules: at least one mapping rule is required.",
            "LiveRelay:Delivery:MaxAttempts must be between 1 and 20.",
            "LiveRelay:Sources:shop:Verification:Header: is required for scheme 'hmac'.",
        ]));

        var block = StartupFailureReport.Format(error, "The test host");
        var lines = block.Split('\n').Select(static l => l.TrimEnd('\r')).ToList();

        Assert.Equal("The test host cannot start: 3 configuration problems.", lines[0]);
        Assert.Contains("  LiveRelay:Sources:shop:Rules", lines);
        Assert.Contains("    Problem: At least one mapping rule is required.", lines);
        Assert.Contains("    Problem: MaxAttempts must be between 1 and 20.", lines);
        Assert.Contains("    Problem: Header is required for scheme 'hmac'.", lines);
        Assert.Contains(lines, static l => l.StartsWith("    Fix:     ", StringComparison.Ordinal) && l.Contains("LiveRelay__Delivery__MaxAttempts", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, static l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Equal(1, lines.Count(static l => l.Contains("cannot start", StringComparison.Ordinal)));
    }

    [Fact]
    public void Problems_from_several_exceptions_are_reported_together_once_each()
    {
        var unknown = new StartupConfigurationException([new StartupProblem("LiveRelay:Sources:shop:Fliter", "'Fliter' is not a setting.", "Rename it to 'Filter'.")]);
        var secret = new SecretUnavailableException("LiveRelay:AlibabaCloud:AccessKeySecret", null, "The setting 'LiveRelay:AlibabaCloud:AccessKeySecret' is empty.");

        var problems = StartupFailureReport.ProblemsOf(new AggregateException(unknown, secret, unknown));

        Assert.Equal(["LiveRelay:Sources:shop:Fliter", "LiveRelay:AlibabaCloud:AccessKeySecret"], problems.Select(p => p.Path));
    }

    [Fact]
    public void A_failure_that_is_not_a_configuration_mistake_keeps_its_details_for_a_bug_report()
    {
        var block = StartupFailureReport.Format(Thrown(new InvalidOperationException("Something broke inside.")));

        Assert.StartsWith("LiveRelay could not start: Something broke inside.", block, StringComparison.Ordinal);
        Assert.Contains("not a configuration mistake", block, StringComparison.Ordinal);
        Assert.Contains(" at ", block, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guard_writes_the_block_once_and_returns_exit_code_1_or_0_when_the_run_ends_normally()
    {
        using var error = new StringWriter();

        var failed = await StartupGuard.RunAsync(() => throw new StartupConfigurationException([new StartupProblem("LiveRelay:X", "Wrong.", "Fix it.")]), error);
        var succeeded = await StartupGuard.RunAsync(() => Task.CompletedTask, TextWriter.Null);

        Assert.Equal(1, failed);
        Assert.Equal(0, succeeded);
        Assert.Equal(1, error.ToString().Split("cannot start").Length - 1);
        Assert.Contains("  LiveRelay:X\n    Problem: Wrong.\n    Fix:     Fix it.", error.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_variable_spelling_doubles_the_underscores() =>
        Assert.Equal("LiveRelay__Sources__shop__Rules__0__Filter", StartupFailureReport.AsEnvironmentVariable("LiveRelay:Sources:shop:Rules:0:Filter"));

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
