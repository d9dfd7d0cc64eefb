using LiveRelay.Standalone.Demo;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone;

public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>What <see cref="Main"/> does, with its console and an end given from outside (tests run the demo so).</summary>
    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Contains(DemoHost.Flag))
        {
            return await DemoHost.RunAsync([.. args.Where(static a => a != DemoHost.Flag)], output, error, cancellationToken);
        }

        await using var app = StandaloneApp.Build(args);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
