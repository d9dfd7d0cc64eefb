using LiveRelay.Emulator.Hosting;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone.Demo;

/// <summary>
/// <c>--demo</c>: LiveRelay with no cloud account. Starts the Live API emulator in-process, points the sender at it,
/// keeps queues in memory (unless <c>AzureWebJobsStorage</c> is set), adds the sample <c>shop</c> source, and says
/// how to post a webhook and where to see the delivered message.
/// </summary>
internal static class DemoHost
{
    public const string Flag = "--demo";
    public const string EmulatorUrl = "http://127.0.0.1:5081";
    private const string EmulatorKeyId = "emulator-key-id";
    private const string EmulatorKeySecret = "emulator-key-secret";

    public static async Task RunAsync(string[] args)
    {
        await using var emulator = EmulatorApp.Build(["--urls", EmulatorUrl]);
        await emulator.StartAsync();
        var emulatorEndpoint = emulator.GetEndpoint();

        // Development: the demo's key pair and webhook secret come from configuration on purpose.
        await using var app = StandaloneApp.Build(["--environment", Environments.Development, .. args], builder =>
        {
            builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Demo", "demo.settings.json"), optional: false);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["LiveRelay:AlibabaCloud:Endpoint"] = emulatorEndpoint.ToString(),
                ["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorKeyId,
                ["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorKeySecret,
            });
            builder.Configuration.AddCommandLine(args);
        });
        await app.StartAsync();

        var relay = app.Urls.First().TrimEnd('/');
        Console.WriteLine($"""

            LiveRelay demo is running (standalone host, in-memory queues, Live API emulator).
              LiveRelay:         {relay}   (POST /api/webhooks/shop, POST /api/messages, GET /api/health)
              Live API emulator: {emulatorEndpoint}

            Post a sample signed webhook (an order-shipped event from the 'shop' source):
              ./samples/send-sample-webhook.sh
            See the message it delivered, as the Live API received it:
              curl {emulatorEndpoint}_emulator/messages

            Press Ctrl+C to stop.
            """);
        await app.WaitForShutdownAsync();
        await emulator.StopAsync();
    }
}
