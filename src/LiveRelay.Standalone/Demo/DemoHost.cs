using LiveRelay.Emulator.Hosting;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone.Demo;

/// <summary>
/// <c>--demo</c>: LiveRelay with no cloud account. Starts the Live API emulator in-process, points the sender at it,
/// keeps queues in memory (unless <c>AzureWebJobsStorage</c> is set), adds the sample <c>shop</c> source, and says
/// where both listen and the exact command that posts a webhook to them.
/// </summary>
internal static class DemoHost
{
    public const string Flag = "--demo";

    /// <summary>Where the emulator listens (command line <c>--Demo:EmulatorUrl=...</c>); default <see cref="DefaultEmulatorUrl"/>.</summary>
    public const string EmulatorUrlSetting = "Demo:EmulatorUrl";

    public static readonly Uri DefaultEmulatorUrl = new("http://127.0.0.1:5081");
    public static readonly Uri DefaultRelayUrl = new(StandaloneApp.DefaultUrl);

    private const string EmulatorKeyId = "emulator-key-id";
    private const string EmulatorKeySecret = "emulator-key-secret";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var requested = new ConfigurationBuilder()
            .AddEnvironmentVariables()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build();

        DemoListenerStart emulator;
        try
        {
            emulator = await DemoListener.StartAsync(
                requested[EmulatorUrlSetting], DefaultEmulatorUrl, static urls => EmulatorApp.Build(["--urls", urls]), cancellationToken);
        }
        catch (IOException exception) when (DemoListener.IsAddressInUse(exception))
        {
            await error.WriteLineAsync($"The Live API emulator cannot listen on {requested[EmulatorUrlSetting]}: the address is in use. Leave out --{EmulatorUrlSetting} to let the demo choose.");
            return 1;
        }

        await using var emulatorApp = emulator.App;
        var emulatorUrl = emulator.App.GetEndpoint().GetLeftPart(UriPartial.Authority);

        DemoListenerStart relay;
        try
        {
            // Development: the demo's key pair and webhook secret come from configuration on purpose.
            relay = await DemoListener.StartAsync(
                requested[WebHostDefaults.ServerUrlsKey],
                DefaultRelayUrl,
                urls => StandaloneApp.Build(["--environment", Environments.Development, .. args, "--urls", urls], builder =>
                {
                    builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Demo", "demo.settings.json"), optional: false);
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["LiveRelay:AlibabaCloud:Endpoint"] = emulatorUrl,
                        ["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorKeyId,
                        ["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorKeySecret,
                    });
                    builder.Configuration.AddCommandLine(args);
                }),
                cancellationToken);
        }
        catch (IOException exception) when (DemoListener.IsAddressInUse(exception))
        {
            await error.WriteLineAsync($"LiveRelay cannot listen on {requested[WebHostDefaults.ServerUrlsKey]}: the address is in use. Leave out --urls to let the demo choose.");
            return 1;
        }

        await using var relayApp = relay.App;
        var relayUrl = relay.App.Urls.First().TrimEnd('/');
        await output.WriteLineAsync($"""

            LiveRelay demo is running (standalone host, in-memory queues, Live API emulator).
              LiveRelay:         {relayUrl}   (POST /api/webhooks/shop, POST /api/messages, GET /api/health)
              Live API emulator: {emulatorUrl}
            {Taken("LiveRelay", relay.TakenDefault, relayUrl)}{Taken("The emulator", emulator.TakenDefault, emulatorUrl)}
            Post a sample signed webhook (an order-shipped event from the 'shop' source) and wait for its message:
              ./samples/send-sample-webhook.sh {relayUrl} {emulatorUrl}
            See every message the Live API received:
              curl {emulatorUrl}/_emulator/messages

            Press Ctrl+C to stop.
            """);
        await output.FlushAsync(cancellationToken);

        try
        {
            await relay.App.WaitForShutdownAsync(cancellationToken);
        }
        finally
        {
            await relay.App.StopAsync(CancellationToken.None);
            await emulator.App.StopAsync(CancellationToken.None);
        }

        return 0;
    }

    private static string Taken(string what, Uri? takenDefault, string actual) => takenDefault is null
        ? string.Empty
        : $"  ({what}'s default {takenDefault.GetLeftPart(UriPartial.Authority)} is in use, so it listens on {actual} instead.)\n";
}
