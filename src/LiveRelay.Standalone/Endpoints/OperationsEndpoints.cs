using LiveRelay.Operations;
using LiveRelay.Operations.Status;

namespace LiveRelay.Standalone.Endpoints;

/// <summary>
/// The operations page and its data under <c>/api/admin</c>: <c>GET /api/admin/ops</c> (the page, which holds no data and
/// asks for the admin key) and <c>GET /api/admin/status</c> (the snapshot the page polls).
/// </summary>
internal static class OperationsEndpoints
{
    public const string Prefix = "/api/admin";

    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup(Prefix);
        admin.MapGet("/ops", static context => RelayEndpoints.WriteAsync(context, OperationsResponses.Page()));

        // The data needs the admin key: its check goes on this group.
        var secured = admin.MapGroup(string.Empty);
        secured.MapGet("/status", static async (HttpContext context, OperationsStatusService status) =>
            await RelayEndpoints.WriteAsync(context, OperationsResponses.Status(await status.GetAsync(context.RequestAborted))));
    }
}
