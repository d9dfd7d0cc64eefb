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
    public static void MapAdminEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/ready", static async (HttpContext context, AdminApi admin) =>
            await RelayEndpoints.WriteAsync(context, await admin.ReadyAsync(context.RequestAborted))).DisableRateLimiting();

        // /api/admin/ here; /api/manage/ too, the Functions app's path (its host keeps admin/ for itself), so one path works on both.
        MapPoison(api.MapGroup("/admin/poison/{queue}").RequireRateLimiting(RelayEndpoints.RateLimitPolicy));
        MapPoison(api.MapGroup("/manage/poison/{queue}").RequireRateLimiting(RelayEndpoints.RateLimitPolicy));
        api.MapPost("/admin/preview/{source}", PreviewAsync).RequireRateLimiting(RelayEndpoints.RateLimitPolicy);
        api.MapPost("/manage/preview/{source}", PreviewAsync).RequireRateLimiting(RelayEndpoints.RateLimitPolicy);
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
