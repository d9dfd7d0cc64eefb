using System.Globalization;
using System.Security.Cryptography;
using LiveRelay.Harness.Hosting;
using LiveRelay.Harness.Sources;
using LiveRelay.Queues;
using LiveRelay.Secrets;
using LiveRelay.Standalone.Hosting;
using LiveRelay.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// The standalone host in this process, configured with the corpus's sources (tests/hostile/settings.json: one source
/// per verification scheme and format), queues on Azurite, the Live API emulator, a function key, and signing secrets
/// made for this run. The host's queue factory is wrapped so that every message it sends is seen.
/// </summary>
internal sealed class HostileHost : IAsyncDisposable
{
    public const string FunctionKeyName = "corpus";

    private readonly WebApplication _app;

    private HostileHost(WebApplication app, EmulatorServer emulator, IConfiguration settings, IReadOnlyDictionary<string, string> secrets, string functionKey)
    {
        _app = app;
        Emulator = emulator;
        Settings = settings;
        Secrets = secrets;
        FunctionKey = functionKey;
        BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        Recorder = app.Services.GetRequiredService<RecordingMessageQueueFactory>();
    }

    public Uri BaseAddress { get; }

    public EmulatorServer Emulator { get; }

    public RecordingMessageQueueFactory Recorder { get; }

    /// <summary>The host's configuration: the sources' schemes and secret names, for signing cases.</summary>
    public IConfiguration Settings { get; }

    /// <summary>Secret name to value, made for this run.</summary>
    public IReadOnlyDictionary<string, string> Secrets { get; }

    public string FunctionKey { get; }

    public static async Task<HostileHost> StartAsync(AzuriteQueueServer azurite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var emulator = await EmulatorServer.StartAsync([HarnessSources.KnownApp], cancellationToken).ConfigureAwait(false);
        try
        {
            var corpusSettings = new ConfigurationBuilder().AddJsonFile(HostileCorpus.SettingsPath, optional: false).Build();
            var secrets = corpusSettings.GetSection("LiveRelay:Sources").GetChildren()
                .SelectMany(static source => source.GetSection("Verification:SecretNames").GetChildren().Select(static n => n.Value!))
                .Distinct(StringComparer.Ordinal)
                .Where(name => corpusSettings[$"LiveRelay:Secrets:{name}"] is null) // settings.json's own (an unresolved Key Vault reference) stay
                .ToDictionary(static name => name, static _ => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), StringComparer.Ordinal);
            var functionKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            var runtime = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["LiveRelay:AlibabaCloud:Endpoint"] = emulator.Endpoint.ToString(),
                ["LiveRelay:AlibabaCloud:AccessKeyId"] = EmulatorServer.AccessKeyId,
                ["LiveRelay:AlibabaCloud:AccessKeySecret"] = EmulatorServer.AccessKeySecret,
                [$"LiveRelay:FunctionKeys:Keys:{FunctionKeyName}"] = functionKey,
                // Queue cases are picked up and, if they were ever retried, retried quickly.
                ["AzureFunctionsJobHost:extensions:queues:visibilityTimeout"] = "00:00:01",
                ["AzureFunctionsJobHost:extensions:queues:maxPollingInterval"] = "00:00:00.5",
                // Every case is bad input, which the host logs as it should; the results say what happened.
                ["Logging:LogLevel:Default"] = "Critical",
            };
            foreach (var (name, value) in secrets)
            {
                runtime[$"LiveRelay:Secrets:{name}"] = value;
            }

            var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.GetFree()}");
            var app = StandaloneApp.Build(["--urls", url], builder =>
            {
                builder.Configuration.AddJsonFile(HostileCorpus.SettingsPath, optional: false);
                builder.Configuration.AddInMemoryCollection(runtime);
                var original = builder.Services.Single(static d => d.ServiceType == typeof(IMessageQueueFactory));
                builder.Services.RemoveAll<IMessageQueueFactory>();
                builder.Services.AddSingleton(provider => new RecordingMessageQueueFactory((IMessageQueueFactory)original.ImplementationFactory!(provider)));
                builder.Services.AddSingleton<IMessageQueueFactory>(static provider => provider.GetRequiredService<RecordingMessageQueueFactory>());

                // Start as the Functions app does: a secret that cannot be read now (hs-unresolved's Key Vault reference,
                // which never resolves here) leaves the host degraded instead of stopping it, so its case can show the 503.
                builder.Services.Configure<RequiredSecretsOptions>(static options => options.StartWithoutSecrets = true);
            });
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return new HostileHost(app, emulator, app.Configuration, secrets, functionKey);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await emulator.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _app.StopAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        await Emulator.DisposeAsync().ConfigureAwait(false);
    }
}
