using LiveRelay.Hosting.Startup;
using LiveRelay.Tests.Delivery.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Hosting.Startup;

public sealed class StartupReportingTests
{
    [Fact]
    public void The_configured_log_levels_still_decide_for_every_other_category()
    {
        using var host = Build(new() { ["Logging:LogLevel:Default"] = "Warning", ["Logging:LogLevel:LiveRelay.Delivery"] = "Information" });
        var loggers = host.Services.GetRequiredService<ILoggerFactory>();

        var client = loggers.CreateLogger("LiveRelay.AlibabaCloud.Client.LiveApiClient");
        Assert.False(client.IsEnabled(LogLevel.Debug));
        Assert.False(client.IsEnabled(LogLevel.Information));
        Assert.True(client.IsEnabled(LogLevel.Warning));
        Assert.True(loggers.CreateLogger("LiveRelay.Delivery.Pacing").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public async Task The_hosts_own_errors_are_left_out_until_it_has_started_and_its_debug_entries_always()
    {
        using var host = Build([]);
        var hostLogger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.Extensions.Hosting.Internal.Host");
        Assert.False(hostLogger.IsEnabled(LogLevel.Error));
        Assert.False(hostLogger.IsEnabled(LogLevel.Debug));
        Assert.True(hostLogger.IsEnabled(LogLevel.Information));

        await host.StartAsync();
        try
        {
            Assert.True(hostLogger.IsEnabled(LogLevel.Error));
            Assert.False(hostLogger.IsEnabled(LogLevel.Debug));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new CapturingLoggerProvider());
        builder.Services.AddStartupReporting(builder.Logging);
        return builder.Build();
    }
}
