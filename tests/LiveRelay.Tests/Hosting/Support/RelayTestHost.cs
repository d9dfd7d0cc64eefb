using System.Text;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Hosting;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using LiveRelay.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Tests.Hosting.Support;

/// <summary>
/// LiveRelay wired as the hosts wire it (<c>AddLiveRelay</c>: the real intake, sender and Live API client, secrets from
/// configuration), pointed at the Live API emulator running in-process on 127.0.0.1. Both stop at the end of the test.
/// Retries are quick so that failures show within a test's time.
/// </summary>
internal sealed class RelayTestHost : IAsyncDisposable
{
    public const string App = "app1";

    private static readonly TimeSpan StartStopLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _emulator;
    private readonly IHost _host;

    private RelayTestHost(WebApplication emulator, IHost host)
    {
        _emulator = emulator;
        _host = host;
    }

    public RelayService Relay => _host.Services.GetRequiredService<RelayService>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Every message the emulator accepted.</summary>
    public IReadOnlyList<RecordedMessage> Delivered => _emulator.Services.GetRequiredService<MessageLog>().Find(new MessageFilter());

    public FaultInjector Faults => _emulator.Services.GetRequiredService<FaultInjector>();

    /// <param name="sourcesJson">The content of <c>LiveRelay:Sources</c> (<see cref="TestSources"/>).</param>
    /// <param name="emulatorArgs">Emulator settings, e.g. <c>--Emulator:Faults:ServiceUnavailableShare=1</c>. Only <see cref="App"/> exists there.</param>
    /// <param name="settings">More LiveRelay settings; they override the defaults here.</param>
    public static async Task<RelayTestHost> StartAsync(
        string sourcesJson = TestSources.All,
        IEnumerable<string>? emulatorArgs = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        using var timeout = new CancellationTokenSource(StartStopLimit);
        var emulator = EmulatorApp.Build(
            [$"--{EmulatorOptions.SectionName}:Apps:0={App}", "--Logging:LogLevel:Default=Warning", .. emulatorArgs ?? []]);
        await emulator.StartAsync(timeout.Token);

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = emulator.GetEndpoint().ToString(),
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorOptions.DefaultAccessKeyId,
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorOptions.DefaultAccessKeySecret,
            ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:05",
            ["LiveRelay:Delivery:SendMessageToGroup"] = "1000",
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "1000",
            ["LiveRelay:Delivery:MaxAttempts"] = "2",
            ["LiveRelay:Delivery:RetryBaseDelay"] = "00:00:00.010",
            ["LiveRelay:Delivery:RetryMaxDelay"] = "00:00:00.050",
            ["LiveRelay:Delivery:MaxRetryDuration"] = "00:00:05",
            [$"LiveRelay:Secrets:{TestSources.ShopSecretName}"] = TestSources.ShopSecret,
            [$"LiveRelay:Secrets:{TestSources.LockedSecretName}"] = "locked-until-removed",
        });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"LiveRelay\":{{\"Sources\":{sourcesJson}}}}}")));
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddLiveRelay(builder.Configuration);
        var host = builder.Build();
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch
        {
            host.Dispose();
            await emulator.DisposeAsync();
            throw;
        }

        return new RelayTestHost(emulator, host);
    }

    /// <summary>Removes a secret from configuration after start-up (configuration secrets are read live), as if deleted.</summary>
    public void RemoveSecret(string name) => _host.Services.GetRequiredService<IConfiguration>()[$"LiveRelay:Secrets:{name}"] = null;

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await _host.StopAsync(timeout.Token);
            await _emulator.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
            await _emulator.DisposeAsync();
        }
    }
}
