namespace LiveRelay.IntegrationTests.Demo;

internal sealed record SampleScriptResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
