using System.Diagnostics.Metrics;
using LiveRelay.Queues.Processing;
using LiveRelay.Standalone.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// The standalone host in-process (<see cref="StandaloneApp.Build(string[], Action{WebApplicationBuilder}?)"/>) on
/// 127.0.0.1 and a free port, with in-memory settings and its logs captured. Disposing stops it gracefully. It runs
/// as Development, as local runs with the emulator's key pair in configuration do (and with the DI checks that brings).
/// </summary>
public sealed class RelayHost : IAsyncDisposable
{
    private static readonly TimeSpan StartStopLimit = TimeSpan.FromSeconds(40);

    private RelayHost(WebApplication app, LogCapture logs)
    {
        App = app;
        Logs = logs;
        BaseAddress = new Uri(app.Urls.First());
        Client = new HttpClient(new SocketsHttpHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Add("x-functions-key", RelaySettings.FunctionKey);
    }

    public WebApplication App { get; }

    public LogCapture Logs { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends the test function key with every request.</summary>
    public HttpClient Client { get; }

    public IMeterFactory MeterFactory => App.Services.GetRequiredService<IMeterFactory>();

    /// <param name="settings">In-memory configuration, added after host.json (it overrides it, as app settings do).</param>
    /// <param name="logs">Where the logs go; by default warnings and errors are kept for failure messages.</param>
    /// <param name="args">Command-line arguments after <c>--urls</c>.</param>
    public static async Task<RelayHost> StartAsync(IReadOnlyDictionary<string, string?> settings, LogCapture? logs = null, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(settings);
        logs ??= new LogCapture();
        var app = StandaloneApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Development", .. args], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(logs.MinimumLevel);
            builder.Logging.AddProvider(logs);
        });
        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await app.StartAsync(timeout.Token);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RelayHost(app, logs);
    }

    /// <summary>The processor of one queue (<c>live-events</c> or <c>live-messages</c>).</summary>
    public QueueProcessor Processor(string queueName) =>
        App.Services.GetServices<IHostedService>().OfType<QueueProcessorService>().Single(s => s.Processor.QueueName == queueName).Processor;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await App.StopAsync(timeout.Token);
        }
        finally
        {
            await App.DisposeAsync();
        }
    }
}
