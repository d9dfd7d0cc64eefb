using LiveRelay.Functions.Telemetry;
using LiveRelay.Hosting;
using LiveRelay.Queues.Processing;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// The runtime reads host.json itself; the app reads it too (maxDequeueCount, messageEncoding, visibilityTimeout), under
// the same AzureFunctionsJobHost keys, so app settings such as AzureFunctionsJobHost__extensions__queues__maxDequeueCount
// override both the same way.
builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: true);

builder.Services.AddLiveRelay(builder.Configuration);
builder.Services.AddLiveRelayFunctionsHosting(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
