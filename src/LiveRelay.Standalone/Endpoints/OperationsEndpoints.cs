using LiveRelay.Operations;
using LiveRelay.Operations.Status;

namespace LiveRelay.Standalone.Endpoints;

/// <summary>
/// The operations page and its data: <c>GET /api/admin/ops</c> (the page, which holds no data and asks for the admin key)
/// and <c>GET /api/admin/status</c> (the snapshot the page polls; admin key); the same under <c>/api/manage</c>, where the Functions
/// app serves them (its host keeps <c>admin</c> routes for itself).
/// </summary>
internal static class OperationsEndpoints
{
    public static IReadOnlyList<string> Prefixes { get; } = ["/api/admin", "/api/manage"];

    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        foreach (var prefix in Prefixes)
        {
            var admin = endpoints.MapGroup(prefix);
            admin.MapGet("/ops", static context => RelayEndpoints.WriteAsync(context, OperationsResponses.Page()));

            admin.MapGet("/status", static async (HttpContext context, OperationsStatusApi status) =>
                await RelayEndpoints.WriteAsync(context, await status.GetAsync(AdminEndpoints.Caller(context), context.RequestAborted)));
        }
    }
}
