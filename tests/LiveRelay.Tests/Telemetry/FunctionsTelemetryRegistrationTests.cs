using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LiveRelay.Functions.Telemetry;
using LiveRelay.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Telemetry;

/// <summary>The Functions app's telemetry registrations, as Program.cs makes them, read back from the service provider.</summary>
public sealed class FunctionsTelemetryRegistrationTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:9/";

    [Fact]
    public void With_Application_Insights_settings_the_Azure_Monitor_exporter_uses_the_managed_identity_the_authentication_string_names()
    {
        using var services = Services(new()
        {
            [FunctionsTelemetry.ConnectionStringSetting] = ConnectionString,
            [ApplicationInsightsAuthentication.SettingName] = "ClientId=00000000-0000-0000-0000-000000000002;Authorization=AAD",
        });

        var options = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
    }

    [Fact]
    public void Without_Application_Insights_settings_no_exporter_and_no_tracing_is_registered()
    {
        using var services = Services([]);

        Assert.Empty(services.GetServices<IConfigureOptions<AzureMonitorExporterOptions>>());
        Assert.Null(services.GetService<OpenTelemetry.Trace.TracerProvider>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddFunctionsTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
