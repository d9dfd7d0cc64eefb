using LiveRelay.Operations;
using LiveRelay.Operations.Status;

namespace LiveRelay.Standalone.Endpoints;

/// <summary>
/// The operations page and its data: <c>GET /api/manage/ops</c> (the page, which holds no data and asks for the admin
/// key) and <c>GET /api/manage/status</c> (the snapshot the page polls; admin key), the Functions app's paths too.
/// </summary>
internal static class OperationsEndpoints
{
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var manage = endpoints.MapGroup(AdminEndpoints.Prefix);
        manage.MapGet("/ops", static context => RelayEndpoints.WriteAsync(context, OperationsResponses.Page()));
        manage.MapGet("/status", static async (HttpContext context, OperationsStatusApi status) =>
            await RelayEndpoints.WriteAsync(context, await status.GetAsync(AdminEndpoints.Caller(context), context.RequestAborted)));
    }
}
