using LiveRelay.Operations;
using LiveRelay.Operations.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary>
/// The operations page and its data: <c>GET /api/manage/ops</c> and <c>GET /api/manage/status</c>, as on the standalone
/// host. Not under <c>admin</c>: the Functions host reserves every route that starts with it for its own API and leaves
/// such a function in error.
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
