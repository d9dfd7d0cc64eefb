using LiveRelay.Hosting.Startup;
using LiveRelay.Standalone.Demo;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone;

public static class Program
{
    /// <summary>Runs the host; a start that fails prints one block saying what to fix and exits 1.</summary>
    public static Task<int> Main(string[] args)
    {
        if (args.Contains(DemoHost.Flag))
        {
            return StartupGuard.RunAsync(() => DemoHost.RunAsync([.. args.Where(static a => a != DemoHost.Flag)]), Console.Error, "The LiveRelay standalone host");
        }

        return StartupGuard.RunAsync(
            async () =>
            {
                await using var app = StandaloneApp.Build(args);
                await app.RunAsync();
            },
            Console.Error,
            "The LiveRelay standalone host");
    }
}
