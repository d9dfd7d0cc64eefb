using LiveRelay.Operations;
using LiveRelay.Operations.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary>
/// The operations page and its data: <c>GET /api/manage/ops</c> and <c>GET /api/manage/status</c>. Not under
/// <c>/api/admin</c> as on the standalone host: the Functions host reserves every route that starts with <c>admin</c>
/// for its own API and refuses to index such a function. The page finds its data next to itself, so either prefix works.
/// </summary>
public sealed class OperationsFunctions(OperationsStatusApi status)
{
    public const string RoutePrefix = "manage";

    [Function("OperationsPage")]
    public IActionResult Page([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "/ops")] HttpRequest request) =>
        new RelayHttpResult(OperationsResponses.Page());

    /// <summary>Anonymous to the host: the admin key in <c>X-LiveRelay-Admin-Key</c> decides, as for the rest of the admin API.</summary>
    [Function("OperationsStatus")]
    public async Task<IActionResult> StatusAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = RoutePrefix + "/status")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RelayHttpResult(await status.GetAsync(AdminFunctions.Caller(request), request.HttpContext.RequestAborted).ConfigureAwait(false));
    }
}
