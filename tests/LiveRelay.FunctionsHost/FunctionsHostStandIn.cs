using System.Net;
using LiveRelay.FunctionsHost.Rpc;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveRelay.FunctionsHost;

/// <summary>
/// Plays the Azure Functions host for a built isolated-worker app, on 127.0.0.1 and free ports: serves the Functions
/// RPC protocol over gRPC, starts the worker process, does the handshake (init, worker indexing, one load per function),
/// then serves the app's HTTP triggers on <see cref="BaseAddress"/> and runs its queue triggers against the storage
/// account of <c>AzureWebJobsStorage</c>. Disposing terminates the worker, kills it by its PID if it does not end, and
/// stops everything.
/// </summary>
public sealed class FunctionsHostStandIn : IAsyncDisposable
{
    private const string HostVersion = "4.1000.0-liverelay-stand-in";

    private readonly WebApplication _server;
    private readonly WorkerSession _session;
    private readonly FunctionsHostOptions _options;
    private readonly List<QueueTriggerListener> _listeners = [];
    private readonly HttpClient _workerClient = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = Timeout.InfiniteTimeSpan };
    private readonly ServiceProvider _storage;
    private WorkerProcess? _worker;
    private HttpTriggerRouter? _router;

    private FunctionsHostStandIn(WebApplication server, WorkerSession session, FunctionsHostOptions options, ServiceProvider storage)
    {
        _server = server;
        _session = session;
        _options = options;
        _storage = storage;
    }

    /// <summary>Where the app's HTTP triggers answer, e.g. <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The functions the worker indexed.</summary>
    public IReadOnlyList<IndexedFunction> Functions { get; private set; } = [];

    /// <summary>Every log the worker sent over the RPC stream.</summary>
    public IReadOnlyCollection<WorkerLogEntry> WorkerLogs => _session.Logs;

    /// <summary>The worker's process id, while it runs.</summary>
    public int WorkerProcessId => _worker?.Id ?? 0;

    /// <summary>The most messages in flight at once on a queue trigger's queue so far.</summary>
    public int PeakInFlight(string queueName) => _listeners.Where(l => l.QueueName == queueName).Select(static l => l.PeakInFlight).DefaultIfEmpty().Max();

    public static async Task<FunctionsHostStandIn> StartAsync(FunctionsHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var session = new WorkerSession(options.Output);
        var configuration = new ConfigurationBuilder()
            .AddHostJson(Path.Combine(options.AppDirectory, "host.json"))
            .AddInMemoryCollection(options.Settings)
            .Build();
        var storage = new ServiceCollection();
        if (!string.IsNullOrEmpty(configuration["AzureWebJobsStorage"]))
        {
            storage.AddMessageQueues(configuration);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ListenOptions? rpc = null;
        ListenOptions? front = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => (rpc = listen).Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => (front = listen).Protocols = HttpProtocols.Http1);
            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddGrpc(static grpc => grpc.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(session);
        var server = builder.Build();
        var host = new FunctionsHostStandIn(server, session, options, storage.BuildServiceProvider());
        try
        {
            server.Use((context, next) => context.Connection.LocalPort == front!.IPEndPoint!.Port ? host.HandleHttpAsync(context) : next(context));
            server.MapGrpcService<FunctionRpcService>();
            await server.StartAsync(cancellationToken).ConfigureAwait(false);
            host.BaseAddress = new Uri($"http://127.0.0.1:{front!.IPEndPoint!.Port}/");
            await host.StartWorkerAsync(new Uri($"http://127.0.0.1:{rpc!.IPEndPoint!.Port}/"), configuration).ConfigureAwait(false);
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var listener in _listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }

        if (_worker is { HasExited: false } worker)
        {
            // Asked to end first, as the host does; killed by its PID if it does not within the grace period.
            _session.Send(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(5)) } });
            await Task.WhenAny(worker.Exited, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        }

        _worker?.Dispose();
        _workerClient.Dispose();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                await _server.StopAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        await _server.DisposeAsync().ConfigureAwait(false);
        await _storage.DisposeAsync().ConfigureAwait(false);
    }

    private async Task StartWorkerAsync(Uri rpcUri, IConfiguration configuration)
    {
        var appDirectory = Path.GetFullPath(_options.AppDirectory);
        _worker = WorkerProcess.Start(_options, rpcUri, workerId: Guid.NewGuid().ToString(), requestId: Guid.NewGuid().ToString());
        _session.Attach(_worker);
        await _session.WaitForStartAsync(_options.StartTimeout).ConfigureAwait(false);

        var init = new WorkerInitRequest { HostVersion = HostVersion, WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var initialized = (await _session.RequestAsync(new StreamingMessage { WorkerInitRequest = init }, _options.StartTimeout).ConfigureAwait(false)).WorkerInitResponse;
        Require(initialized?.Result, "WorkerInitRequest");
        if (!initialized!.Capabilities.TryGetValue("HttpUri", out var httpUri))
        {
            throw new WorkerFailedException("The worker reported no HttpUri capability: the ASP.NET Core integration is not enabled.");
        }

        var indexed = (await _session.RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } }, _options.StartTimeout).ConfigureAwait(false)).FunctionMetadataResponse;
        Require(indexed?.Result, "FunctionsMetadataRequest");
        foreach (var metadata in indexed!.FunctionMetadataResults)
        {
            var loaded = (await _session.RequestAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = metadata.FunctionId, Metadata = metadata } }, _options.StartTimeout).ConfigureAwait(false)).FunctionLoadResponse;
            Require(loaded?.Result, $"FunctionLoadRequest for {metadata.Name}");
        }

        Functions = [.. indexed.FunctionMetadataResults.Select(IndexedFunction.From)];
        var routePrefix = configuration["AzureFunctionsJobHost:extensions:http:routePrefix"] ?? "api";
        _router = new HttpTriggerRouter(Functions, routePrefix.Trim('/'), _session, new Uri(httpUri), _workerClient, _options);

        var queueFunctions = Functions.Where(static f => f.Trigger.Type.Equals("queueTrigger", StringComparison.OrdinalIgnoreCase)).ToList();
        if (queueFunctions.Count > 0 && _storage.GetService<IMessageQueueFactory>() is { } queues)
        {
            var queueOptions = HostJsonQueueOptionsLoader.Bind(configuration);
            foreach (var function in queueFunctions)
            {
                var listener = new QueueTriggerListener(function, queues, queueOptions, _session, _options);
                _listeners.Add(listener);
                listener.Start();
            }
        }
    }

    private Task HandleHttpAsync(HttpContext context)
    {
        if (_router is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        return _router.HandleAsync(context);
    }

    private void Require(StatusResult? result, string step)
    {
        if (result?.Status != StatusResult.Types.Status.Success)
        {
            throw new WorkerFailedException($"The worker refused {step}: {Invocations.Describe(result)}. {_worker?.Describe()}");
        }
    }
}
