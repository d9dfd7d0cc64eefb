using System.Buffers;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// The load test's baseline: the most trivial ASP.NET Core endpoint that takes a webhook (reads the whole body and
/// answers 202 with a small JSON body), run as its own process like the host, so intake throughput can be given as a
/// share of what ASP.NET Core itself does on this machine.
/// </summary>
internal static class BaselineEndpoint
{
    public const string Command = "baseline-endpoint";

    private static readonly byte[] Accepted = """{"status":"accepted"}"""u8.ToArray();

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.MapPost("/api/webhooks/{source}", static async (HttpContext context) =>
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
                {
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Accepted, context.RequestAborted);
        });
        app.MapGet("/api/health", static () => Results.Json(new { status = "healthy" }));
        await app.RunAsync();
    }
}
