using System.Diagnostics.Metrics;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Delivery;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Ledger;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Operations.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>
/// Delivery as a host wires it (<c>AddLiveRelayDelivery</c>, the real LiveApiClient from IHttpClientFactory),
/// pointed at a scripted <see cref="TestLiveApiServer"/>, with captured logs and metrics. Defaults keep tests
/// quick: high rates, short retry delays.
/// </summary>
internal sealed class DeliveryHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DeliveryHarness(TestLiveApiServer server, ServiceProvider services, CapturingLoggerProvider logs, RotatingCredentialProvider credentials)
    {
        Server = server;
        _services = services;
        Logs = logs;
        Credentials = credentials;
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        Metrics = new MetricsCollector(meter => ReferenceEquals(meter.Scope, meterFactory) && meter.Name == DeliveryMetrics.MeterName);
    }

    public TestLiveApiServer Server { get; }

    public CapturingLoggerProvider Logs { get; }

    public RotatingCredentialProvider Credentials { get; }

    public MetricsCollector Metrics { get; }

    public MessageDispatcher Dispatcher => _services.GetRequiredService<MessageDispatcher>();

    public DirectDelivery Direct => _services.GetRequiredService<DirectDelivery>();

    public ILiveMessageSender Sender => _services.GetRequiredService<ILiveMessageSender>();

    public DeliveryPacing Pacing => _services.GetRequiredService<DeliveryPacing>();

    public DeliveryActivity Activity => _services.GetRequiredService<DeliveryActivity>();

    public DeliveryOptions Options => _services.GetRequiredService<IOptions<DeliveryOptions>>().Value;

    public static async Task<DeliveryHarness> StartAsync(
        Func<RecordedCall, ScriptedAnswer>? script = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Uri? endpoint = null)
    {
        var server = await TestLiveApiServer.StartAsync(script);
        var values = new Dictionary<string, string?>
        {
            ["LiveRelay:AlibabaCloud:Endpoint"] = (endpoint ?? server.Endpoint).ToString(),
            ["LiveRelay:AlibabaCloud:Timeout"] = "00:00:05",
            ["LiveRelay:Delivery:SendMessageToGroup"] = "1000",
            ["LiveRelay:Delivery:SendLiveMessageUser"] = "1000",
            ["LiveRelay:Delivery:RetryBaseDelay"] = "00:00:00.020",
            ["LiveRelay:Delivery:RetryMaxDelay"] = "00:00:00.200",
            ["LiveRelay:Delivery:MaxRetryDuration"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturingLoggerProvider();
        var credentials = new RotatingCredentialProvider();
        var services = new ServiceCollection();
        services.AddLogging(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddSingleton<IAlibabaCloudCredentialProvider>(credentials);
        services.AddLiveRelayDelivery(configuration);
        services.AddDeliveryLedger(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new DeliveryHarness(server, provider, logs, credentials);
    }

    public async ValueTask DisposeAsync()
    {
        Metrics.Dispose();
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
