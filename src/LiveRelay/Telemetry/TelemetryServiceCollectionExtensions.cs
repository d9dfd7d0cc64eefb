using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LiveRelay.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// OpenTelemetry for what both hosts share: LiveRelay's spans (<see cref="LiveRelayTelemetry.ActivitySourceNames"/>),
    /// its meters (<see cref="LiveRelayTelemetry.MeterNames"/>), HTTP client and runtime metrics, and logs. No exporter:
    /// each host adds its own (OTLP, Azure Monitor). Outgoing HTTP calls are not traced one by one: the Live API call
    /// has its own client span, and the queue polls would bury the traces.
    /// </summary>
    public static IOpenTelemetryBuilder AddLiveRelayTelemetry(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddOpenTelemetry()
            .WithTracing(static tracing => tracing.AddSource([.. LiveRelayTelemetry.ActivitySourceNames]))
            .WithMetrics(static metrics => metrics
                .AddMeter([.. LiveRelayTelemetry.MeterNames])
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging();
    }
}
