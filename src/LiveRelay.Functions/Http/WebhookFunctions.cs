using LiveRelay.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary><c>/api/webhooks/{source}</c>: third-party webhooks, and the CloudEvents validation handshake.</summary>
public sealed class WebhookFunctions(RelayService relay, QueueMessageOutbox outbox, RequestBodyReader bodyReader)
{
    [Function("ReceiveWebhook")]
    public async Task<IActionResult> ReceiveWebhookAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "webhooks/{source}")] HttpRequest request,
        string source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await bodyReader.ReadAsync(request.Body, request.ContentLength, cancellationToken).ConfigureAwait(false);
        var response = await relay.ReceiveWebhookAsync(source, request.Headers, request.ContentType, body, outbox, cancellationToken).ConfigureAwait(false);
        return new RelayHttpResult(response);
    }

    [Function("AnswerWebhookOptions")]
    public IActionResult AnswerWebhookOptions(
        [HttpTrigger(AuthorizationLevel.Function, "options", Route = "webhooks/{source}")] HttpRequest request,
        string source)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new RelayHttpResult(relay.AnswerWebhookOptions(source, request.Headers));
    }
}
