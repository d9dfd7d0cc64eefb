using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Hosting;
using LiveRelay.Emulator.Inspection;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>The Live API emulator in-process on 127.0.0.1 and a free port, inspected through its own services.</summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    /// <summary>The only app that exists: any other AppId is <c>ResourceNotExist</c>, a permanent error.</summary>
    public const string AppId = "lrapp1";

    public const string AccessKeyId = EmulatorOptions.DefaultAccessKeyId;
    public const string AccessKeySecret = EmulatorOptions.DefaultAccessKeySecret;

    /// <summary>A second key pair of the account, an STS credential (letters and digits only, so any encoding of it is itself).</summary>
    public const string StsAccessKeyId = "STSitestKeyId";
    public const string StsAccessKeySecret = "StsSecretQ7v3Zk9Lw2Rx8Pm4Tn6Yb1";
    public const string StsSecurityToken = "StsTokenCAIS9hJ4kLm2Np8Qr5St7Uv3Wx6Yz1Ab4Cd";

    private static readonly TimeSpan StartStopLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app)
    {
        _app = app;
        Endpoint = app.GetEndpoint();
        Messages = app.Services.GetRequiredService<MessageLog>();
        Statistics = app.Services.GetRequiredService<EmulatorStatistics>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
    }

    /// <summary>Limits far above what a test sends, for tests about something else than pacing.</summary>
    public static IReadOnlyList<string> FastLimits { get; } =
        ["--Emulator:RateLimits:SendMessageToGroup=5000", "--Emulator:RateLimits:SendLiveMessageUser=5000"];

    public Uri Endpoint { get; }

    public MessageLog Messages { get; }

    public EmulatorStatistics Statistics { get; }

    public FaultInjector Faults { get; }

    /// <param name="settings">Command-line settings on top of the app and the STS credential, e.g. rate limits.</param>
    public static async Task<EmulatorServer> StartAsync(IEnumerable<string> settings)
    {
        string[] args =
        [
            "--Logging:LogLevel:Default=Warning",
            $"--Emulator:Apps:0={AppId}",
            $"--Emulator:Credentials:0:AccessKeyId={StsAccessKeyId}",
            $"--Emulator:Credentials:0:AccessKeySecret={StsAccessKeySecret}",
            $"--Emulator:Credentials:0:SecurityToken={StsSecurityToken}",
            .. settings,
        ];
        var app = EmulatorApp.Build(args);
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

        return new EmulatorServer(app);
    }

    /// <summary>No faults, no recorded messages, counters at zero.</summary>
    public void Reset()
    {
        Faults.Configure(new FaultOptions { Seed = 1 });
        Messages.Clear();
        Statistics.Reset();
    }

    public IReadOnlyList<RecordedMessage> Recorded(string? action = null) =>
        Messages.Find(new MessageFilter { Action = action });

    /// <summary>How often each MsgTid was accepted (SendLiveMessageUser).</summary>
    public Dictionary<string, int> MsgTidCounts() =>
        Recorded(LiveApiActions.SendLiveMessageUser)
            .Where(static m => m.Parameters.ContainsKey("MsgTid"))
            .GroupBy(static m => m.Parameters["MsgTid"], StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal);

    /// <summary>Waits until every MsgTid in <paramref name="expected"/> was accepted at least once.</summary>
    public Task WaitForMsgTidsAsync(IReadOnlyCollection<string> expected, TimeSpan timeout) =>
        Eventually.WaitUntilAsync(
            () => expected.All(MsgTidCounts().ContainsKey),
            timeout,
            () => $"{expected.Count(MsgTidCounts().ContainsKey)} of {expected.Count} messages delivered; emulator stats: {Describe(Statistics.Snapshot())}");

    public long Throttled() => Statistics.Snapshot().Throttled.Values.Sum();

    public long FaultCount(FaultKind kind) => Statistics.Snapshot().Faults.GetValueOrDefault(kind.ToString());

    public static string Describe(StatisticsSnapshot stats) =>
        $"requests {stats.Requests}; accepted {Join(stats.Accepted)}; rejected {Join(stats.Rejected)}; throttled {Join(stats.Throttled)}; faults {Join(stats.Faults)}";

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StartStopLimit);
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static string Join(IReadOnlyDictionary<string, long> counts) =>
        "{" + string.Join(", ", counts.Where(static c => c.Value != 0).Select(static c => $"{c.Key}: {c.Value}")) + "}";
}
