using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LiveRelay.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>
/// A scripted Live API on 127.0.0.1 (Kestrel, free port): records every request with its arrival time and
/// answers as the script says, in the API's own shapes (JSON errors, <c>x-acs-retry-after</c>).
/// </summary>
internal sealed class TestLiveApiServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly long _started = Stopwatch.GetTimestamp();
    private WebApplication? _app;
    private Func<RecordedCall, ScriptedAnswer> _script;
    private int _next = -1;

    private TestLiveApiServer(Func<RecordedCall, ScriptedAnswer> script)
    {
        _script = script;
    }

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls.OrderBy(static c => c.Index).ToList();

    public static async Task<TestLiveApiServer> StartAsync(Func<RecordedCall, ScriptedAnswer>? script = null)
    {
        var server = new TestLiveApiServer(script ?? ScriptedAnswer.Always(ScriptedAnswer.Success));
        var port = LoopbackPort.GetFree();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(options => options.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.Endpoint = new Uri($"http://127.0.0.1:{port}/");
        return server;
    }

    public void Script(Func<RecordedCall, ScriptedAnswer> script) => _script = script;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetElapsedTime(_started);
        var request = context.Request;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            parameters[name] = value.ToString();
        }

        if (request.HasFormContentType)
        {
            foreach (var (name, value) in await request.ReadFormAsync(context.RequestAborted))
            {
                parameters[name] = value.ToString();
            }
        }

        var call = new RecordedCall(
            Interlocked.Increment(ref _next),
            request.Headers["x-acs-action"].ToString(),
            AccessKeyIdOf(request.Headers.Authorization.ToString()),
            arrived,
            parameters);
        _calls.Enqueue(call);

        var answer = _script(call);
        if (answer.Stall is { } stall)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(stall, linked.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = "application/json;charset=utf-8";
        if (answer.RetryAfterMs is { } retryAfter)
        {
            response.Headers["x-acs-retry-after"] = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var requestId = $"req-{call.Index}";
        object body = answer.Code is { } code
            ? new { RequestId = requestId, HostId = "live.aliyuncs.com", Code = code, answer.Message, Recommend = "https://example.invalid/recommend" }
            : call.Action == "SendMessageToGroup"
                ? new { RequestId = requestId, Result = new { MessageId = $"msg-{call.Index}" } }
                : new { RequestId = requestId, MsgTid = parameters.GetValueOrDefault("MsgTid", $"tid{call.Index}") };
        await response.WriteAsync(JsonSerializer.Serialize(body), context.RequestAborted);
    }

    private static string? AccessKeyIdOf(string authorization)
    {
        // ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=...,Signature=...
        const string marker = "Credential=";
        var start = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = authorization.IndexOf(',', start);
        return end < 0 ? authorization[start..] : authorization[start..end];
    }
}
