using LiveRelay.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveRelay.Standalone.Telemetry;

/// <summary>
/// The standalone host's OpenTelemetry: LiveRelay's spans, meters and logs plus ASP.NET Core's request spans and
/// metrics, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> variables
/// configure the rest). Without it there is no OpenTelemetry at all, and nothing is written to the console.
/// </summary>
public static class StandaloneTelemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string DefaultServiceName = "liverelay-standalone";

    /// <summary>Registers OpenTelemetry with the OTLP exporter when <see cref="OtlpEndpointSetting"/> is set; otherwise nothing, so no span or measurement is made for no one.</summary>
    public static IServiceCollection AddStandaloneTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            return services;
        }

        services.AddLiveRelayTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithTracing(static tracing => tracing.AddAspNetCoreInstrumentation(static options =>
                options.Filter = static context => !context.Request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase)))
            .WithMetrics(static metrics => metrics.AddAspNetCoreInstrumentation())
            .UseOtlpExporter();
        return services;
    }
}
