using System.Globalization;
using System.Security.Cryptography;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Sources;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// What one fleet case stands on, fresh for each case: Azurite's queue service and table service (the coordinator's
/// store), on disk, which stays responsive under thousands of messages a minute; the emulator in this process at the
/// case's limits and latency, with one key pair per host so that every call it accepts is known by the host that made
/// it; the ledger of enqueued messages and the feeder. Disposing stops everything it started.
/// </summary>
internal sealed class FleetEnvironment : IAsyncDisposable
{
    /// <summary>Key pairs the emulator accepts: one per host a case may start.</summary>
    public const int MaxHosts = 8;

    private readonly FleetOptions _options;
    private readonly string[] _secrets;
    private AzuriteQueueServer? _idleQueues;

    private FleetEnvironment(RunContext context, FleetOptions options, string caseName, AzuriteQueueServer azurite, EmulatorServer emulator, string[] secrets)
    {
        Context = context;
        _options = options;
        _secrets = secrets;
        Azurite = azurite;
        Emulator = emulator;
        Queues = new AzuriteQueues(azurite);
        Poison = new PoisonQueueReader(Queues.Get(QueueNames.PoisonQueueFor(QueueNames.LiveMessages)));
        Envelopes = new FleetEnvelopes(Ledger, caseName);
        Feeder = new QueueFeeder(Queues.Get(QueueNames.LiveMessages), Envelopes);
    }

    /// <summary>Azurite's queue service and, beside it, its table service: the coordinator's store.</summary>
    public AzuriteQueueServer Azurite { get; }

    public EmulatorServer Emulator { get; }

    public AzuriteQueues Queues { get; }

    public PoisonQueueReader Poison { get; }

    public HarnessSources Sources { get; } = new();

    public DeliveryLedger Ledger { get; } = new();

    public FleetEnvelopes Envelopes { get; }

    public QueueFeeder Feeder { get; }

    /// <summary><c>AzureWebJobsStorage</c> for the hosts: queues and tables on this case's Azurite.</summary>
    public string Storage => Azurite.ConnectionString;

    /// <summary>Queues on Azurite, the coordinator's table endpoint a loopback port nothing listens on.</summary>
    public string StorageWithoutCoordinator =>
        StorageConnection(Azurite, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.GetFree()}/devstoreaccount1")));

    public static async Task<FleetEnvironment> StartAsync(RunContext context, FleetOptions options, string caseName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        var secrets = Enumerable.Range(0, MaxHosts).Select(static _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))).ToArray();
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Emulator:RateLimits:SendMessageToGroup"] = options.GroupLimit.ToString(CultureInfo.InvariantCulture),
            ["Emulator:RateLimits:SendLiveMessageUser"] = options.UserLimit.ToString(CultureInfo.InvariantCulture),
            ["Emulator:Faults:Latency"] = options.Latency.ToString("c", CultureInfo.InvariantCulture),
            ["Emulator:Faults:LatencyJitter"] = options.LatencyJitter.ToString("c", CultureInfo.InvariantCulture),
            ["Emulator:Faults:Seed"] = "20261204",
        };
        for (var i = 0; i < MaxHosts; i++)
        {
            settings[I($"Emulator:Credentials:{i}:AccessKeyId")] = AccessKeyId(i + 1);
            settings[I($"Emulator:Credentials:{i}:AccessKeySecret")] = secrets[i];
        }

        var azurite = await AzuriteQueueServer.StartAsync(new AzuriteQueueServerOptions { TableService = true, InMemoryPersistence = false }, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], settings, cancellationToken).ConfigureAwait(false);
            var environment = new FleetEnvironment(context, options, caseName, azurite, emulator, secrets);
            await environment.Queues.Get(QueueNames.LiveMessages).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            return environment;
        }
        catch
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The emulator key id of host <paramref name="number"/> (1-based).</summary>
    public static string AccessKeyId(int number) => I($"fleet-host-{number}");

    /// <summary><c>AzureWebJobsStorage</c> for a host with no demand: queues on an Azurite of its own (empty), the coordinator shared.</summary>
    public async Task<string> IdleStorageAsync(CancellationToken cancellationToken)
    {
        _idleQueues ??= await AzuriteQueueServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return StorageConnection(_idleQueues, Azurite.TableServiceUri);
    }

    /// <summary>Host <paramref name="number"/>'s settings: its own emulator key pair, the account limits, and logging that shows its pacing.</summary>
    public Dictionary<string, string> HostSettings(int number, string storage, IReadOnlyDictionary<string, string>? overrides = null)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, MaxHosts);
        var settings = Sources.HostSettings(storage, Emulator.Endpoint, new Dictionary<string, string>
        {
            ["LiveRelay:AlibabaCloud:AccessKeyId"] = AccessKeyId(number),
            ["LiveRelay:AlibabaCloud:AccessKeySecret"] = _secrets[number - 1],
            ["LiveRelay:Delivery:SendMessageToGroup"] = _options.GroupLimit.ToString(CultureInfo.InvariantCulture),
            ["LiveRelay:Delivery:SendLiveMessageUser"] = _options.UserLimit.ToString(CultureInfo.InvariantCulture),
            ["LiveRelay:Delivery:Fleet:LeaseDuration"] = _options.ShareLease.ToString("c", CultureInfo.InvariantCulture),
            ["LiveRelay:Queues:MessageLease"] = _options.MessageLease.ToString("c", CultureInfo.InvariantCulture),
            ["AzureFunctionsJobHost:extensions:queues:maxDequeueCount"] = "5",
            // One line per entry with its UTC time, so share changes carry their own time; pacing's own lines at Information.
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:LogLevel:LiveRelay.Delivery"] = "Information",
            ["Logging:LogLevel:LiveRelay.Delivery.Sending"] = "Warning",
            ["Logging:LogLevel:LiveRelay.Delivery.Dispatch"] = "Warning",
            ["DOTNET_STARTUP_HOOKS"] = typeof(HostMetricsReporter).Assembly.Location,
        });
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Calls the Live API has accepted so far for messages of <paramref name="kind"/>.</summary>
    public long Delivered(MessageKind kind) =>
        Emulator.Statistics.Snapshot().Accepted.GetValueOrDefault(kind == MessageKind.Group ? LiveApiActions.SendMessageToGroup : LiveApiActions.SendLiveMessageUser);

    public RunContext Context { get; }

    public async ValueTask DisposeAsync()
    {
        await Feeder.DisposeAsync().ConfigureAwait(false);
        Queues.Dispose();
        await Emulator.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
        if (_idleQueues is not null)
        {
            await _idleQueues.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The queue service's connection string with <paramref name="tableEndpoint"/> as its table endpoint.</summary>
    private static string StorageConnection(AzuriteQueueServer queues, Uri tableEndpoint) =>
        string.Join(';', queues.ConnectionString.Split(';').Where(static p => !p.StartsWith("TableEndpoint=", StringComparison.Ordinal)).Append("TableEndpoint=" + tableEndpoint));

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
