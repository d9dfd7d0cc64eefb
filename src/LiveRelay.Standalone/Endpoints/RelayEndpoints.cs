using LiveRelay.Hosting;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Http;
using LiveRelay.Secrets;
using LiveRelay.Standalone.Hosting;

namespace LiveRelay.Standalone.Endpoints;

/// <summary>The Functions app's routes on ASP.NET Core. Each parses the request, calls <see cref="RelayService"/> once, and writes its answer.</summary>
internal static class RelayEndpoints
{
    public const string RateLimitPolicy = "functions-http";

    public static void MapRelayEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/health", static (HttpContext context, SecretsStatus secrets) => WriteAsync(context, RelayResponses.Health(secrets.Missing))).DisableRateLimiting();

        // One filter for every request: AddEndpointFilter<T> would build one per request, hashing every configured key each time.
        var keys = endpoints.ServiceProvider.GetRequiredService<FunctionKeyFilter>();
        var functions = api.MapGroup(string.Empty).AddEndpointFilter(keys).RequireRateLimiting(RateLimitPolicy);

        // Singletons, taken once: as handler parameters they would cost every request a service scope and three lookups.
        var relay = endpoints.ServiceProvider.GetRequiredService<RelayService>();
        var outbox = endpoints.ServiceProvider.GetRequiredService<IMessageOutbox>();
        var bodyReader = endpoints.ServiceProvider.GetRequiredService<RequestBodyReader>();
        functions.MapPost("/webhooks/{source}", (HttpContext context, string source) => ReceiveWebhookAsync(context, source, relay, outbox, bodyReader));
        functions.MapMethods("/webhooks/{source}", [HttpMethods.Options], (HttpContext context, string source) => AnswerWebhookOptions(context, source, relay));
        functions.MapPost("/messages", (HttpContext context) => ReceiveMessagesAsync(context, relay, outbox, bodyReader));
    }

    private static async Task ReceiveWebhookAsync(
        HttpContext context, string source, RelayService relay, IMessageOutbox outbox, RequestBodyReader bodyReader)
    {
        if (await ReadBodyAsync(context, bodyReader, source) is not { } body)
        {
            return;
        }

        var response = await relay.ReceiveWebhookAsync(source, context.Request.Headers, context.Request.ContentType, body, outbox, context.RequestAborted);
        await WriteAsync(context, response);
    }

    private static Task AnswerWebhookOptions(HttpContext context, string source, RelayService relay) =>
        WriteAsync(context, relay.AnswerWebhookOptions(source, context.Request.Headers));

    private static async Task ReceiveMessagesAsync(
        HttpContext context, RelayService relay, IMessageOutbox outbox, RequestBodyReader bodyReader)
    {
        if (await ReadBodyAsync(context, bodyReader, SourcesOptions.ApiSourceName) is not { } body)
        {
            return;
        }

        var response = await relay.ReceiveMessagesAsync(
            context.Request.Headers, context.Request.ContentType, body, context.Request.Query["delivery"].ToString(), outbox, context.RequestAborted);
        await WriteAsync(context, response);
    }

    /// <summary>The body, or null once a 400 is written because its framing is broken.</summary>
    internal static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context, RequestBodyReader bodyReader, string source)
    {
        try
        {
            return await bodyReader.ReadAsync(context.Request.Body, context.Request.ContentLength, context.RequestAborted);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException && !context.RequestAborted.IsCancellationRequested)
        {
            // Kestrel reports some framing errors as a plain IOException, not BadHttpRequestException (a chunk size past
            // 64 bits: "Bad chunk size data"). The caller's mistake: 400, not a 500 with a stack trace in the log.
            await WriteAsync(context, RelayResponses.UnreadableBody(source, $"The request body could not be read: {ex.Message}"));
            return null;
        }
    }

    /// <summary>Writes a core answer as it is: status, headers, content type and body.</summary>
    internal static async Task WriteAsync(HttpContext context, IntakeHttpResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (!response.Body.IsEmpty)
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}
