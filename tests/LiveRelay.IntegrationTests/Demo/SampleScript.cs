using System.Diagnostics;
using LiveRelay.Testing;

namespace LiveRelay.IntegrationTests.Demo;

/// <summary><c>samples/send-sample-webhook.sh</c> run by bash as a user runs it, within a bound.</summary>
internal static class SampleScript
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    public static async Task<SampleScriptResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan waitForMessage)
    {
        var start = new ProcessStartInfo("bash")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepoPaths.InRepo("samples", "send-sample-webhook.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SAMPLE_WAIT_SECONDS"] = ((int)waitForMessage.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample script ran longer than {RunTimeout.TotalSeconds} s: {await output}\n{await error}");
        }

        return new SampleScriptResult(process.ExitCode, await output, await error);
    }
}
