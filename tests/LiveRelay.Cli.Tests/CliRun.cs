namespace LiveRelay.Cli.Tests;

/// <summary>One run of the tool, in-process, with what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString().ReplaceLineEndings("\n"), error.ToString().ReplaceLineEndings("\n"));
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
