using LiveRelay.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LiveRelay.Standalone.Telemetry;

/// <summary>
/// The standalone host's OpenTelemetry: LiveRelay's spans, meters and logs plus ASP.NET Core's request spans and
/// metrics, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard <c>OTEL_*</c> variables
/// configure the rest) and nowhere otherwise: nothing is written to the console.
/// </summary>
public static class StandaloneTelemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string DefaultServiceName = "liverelay-standalone";

    public static IOpenTelemetryBuilder AddStandaloneTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddLiveRelayTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrEmpty(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithTracing(static tracing => tracing.AddAspNetCoreInstrumentation(static options =>
                options.Filter = static context => !context.Request.Path.StartsWithSegments("/api/health", StringComparison.OrdinalIgnoreCase)))
            .WithMetrics(static metrics => metrics.AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        return telemetry;
    }
}
