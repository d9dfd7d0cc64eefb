using LiveRelay.Hosting.Startup;
using LiveRelay.Tests.Secrets.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Hosting.Startup;

/// <summary>
/// The start-up gate's filter must hold back only the host's own error entries before start: it must not change which
/// levels every other category writes (it once made every Debug line through, one per webhook and per delivery).
/// </summary>
public sealed class StartupReportingLogLevelTests
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    [Fact]
    public void Without_configured_levels_the_default_stays_Information()
    {
        using var host = Build([]);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LiveRelay.Intake.IntakeService");

        Assert.False(logger.IsEnabled(LogLevel.Debug));
        Assert.False(logger.IsEnabled(LogLevel.Trace));
        Assert.True(logger.IsEnabled(LogLevel.Information));
    }

    [Theory]
    [InlineData("Debug", LogLevel.Debug, LogLevel.Trace)]
    [InlineData("Warning", LogLevel.Warning, LogLevel.Information)]
    [InlineData("Information", LogLevel.Information, LogLevel.Debug)]
    public void A_configured_default_level_still_decides(string configured, LogLevel lowestWritten, LogLevel highestDropped)
    {
        using var host = Build([new("Logging:LogLevel:Default", configured)]);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LiveRelay.Delivery.Sending.LiveMessageSender");

        Assert.True(logger.IsEnabled(lowestWritten));
        Assert.False(logger.IsEnabled(highestDropped));
    }

    [Fact]
    public void A_configured_category_level_still_decides()
    {
        using var host = Build([new("Logging:LogLevel:Default", "Warning"), new("Logging:LogLevel:LiveRelay", "Debug")]);
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.True(factory.CreateLogger("LiveRelay.Intake.IntakeService").IsEnabled(LogLevel.Debug));
        Assert.False(factory.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
    }

    [Fact]
    public void A_minimum_level_set_after_it_still_decides()
    {
        using var host = Build([], configure: static logging => logging.SetMinimumLevel(LogLevel.Trace));
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LiveRelay.Queues.Processing.QueueProcessor");

        Assert.True(logger.IsEnabled(LogLevel.Trace));
    }

    [Fact]
    public void A_filter_for_every_category_configured_elsewhere_still_applies()
    {
        using var host = Build([], configure: static logging => logging.AddFilter((_, category, _) => category != "Noisy"));
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(factory.CreateLogger("Noisy").IsEnabled(LogLevel.Warning));
        Assert.True(factory.CreateLogger("Quiet").IsEnabled(LogLevel.Warning));
    }

    [Fact]
    public void The_hosts_error_entries_wait_for_the_start_and_other_errors_do_not()
    {
        var captured = new CapturingLoggerProvider();
        using var host = Build([], captured);
        var factory = host.Services.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger(HostCategory).LogError("Hosting failed to start");
        factory.CreateLogger("LiveRelay.Other").LogError("an error of LiveRelay");

        var entry = Assert.Single(captured.Entries);
        Assert.Equal("LiveRelay.Other", entry.Category);
    }

    private static IHost Build(KeyValuePair<string, string?>[] settings, ILoggerProvider? provider = null, Action<ILoggingBuilder>? configure = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(provider ?? new CapturingLoggerProvider());
        builder.Services.AddStartupReporting(builder.Logging);
        configure?.Invoke(builder.Logging);
        return builder.Build();
    }
}
