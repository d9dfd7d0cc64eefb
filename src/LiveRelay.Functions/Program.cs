using LiveRelay.Functions.Telemetry;
using LiveRelay.Hosting;
using LiveRelay.Hosting.Startup;
using LiveRelay.Queues.Processing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// A configuration mistake ends the worker with one block on stderr (the Functions host logs the worker's output) and
// exit code 1, before the worker connects: no unhandled exception, no stack trace.
return await StartupGuard.RunAsync(
    async () =>
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // The runtime reads host.json itself; the app reads it too (maxDequeueCount, messageEncoding, visibilityTimeout), under
        // the same AzureFunctionsJobHost keys, so app settings such as AzureFunctionsJobHost__extensions__queues__maxDequeueCount
        // override both the same way.
        builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true);

        // LiveRelay:SourcesFile (e.g. sources.json, deployed with the app) is relative to the app's directory.
        builder.Configuration.AddLiveRelaySourcesFile(AppContext.BaseDirectory);

        // The runtime applies host.json logging.logLevel to its own categories only: worker logs arrive re-logged as
        // Function.<name>.User, so a worker category such as System.Net.Http.HttpClient (four lines per enqueue) is filtered here.
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("AzureFunctionsJobHost:logging"));

        builder.Services.AddStartupReporting(builder.Logging);
        builder.Services.AddLiveRelay(builder.Configuration);
        builder.Services.AddLiveRelayFunctionsHosting(builder.Configuration);
        builder.Services.AddFunctionsTelemetry(builder.Configuration);

        using var host = builder.Build();
        StartupPreflight.Check(host.Services);
        await host.RunAsync().ConfigureAwait(false);
    },
    Console.Error,
    "The LiveRelay Functions app").ConfigureAwait(false);
