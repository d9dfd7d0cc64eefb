using LiveRelay.Delivery.Dispatch;
using LiveRelay.Intake;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Hosting;

/// <summary>
/// The one service both hosts call. Each method takes what a trigger delivers (an HTTP request's parts or a queue
/// message's text) and returns what the host hands back (an HTTP answer or a queue disposition), so the Functions app
/// and the standalone host behave the same and hold no logic of their own.
/// </summary>
public sealed partial class RelayService
{
    private readonly IntakeService _intake;
    private readonly MessageDispatcher _dispatcher;
    private readonly DirectDelivery _direct;
    private readonly ILogger<RelayService> _logger;

    public RelayService(IntakeService intake, MessageDispatcher dispatcher, DirectDelivery direct, ILogger<RelayService> logger)
    {
        _intake = intake ?? throw new ArgumentNullException(nameof(intake));
        _dispatcher = dispatcher ?? throw new ArgumentNullException(nameof(dispatcher));
        _direct = direct ?? throw new ArgumentNullException(nameof(direct));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary><c>POST /api/webhooks/{source}</c>: verify, normalize, then queue or send.</summary>
    public async Task<IntakeHttpResponse> ReceiveWebhookAsync(
        string source,
        IEnumerable<KeyValuePair<string, StringValues>> headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        IMessageOutbox outbox,
        CancellationToken cancellationToken = default)
    {
        var result = await _intake.AcceptWebhookAsync(source, headers, contentType, body, cancellationToken).ConfigureAwait(false);
        return await CompleteAsync(result, outbox, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>OPTIONS /api/webhooks/{source}</c>: the CloudEvents webhook validation handshake.</summary>
    public IntakeHttpResponse AnswerWebhookOptions(string source, IEnumerable<KeyValuePair<string, StringValues>>? headers) =>
        IntakeHttpMapper.ToResponse(_intake.AnswerWebhookOptions(source, headers));

    /// <summary>
    /// <c>POST /api/messages</c>: already-normalized requests. <paramref name="delivery"/> is the <c>delivery</c> query
    /// parameter (<c>queued</c> or <c>direct</c>); without it the configured default applies.
    /// </summary>
    public async Task<IntakeHttpResponse> ReceiveMessagesAsync(
        IEnumerable<KeyValuePair<string, StringValues>> headers,
        string? contentType,
        ReadOnlyMemory<byte> body,
        string? delivery,
        IMessageOutbox outbox,
        CancellationToken cancellationToken = default)
    {
        if (!TryParseDelivery(delivery, out var mode))
        {
            return RelayResponses.InvalidDeliveryParameter(SourcesOptions.ApiSourceName);
        }

        var result = await _intake.AcceptMessagesAsync(headers, contentType, body, cancellationToken).ConfigureAwait(false);
        if (mode is { } chosen && result is IntakeAccepted accepted)
        {
            result = accepted with { Delivery = chosen };
        }

        return await CompleteAsync(result, outbox, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A <c>live-events</c> message: normalize through its source and put the envelopes on <c>live-messages</c>.
    /// For a source with direct delivery the envelopes are sent at once, and any that were not delivered go onto
    /// <c>live-messages</c>, where they are retried or parked one by one, so none is lost or sent twice.
    /// An event that can never be accepted is parked in the poison queue with the rejection as its reason.
    /// </summary>
    public async Task<QueueMessageDisposition> ProcessQueuedEventAsync(string message, IMessageOutbox outbox, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        using var activity = QueueTracing.StartProcess(QueueNames.LiveEvents, message);
        var result = await _intake.AcceptQueueEventAsync(message, cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case IntakeAccepted accepted:
                var pending = accepted.Envelopes;
                if (accepted.Delivery == DeliveryMode.Direct)
                {
                    var report = await _direct.DeliverAsync(accepted.Envelopes, cancellationToken).ConfigureAwait(false);
                    var undelivered = report.Outcomes.Where(static o => o.Outcome is not Delivered).Select(static o => o.EnvelopeId).ToHashSet(StringComparer.Ordinal);
                    pending = accepted.Envelopes.Where(e => undelivered.Contains(e.Id)).ToList();
                }

                if (QueueMessageFit.FindTooLarge(pending) is { } tooLarge)
                {
                    return QueueMessageDisposition.Poison(QueueMessageFit.Describe(tooLarge), RelayResponses.MessageTooLargeCode);
                }

                try
                {
                    await outbox.EnqueueAsync(pending, cancellationToken).ConfigureAwait(false);
                }
                catch (MessageQueueException ex)
                {
                    return QueueMessageDisposition.Retry($"The messages could not be queued: {ex.Message}", code: ex.ErrorCode);
                }

                LogQueuedEventAccepted(_logger, accepted.Source, accepted.Envelopes.Count, pending.Count);
                return QueueMessageDisposition.Completed;
            case IntakeRejected rejected:
                return QueueMessageDisposition.Poison(rejected.ToString(), rejected.Kind.ToString());
            default:
                LogQueuedEventNotForDelivery(_logger, result.Source, result.GetType().Name);
                return QueueMessageDisposition.Completed;
        }
    }

    /// <summary>A <c>live-messages</c> message: one envelope, one Live API call, one disposition.</summary>
    public async Task<QueueMessageDisposition> DispatchQueuedMessageAsync(string message, CancellationToken cancellationToken = default)
    {
        using var activity = QueueTracing.StartProcess(QueueNames.LiveMessages, message);
        var outcome = await _dispatcher.DispatchAsync(message, cancellationToken).ConfigureAwait(false);
        QueueTracing.Settled(activity, outcome);
        return outcome switch
        {
            RetryLater { Deferred: true } deferred => QueueMessageDisposition.Defer(deferred.Reason, deferred.Delay, deferred.Code),
            RetryLater retry => QueueMessageDisposition.Retry(retry.Reason, retry.Delay, retry.Code),
            RejectedForGood rejected => QueueMessageDisposition.Poison(rejected.Reason, rejected.Code),
            _ => QueueMessageDisposition.Completed,
        };
    }

    private async Task<IntakeHttpResponse> CompleteAsync(IntakeResult result, IMessageOutbox outbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        if (result is not IntakeAccepted accepted)
        {
            return IntakeHttpMapper.ToResponse(result);
        }

        if (accepted.Delivery == DeliveryMode.Direct)
        {
            var report = await _direct.DeliverAsync(accepted.Envelopes, cancellationToken).ConfigureAwait(false);
            return RelayResponses.ForDirectDelivery(accepted, report);
        }

        if (QueueMessageFit.FindTooLarge(accepted.Envelopes) is { } tooLarge)
        {
            return RelayResponses.MessageTooLarge(accepted.Source, QueueMessageFit.Describe(tooLarge));
        }

        try
        {
            await outbox.EnqueueAsync(accepted.Envelopes, cancellationToken).ConfigureAwait(false);
        }
        catch (MessageQueueException ex)
        {
            LogEnqueueFailed(_logger, ex, accepted.Source, accepted.Envelopes.Count);
            return RelayResponses.QueueUnavailable(accepted.Source);
        }

        return IntakeHttpMapper.ToResponse(accepted);
    }

    private static bool TryParseDelivery(string? value, out DeliveryMode? mode)
    {
        mode = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        // Only the two names: Enum.TryParse would also take numbers and comma-joined lists ("queued,direct").
        if (OptionValues.TryParseDelivery(value, out var parsed))
        {
            mode = parsed;
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued event from {Source}: {Messages} messages, {Queued} put on live-messages")]
    private static partial void LogQueuedEventAccepted(ILogger logger, string source, int messages, int queued);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued event from {Source} produced no messages ({Result})")]
    private static partial void LogQueuedEventNotForDelivery(ILogger logger, string source, string result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not queue {Messages} messages from {Source}; the caller is asked to retry")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception, string source, int messages);
}
