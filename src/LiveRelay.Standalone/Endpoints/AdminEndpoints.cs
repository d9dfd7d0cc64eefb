using LiveRelay.Hosting;
using LiveRelay.Operations.Access;
using LiveRelay.Operations.Http;

namespace LiveRelay.Standalone.Endpoints;

/// <summary>
/// Readiness and the admin API (docs/operations.md). The admin routes take the admin key, not a function key; each
/// reads the request, calls <see cref="AdminApi"/> once, and writes its answer.
/// </summary>
internal static class AdminEndpoints
{
    /// <summary>
    /// The admin routes' prefix, the same as the Functions app's: its host keeps every route that starts with
    /// <c>admin</c> for its own API, whatever the routePrefix.
    /// </summary>
    public const string Prefix = "/api/manage";

    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/ready", static async (HttpContext context, AdminApi admin) =>
            await RelayEndpoints.WriteAsync(context, await admin.ReadyAsync(context.RequestAborted))).DisableRateLimiting();

        var manage = endpoints.MapGroup(Prefix).RequireRateLimiting(RelayEndpoints.RateLimitPolicy);
        MapPoison(manage.MapGroup("/poison/{queue}"));
        manage.MapPost("/preview/{source}", PreviewAsync);
    }

    private static async Task PreviewAsync(HttpContext context, string source, AdminApi admin, RequestBodyReader bodyReader)
    {
        if (await RelayEndpoints.ReadBodyAsync(context, bodyReader, source) is not { } body)
        {
            return;
        }

        await RelayEndpoints.WriteAsync(context, await admin.PreviewAsync(
            Caller(context), source, context.Request.Headers, context.Request.ContentType, body, context.Request.Query["skipVerification"].ToString(), context.RequestAborted));
    }

    private static void MapPoison(RouteGroupBuilder poison)
    {
        poison.MapGet(string.Empty, static async (HttpContext context, string queue, AdminApi admin) =>
        {
            var query = context.Request.Query;
            await RelayEndpoints.WriteAsync(context, await admin.ListPoisonAsync(
                Caller(context), queue, query["reason"].ToString(), query["code"].ToString(), query["top"].ToString(), context.RequestAborted));
        });
        poison.MapPost("/replay", static async (HttpContext context, string queue, AdminApi admin) =>
        {
            var query = context.Request.Query;
            await RelayEndpoints.WriteAsync(context, await admin.ReplayMatchingPoisonAsync(
                Caller(context), queue, query["reason"].ToString(), query["code"].ToString(), context.RequestAborted));
        });
        poison.MapGet("/{id}", static async (HttpContext context, string queue, string id, AdminApi admin) =>
            await RelayEndpoints.WriteAsync(context, await admin.GetPoisonAsync(Caller(context), queue, id, context.RequestAborted)));
        poison.MapPost("/{id}/replay", static async (HttpContext context, string queue, string id, AdminApi admin) =>
            await RelayEndpoints.WriteAsync(context, await admin.ReplayPoisonAsync(Caller(context), queue, id, context.RequestAborted)));
    }

    internal static AdminCaller Caller(HttpContext context) => new(
        context.Request.Headers[AdminKeyVerifier.HeaderName].FirstOrDefault(),
        context.Connection.RemoteIpAddress is { } address && System.Net.IPAddress.IsLoopback(address));
}
