using LiveRelay.Emulator.Faults;
using LiveRelay.Emulator.Hosting;
using LiveRelay.Emulator.Inspection;
using LiveRelay.Emulator.Messages;
using LiveRelay.Emulator.Settings;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// The Live API emulator in the harness's own process, with its documented rate limits, on a free loopback port.
/// Its record of accepted calls and its counters are read directly.
/// </summary>
internal sealed class EmulatorServer : IAsyncDisposable
{
    public const string AccessKeyId = EmulatorOptions.DefaultAccessKeyId;
    public const string AccessKeySecret = EmulatorOptions.DefaultAccessKeySecret;

    private readonly WebApplication _app;

    private EmulatorServer(WebApplication app)
    {
        _app = app;
        Endpoint = app.GetEndpoint();
        Messages = app.Services.GetRequiredService<MessageLog>();
        Statistics = app.Services.GetRequiredService<EmulatorStatistics>();
        Faults = app.Services.GetRequiredService<FaultInjector>();
    }

    public Uri Endpoint { get; }

    public MessageLog Messages { get; }

    public EmulatorStatistics Statistics { get; }

    public FaultInjector Faults { get; }

    /// <param name="apps">The AppIds that exist; calls for any other are refused for good (ResourceNotExist).</param>
    public static Task<EmulatorServer> StartAsync(IReadOnlyList<string> apps, CancellationToken cancellationToken) =>
        StartAsync(apps, new Dictionary<string, string>(), cancellationToken);

    /// <param name="apps">The AppIds that exist; calls for any other are refused for good (ResourceNotExist).</param>
    /// <param name="settings">More emulator settings (keys with ':', e.g. <c>Emulator:RateLimits:SendMessageToGroup</c>).</param>
    public static async Task<EmulatorServer> StartAsync(IReadOnlyList<string> apps, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(settings);
        List<string> args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Emulator:MaxRecordedMessages=1000000"];
        for (var i = 0; i < apps.Count; i++)
        {
            args.Add(FormattableString.Invariant($"--Emulator:Apps:{i}={apps[i]}"));
        }

        args.AddRange(settings.Select(static s => $"--{s.Key}={s.Value}"));

        var app = EmulatorApp.Build([.. args]);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            return new EmulatorServer(app);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every accepted call so far, in arrival order.</summary>
    public IReadOnlyList<RecordedMessage> Recorded() => Messages.Find(new MessageFilter());

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
