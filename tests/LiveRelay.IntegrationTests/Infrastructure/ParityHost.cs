using System.Reflection;
using LiveRelay.FunctionsHost;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// One LiveRelay host of either kind, on 127.0.0.1, with the same settings: the standalone host in-process
/// (<see cref="RelayHost"/>), or the Functions app's build output run by <see cref="FunctionsHostStandIn"/> with the test
/// function key. Worker logs go to the test output.
/// </summary>
public sealed class ParityHost : IAsyncDisposable
{
    private readonly RelayHost? _standalone;
    private readonly FunctionsHostStandIn? _functions;

    private ParityHost(HostKind kind, Uri baseAddress, RelayHost? standalone, FunctionsHostStandIn? functions)
    {
        Kind = kind;
        BaseAddress = baseAddress;
        _standalone = standalone;
        _functions = functions;
        Client = NewClient();
        Client.DefaultRequestHeaders.Add("x-functions-key", RelaySettings.FunctionKey);
    }

    /// <summary>The built Functions app (the test project builds it first; see the project file).</summary>
    public static string FunctionsAppDirectory { get; } = typeof(ParityHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(static a => a.Key == "FunctionsAppDirectory").Value!;

    public HostKind Kind { get; }

    public Uri BaseAddress { get; }

    /// <summary>Sends the test function key with every request.</summary>
    public HttpClient Client { get; }

    /// <summary>The Functions worker's logs (empty for the standalone host, whose logs are in <see cref="RelayHost.Logs"/>).</summary>
    public IReadOnlyCollection<WorkerLogEntry> WorkerLogs => _functions?.WorkerLogs ?? [];

    public static async Task<ParityHost> StartAsync(HostKind kind, IReadOnlyDictionary<string, string?> settings, ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (kind == HostKind.Standalone)
        {
            var standalone = await RelayHost.StartAsync(settings, new LogCapture(LogLevel.Warning));
            return new ParityHost(kind, standalone.BaseAddress, standalone, null);
        }

        // Development, as the standalone host runs in the tests (RelayHost): the key pair in configuration is expected there.
        var workerSettings = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase)
        {
            ["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
        };
        var functions = await FunctionsHostStandIn.StartAsync(new FunctionsHostOptions
        {
            AppDirectory = FunctionsAppDirectory,
            Settings = workerSettings,
            FunctionKeys = [RelaySettings.FunctionKey],
            Output = line => WriteLine(output, line),
        });
        return new ParityHost(kind, functions.BaseAddress, null, functions);
    }

    /// <summary>A client without the function key.</summary>
    public HttpClient NewClient() => new(new SocketsHttpHandler()) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>
    /// Warnings and errors the host logged, for failure messages. Not the worker's data-protection warnings: its Kestrel
    /// makes a key ring in the stand-in's temporary HOME on every start, which says nothing about the app.
    /// </summary>
    public string Problems() => _standalone?.Logs.Problems()
        ?? string.Join('\n', WorkerLogs
            .Where(static l => l.Level >= LogLevel.Warning && !l.Category.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal))
            .Take(50));

    /// <summary>Errors and worse the host logged.</summary>
    public IReadOnlyList<string> Errors() => _standalone is not null
        ? [.. _standalone.Logs.Entries.Where(static e => e.Level >= LogLevel.Error).Select(static e => e.ToString())]
        : [.. WorkerLogs.Where(static l => l.Level >= LogLevel.Error).Select(static l => l.ToString())];

    /// <summary>The most messages in flight at once on a queue's trigger, as the host ran it.</summary>
    public int PeakInFlight(string queueName) =>
        _standalone?.Processor(queueName).PeakInFlightCount ?? _functions!.PeakInFlight(queueName);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_standalone is not null)
        {
            await _standalone.DisposeAsync();
        }

        if (_functions is not null)
        {
            await _functions.DisposeAsync();
        }
    }

    private static void WriteLine(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has ended; late worker output has nowhere to go.
        }
    }
}
