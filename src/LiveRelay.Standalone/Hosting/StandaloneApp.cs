using System.Threading.RateLimiting;
using LiveRelay.Hosting;
using LiveRelay.Hosting.Startup;
using LiveRelay.Queues.Processing;
using LiveRelay.Standalone.Endpoints;
using LiveRelay.Standalone.Telemetry;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace LiveRelay.Standalone.Hosting;

/// <summary>
/// Builds the standalone host: the Functions app's HTTP routes and queue processing on ASP.NET Core, configured like
/// the Functions host (host.json under <c>AzureFunctionsJobHost</c>, then app settings, environment, command line).
/// Tests and tools host it in-process with <see cref="Build"/>; <c>Program</c> only runs it.
/// </summary>
public static class StandaloneApp
{
    /// <summary>The Functions host's local default, so local.settings and tooling work against either host.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>Log levels unless configured otherwise; host.json's <c>logging</c> section says the same for the Functions worker.</summary>
    private static readonly KeyValuePair<string, string?>[] DefaultLogLevels =
    [
        new("Logging:LogLevel:Microsoft.AspNetCore", "Warning"),
    ];

    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(StandaloneApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Below every other source, so app settings, the environment and the command line still decide: ASP.NET Core's
        // two Information lines per request cost intake about a third of its throughput.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.Configuration.AddHostJson(Path.Combine(AppContext.BaseDirectory, "host.json"));
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var services = builder.Services;
        services.AddStartupReporting(builder.Logging);
        services.AddLiveRelay(builder.Configuration);
        services.AddLiveRelayQueueProcessing(builder.Configuration);
        services.AddOptions<FunctionKeysOptions>()
            .Bind(builder.Configuration.GetSection(FunctionKeysOptions.SectionName))
            .Validate<IHostEnvironment>(
                static (keys, environment) => keys.HasKeys || keys.AllowAnonymous || environment.IsDevelopment(),
                $"No function key is configured ({FunctionKeysOptions.SectionName}:Keys:<name>) outside Development, so every caller could use " +
                $"the webhook and message endpoints. Configure a key, or set {FunctionKeysOptions.SectionName}:AllowAnonymous=true if that is intended.")
            .ValidateOnStart();
        services.AddSingleton<FunctionKeyFilter>();

        // An open host is meant for this machine: a page elsewhere could reach it through DNS rebinding (a name of its
        // own that resolves to 127.0.0.1), so only loopback names are answered unless AllowedHosts is set on purpose.
        var configuration = builder.Configuration;
        services.AddOptions<HostFilteringOptions>().Configure<IOptions<FunctionKeysOptions>>((hosts, keys) =>
        {
            if (!keys.Value.HasKeys && string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
            {
                hosts.AllowedHosts = ["localhost", "127.0.0.1", "[::1]"];
            }
        });

        // Like the Functions host: at most maxConcurrentRequests run, up to maxOutstandingRequests wait, the rest get 429.
        // Read when the options are first used, so that configuration added after this method (Build's configure) counts.
        services.AddRateLimiter(options =>
        {
            var limits = HttpLimits.From(configuration);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddConcurrencyLimiter(RelayEndpoints.RateLimitPolicy, limiter =>
            {
                limiter.PermitLimit = limits.MaxConcurrentRequests;
                limiter.QueueLimit = limits.MaxOutstandingRequests - limits.MaxConcurrentRequests;
                limiter.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
            });
        });
        services.AddProblemDetails();

        // A request Kestrel cannot read (a broken chunked body, a body cut short) is the caller's mistake: its 4xx, not a 500.
        services.Configure<ExceptionHandlerOptions>(static options => options.StatusCodeSelector = static exception =>
            exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError);

        // Long enough for the queue processors' grace period: finish or release what is in flight.
        services.Configure<HostOptions>(static options => options.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Here rather than in CreateBuilder: OTEL_* settings and LiveRelay:SourcesFile may come from the configuration a
        // caller adds in between. A relative sources file is taken from the content root (the app's directory).
        builder.Configuration.AddLiveRelaySourcesFile(builder.Environment.ContentRootPath);
        builder.Services.AddStandaloneTelemetry(builder.Configuration);
        var app = builder.Build();
        try
        {
            // Fails here, before anything is mapped or listens, with every configuration mistake at once: unknown keys,
            // options that do not validate (sources included), and no function key where one is required.
            StartupPreflight.Check(app.Services);
        }
        catch (StartupConfigurationException)
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Kestrel reports a caller's fault (a body sent too slowly, too large, cut off) as BadHttpRequestException:
            // answer with its 4xx, never a 500.
            StatusCodeSelector = static exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,

            // Not an error of ours: Kestrel already logs it at Debug (category Microsoft.AspNetCore.Server.Kestrel.BadRequests).
            SuppressDiagnosticsCallback = static context => context.Exception is BadHttpRequestException,
        });
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.MapRelayEndpoints();
        app.MapOperationsEndpoints();
        app.MapAdminEndpoints();

        if (app.Services.GetRequiredService<FunctionKeyFilter>().IsOpen)
        {
            app.Logger.LogWarning(
                "No function keys are configured ({Section}:Keys): the webhook and message endpoints accept every caller addressed by a loopback name.", FunctionKeysOptions.SectionName);
        }

        return app;
    }

    /// <summary><see cref="CreateBuilder"/>, then <paramref name="configure"/>, then <see cref="Build(WebApplicationBuilder)"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = CreateBuilder(args);
        configure?.Invoke(builder);
        return Build(builder);
    }
}
