using LiveRelay.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary><c>POST /api/messages[?delivery=queued|direct]</c>: already-normalized message requests from internal callers.</summary>
public sealed class MessagesFunction(RelayService relay, QueueMessageOutbox outbox, RequestBodyReader bodyReader)
{
    public const string DeliveryParameter = "delivery";

    [Function("ReceiveMessages")]
    public async Task<IActionResult> ReceiveMessagesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "messages")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancellationToken = request.HttpContext.RequestAborted;
        var body = await bodyReader.ReadAsync(request.Body, request.ContentLength, cancellationToken).ConfigureAwait(false);

        // Several values arrive comma-joined and are refused with the same 400 as a wrong one.
        var delivery = request.Query[DeliveryParameter].ToString();
        var response = await relay.ReceiveMessagesAsync(request.Headers, request.ContentType, body, delivery, outbox, cancellationToken).ConfigureAwait(false);
        return new RelayHttpResult(response);
    }
}
