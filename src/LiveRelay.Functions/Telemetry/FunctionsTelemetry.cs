using Azure.Monitor.OpenTelemetry.Exporter;
using LiveRelay.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Functions.Telemetry;

/// <summary>
/// The worker's OpenTelemetry: LiveRelay's spans, meters and logs with the Functions worker's defaults (the invocation
/// span and resource), exported to Application Insights by the Azure Monitor exporter when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, authenticated with the managed identity that
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names (infra sets both; local authentication is disabled there).
/// Without a connection string there is no OpenTelemetry at all.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Registers OpenTelemetry with the Azure Monitor exporter when <see cref="ConnectionStringSetting"/> is set; otherwise nothing.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[ConnectionStringSetting] is not { Length: > 0 } connectionString)
        {
            return services;
        }

        var credential = ApplicationInsightsAuthentication.CreateCredential(configuration[ApplicationInsightsAuthentication.SettingName]);
        services.AddLiveRelayTelemetry()
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = credential;
            });
        return services;
    }
}
