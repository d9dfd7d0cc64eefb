using LiveRelay.Standalone.Demo;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone;

public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args.Contains(DemoHost.Flag))
        {
            await DemoHost.RunAsync([.. args.Where(static a => a != DemoHost.Flag)]);
            return;
        }

        await using var app = StandaloneApp.Build(args);
        await app.RunAsync();
    }
}
