using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// What a host's <c>Main</c> wraps its start in: a start that fails prints one <see cref="StartupFailureReport"/> block
/// and exits 1, instead of an unhandled exception (a stack trace printed twice, once by the host's log and once by the
/// runtime, and exit code 134). <see cref="AddStartupReporting"/> keeps the host's own "Hosting failed to start" log
/// entry out, until the host has started.
/// </summary>
public static class StartupGuard
{
    public const int FailureExitCode = 1;

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Runs <paramref name="run"/>; when it throws, writes the block to <paramref name="error"/> and returns <see cref="FailureExitCode"/>.</summary>
    public static Task<int> RunAsync(Func<Task> run, TextWriter error, string appName = "LiveRelay")
    {
        ArgumentNullException.ThrowIfNull(run);
        return RunAsync(
            async () =>
            {
                await run().ConfigureAwait(false);
                return 0;
            },
            error,
            appName);
    }

    /// <summary>Runs <paramref name="run"/> and returns its exit code; when it throws, writes the block to <paramref name="error"/> and returns <see cref="FailureExitCode"/>.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> run, TextWriter error, string appName = "LiveRelay")
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync(StartupFailureReport.Format(ex, appName)).ConfigureAwait(false);
            await error.FlushAsync().ConfigureAwait(false);
            return FailureExitCode;
        }
    }

    /// <summary>
    /// Leaves the report of a failed start to <see cref="RunAsync"/>: errors the generic host logs while starting (its
    /// "Hosting failed to start" entry, with the stack) are dropped until the host has started; after that they pass.
    /// </summary>
    public static IServiceCollection AddStartupReporting(this IServiceCollection services, ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logging);
        var gate = new StartedGate();
        Func<string?, string?, LogLevel, bool> gateFilter =
            (_, category, level) => gate.Started || level < LogLevel.Error || !string.Equals(category, HostCategory, StringComparison.Ordinal);

        // Only one filter rule applies to a logger: the most specific, and of equals the last. A rule for every category
        // without a level (what logging.AddFilter(filter) adds) replaced the configured default level and let Debug and
        // Trace through everywhere, a line per webhook and per delivery. So the gate takes the place of the rule it
        // outranks, with that rule's level and filter, after every other configuration (SetMinimumLevel included).
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            var general = options.Rules.LastOrDefault(static r => r.ProviderName is null && r.CategoryName is null);
            var level = general is null ? options.MinLevel : general.LogLevel;
            var filter = general?.Filter is { } configured
                ? (provider, category, logLevel) => configured(provider, category, logLevel) && gateFilter(provider, category, logLevel)
                : gateFilter;
            options.Rules.Add(new LoggerFilterRule(null, null, level, filter));
        });
        services.AddHostedService(provider => new StartedGateOpener(gate, provider.GetRequiredService<IHostApplicationLifetime>()));
        return services;
    }

    private sealed class StartedGate
    {
        private volatile bool _started;

        public bool Started => _started;

        public void Open() => _started = true;
    }

    private sealed class StartedGateOpener(StartedGate gate, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(gate.Open);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
