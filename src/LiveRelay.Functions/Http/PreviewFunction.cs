using LiveRelay.Hosting;
using LiveRelay.Operations.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary>
/// <c>POST /api/manage/preview/{source}[?skipVerification=true]</c>: what the webhook endpoint would do with this payload
/// and its headers, nothing sent or queued (docs/operations.md). The admin key decides, as for <see cref="AdminFunctions"/>.
/// </summary>
public sealed class PreviewFunction(AdminApi admin, RequestBodyReader bodyReader)
{
    [Function("PreviewWebhook")]
    public async Task<IActionResult> PreviewAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/preview/{source}")] HttpRequest request, string source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await bodyReader.ReadAsync(request.Body, request.ContentLength, cancellationToken).ConfigureAwait(false);
        return new RelayHttpResult(await admin.PreviewAsync(
            AdminFunctions.Caller(request), source, request.Headers, request.ContentType, body, request.Query["skipVerification"].ToString(), cancellationToken).ConfigureAwait(false));
    }
}
