using System.Text.RegularExpressions;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Standalone;

namespace LiveRelay.IntegrationTests.Demo;

/// <summary>
/// The demo (<c>--demo</c>) started in-process through the program's own entry, <see cref="Program.RunAsync"/>, with
/// its console captured; the URLs are the ones it printed. Disposing ends it as Ctrl+C would.
/// </summary>
internal sealed partial class DemoRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private DemoRun(CancellationTokenSource stop, Task<int> run, ConsoleCapture output, ConsoleCapture error)
    {
        _stop = stop;
        _run = run;
        Output = output;
        Error = error;
    }

    public ConsoleCapture Output { get; }

    public ConsoleCapture Error { get; }

    public Uri RelayUrl { get; private set; } = null!;

    public Uri EmulatorUrl { get; private set; } = null!;

    /// <summary>The arguments of the sample command the demo printed, after the script's name.</summary>
    public IReadOnlyList<string> SampleArguments { get; private set; } = [];

    public static async Task<DemoRun> StartAsync(params string[] arguments)
    {
        var output = new ConsoleCapture();
        var error = new ConsoleCapture();
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => Program.RunAsync(["--demo", .. arguments], output, error, stop.Token));
        var demo = new DemoRun(stop, run, output, error);
        try
        {
            await Eventually.WaitUntilAsync(
                () => run.IsCompleted ? throw new InvalidOperationException($"The demo ended before it was ready: {demo.Describe()}") : SampleCommand().IsMatch(output.ToString()),
                StartTimeout,
                demo.Describe);
            var printed = output.ToString();
            demo.RelayUrl = new Uri(RelayLine().Match(printed).Groups["url"].Value);
            demo.EmulatorUrl = new Uri(EmulatorLine().Match(printed).Groups["url"].Value);
            var sample = SampleCommand().Match(printed);
            demo.SampleArguments = [sample.Groups["relay"].Value, sample.Groups["emulator"].Value];
            return demo;
        }
        catch
        {
            await demo.DisposeAsync();
            throw;
        }
    }

    public string Describe() => $"output:\n{Output}\nerrors:\n{Error}\n{(_run.IsFaulted ? _run.Exception.ToString() : string.Empty)}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run.WaitAsync(StopTimeout);
        }
        catch (Exception) when (_run.IsFaulted || _run.IsCanceled)
        {
            // Its failure was reported by the test that started it.
        }

        _stop.Dispose();
        Output.Dispose();
        Error.Dispose();
    }

    [GeneratedRegex(@"LiveRelay:\s+(?<url>http://\S+)")]
    private static partial Regex RelayLine();

    [GeneratedRegex(@"Live API emulator:\s+(?<url>http://\S+)")]
    private static partial Regex EmulatorLine();

    [GeneratedRegex(@"\./samples/send-sample-webhook\.sh (?<relay>http://\S+) (?<emulator>http://\S+)")]
    private static partial Regex SampleCommand();
}
