using LiveRelay.Hosting.Startup;
using LiveRelay.Standalone.Demo;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone;

public static class Program
{
    private const string AppName = "The LiveRelay standalone host";

    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>
    /// What <see cref="Main"/> does, with its console and an end given from outside (tests run the demo so). A start that
    /// fails prints one block saying what to fix and returns 1.
    /// </summary>
    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Contains(DemoHost.Flag))
        {
            return StartupGuard.RunAsync(() => DemoHost.RunAsync([.. args.Where(static a => a != DemoHost.Flag)], output, error, cancellationToken), error, AppName);
        }

        return StartupGuard.RunAsync(
            async () =>
            {
                await using var app = StandaloneApp.Build(args);
                await app.RunAsync(cancellationToken);
            },
            error,
            AppName);
    }
}
