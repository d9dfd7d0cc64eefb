using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1 (protobuf bodies at <c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>), keeping
/// what it is sent; <see cref="Spans"/> reads the traces.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    private OtlpCollector(WebApplication app) => _app = app;

    public Uri Endpoint => new(_app.Urls.First());

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            collector._exports.Enqueue((signal, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return collector;
    }

    /// <summary>Every span exported so far.</summary>
    public IReadOnlyList<OtlpSpan> Spans() =>
        _exports.Where(static e => e.Path == "traces").SelectMany(static e => OtlpSpan.ReadExport(e.Body)).ToList();

    /// <summary>The raw bodies of one signal (<c>metrics</c>, <c>logs</c>): names and attribute values are plain UTF-8 in them.</summary>
    public IReadOnlyList<byte[]> Exports(string signal) => _exports.Where(e => e.Path == signal).Select(static e => e.Body).ToList();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
