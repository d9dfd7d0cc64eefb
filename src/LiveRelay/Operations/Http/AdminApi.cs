using System.Globalization;
using LiveRelay.Hosting.Preview;
using LiveRelay.Intake.Http;
using LiveRelay.Operations.Access;
using LiveRelay.Operations.Poison;
using LiveRelay.Operations.Readiness;
using LiveRelay.Queues;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Operations.Http;

/// <summary>
/// The admin routes and readiness, as both hosts answer them: each method checks the admin key, calls one service and
/// maps its result to an <see cref="IntakeHttpResponse"/>. Hosts only read the request and write this answer.
/// </summary>
public sealed class AdminApi(AdminKeyVerifier keys, PoisonQueueService poison, ReadinessChecker readiness, PayloadPreviewer previewer)
{
    /// <summary><c>GET /api/ready</c>: 200 when every check passes (or is only degraded), else 503. No key: it shows no secret.</summary>
    public async Task<IntakeHttpResponse> ReadyAsync(CancellationToken cancellationToken = default)
    {
        var report = await readiness.CheckAsync(cancellationToken).ConfigureAwait(false);
        return AdminResponses.Json(report.IsReady ? 200 : 503, new ReadinessAnswer(report.IsReady ? "ready" : "not-ready", report.Checks));
    }

    /// <summary><c>GET /api/manage/poison/{queue}?reason=&amp;code=&amp;top=</c>.</summary>
    public Task<IntakeHttpResponse> ListPoisonAsync(
        AdminCaller caller, string queue, string? reason, string? code, string? top, CancellationToken cancellationToken = default) =>
        AuthorizedAsync(caller, queue, async () =>
        {
            var count = QueueLimits.MaxMessagesPerReceive;
            if (!string.IsNullOrEmpty(top)
                && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > QueueLimits.MaxMessagesPerReceive))
            {
                return AdminResponses.Problem(
                    400, "invalid-parameter", "Invalid query parameter", $"The query parameter 'top' must be a whole number from 1 to {QueueLimits.MaxMessagesPerReceive}.");
            }

            return AdminResponses.Json(200, await poison.ListAsync(queue, new PoisonFilter(reason, code), count, cancellationToken).ConfigureAwait(false));
        }, cancellationToken);

    /// <summary><c>GET /api/manage/poison/{queue}/{id}</c>.</summary>
    public Task<IntakeHttpResponse> GetPoisonAsync(AdminCaller caller, string queue, string id, CancellationToken cancellationToken = default) =>
        AuthorizedAsync(caller, queue, async () =>
            await poison.GetAsync(queue, id, cancellationToken).ConfigureAwait(false) is { } message
                ? AdminResponses.Json(200, message)
                : NotFound(queue, id), cancellationToken);

    /// <summary><c>POST /api/manage/poison/{queue}/{id}/replay</c>: 200 when replayed, 404 when not there, 503 when its queue did not take it.</summary>
    public Task<IntakeHttpResponse> ReplayPoisonAsync(AdminCaller caller, string queue, string id, CancellationToken cancellationToken = default) =>
        AuthorizedAsync(caller, queue, async () =>
            await poison.ReplayAsync(queue, id, cancellationToken).ConfigureAwait(false) is { } report
                ? AdminResponses.Json(report.Failed == 0 ? 200 : 503, report)
                : NotFound(queue, id), cancellationToken);

    /// <summary><c>POST /api/manage/poison/{queue}/replay?reason=&amp;code=</c>: 200 with counts, also when some failed (each says why).</summary>
    public Task<IntakeHttpResponse> ReplayMatchingPoisonAsync(
        AdminCaller caller, string queue, string? reason, string? code, CancellationToken cancellationToken = default) =>
        AuthorizedAsync(caller, queue, async () =>
            AdminResponses.Json(200, await poison.ReplayMatchingAsync(queue, new PoisonFilter(reason, code), cancellationToken).ConfigureAwait(false)),
            cancellationToken);

    /// <summary>
    /// <c>POST /api/manage/preview/{source}[?skipVerification=true]</c>: 200 with what the webhook endpoint would do with
    /// this body and these headers (<see cref="PayloadPreview.ToJson"/>): the message requests, or the problem it would
    /// answer. Nothing is sent or queued. The admin key header is not passed on as a webhook header.
    /// </summary>
    public async Task<IntakeHttpResponse> PreviewAsync(
        AdminCaller caller,
        string source,
        IEnumerable<KeyValuePair<string, StringValues>> headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        string? skipVerification,
        CancellationToken cancellationToken = default)
    {
        if (await RefusedAsync(caller, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var skip = false;
        if (!string.IsNullOrEmpty(skipVerification) && !bool.TryParse(skipVerification, out skip))
        {
            return AdminResponses.Problem(400, "invalid-parameter", "Invalid query parameter", "The query parameter 'skipVerification' must be 'true' or 'false'.");
        }

        var preview = await previewer.PreviewAsync(
            new PayloadPreviewRequest
            {
                Source = source,
                Body = body,
                Headers = headers.Where(static h => !string.Equals(h.Key, AdminKeyVerifier.HeaderName, StringComparison.OrdinalIgnoreCase)).ToList(),
                ContentType = contentType,
                SkipVerification = skip,
            },
            cancellationToken).ConfigureAwait(false);
        return AdminResponses.Json(200, preview.ToJson());
    }

    private async Task<IntakeHttpResponse?> RefusedAsync(AdminCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return AdminResponses.ForAccess(await keys.VerifyAsync(caller.Key, caller.IsLoopback, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IntakeHttpResponse> AuthorizedAsync(
        AdminCaller caller, string queue, Func<Task<IntakeHttpResponse>> handle, CancellationToken cancellationToken)
    {
        if (await RefusedAsync(caller, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        if (!PoisonQueueService.IsPoisonQueue(queue))
        {
            return AdminResponses.Problem(
                404, "unknown-poison-queue", "Unknown poison queue", $"'{queue}' is not a poison queue; use {string.Join(" or ", PoisonQueueService.PoisonQueues)}.");
        }

        try
        {
            return await handle().ConfigureAwait(false);
        }
        catch (MessageQueueException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return AdminResponses.Problem(
                503, "queue-unavailable", "Queue unavailable", $"Queue '{ex.QueueName}' could not be used: {ex.Operation} failed with {ex.ErrorCode}. Try again.");
        }
    }

    private static IntakeHttpResponse NotFound(string queue, string id) => AdminResponses.Problem(
        404, "poison-message-not-found", "No such parked message", $"{queue} holds no message with id '{id}' (it may have been replayed already).");

    private sealed record ReadinessAnswer(string Status, IReadOnlyList<ReadinessCheck> Checks);
}
