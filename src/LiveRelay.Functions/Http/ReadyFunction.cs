using LiveRelay.Operations.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary><c>GET /api/ready</c>, without a key: can this instance deliver? 200 or 503, each check named, no secret shown.</summary>
public sealed class ReadyFunction(AdminApi admin)
{
    [Function("Ready")]
    public async Task<IActionResult> ReadyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ready")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RelayHttpResult(await admin.ReadyAsync(request.HttpContext.RequestAborted).ConfigureAwait(false));
    }
}
