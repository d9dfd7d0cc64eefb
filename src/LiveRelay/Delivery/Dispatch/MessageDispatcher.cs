using LiveRelay.Delivery.Ledger;
using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using LiveRelay.Operations.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveRelay.Delivery.Dispatch;

/// <summary>
/// Delivers one envelope through the shared sender and says what the queue should do with it. Every line
/// logged meanwhile carries the envelope's id, event id and source.
/// </summary>
public sealed class MessageDispatcher
{
    private readonly ILiveMessageSender _sender;
    private readonly DeliveryMetrics _metrics;
    private readonly ILogger _logger;
    private readonly LedgeredSend? _ledger;
    private readonly DeliveryActivity? _activity;

    /// <param name="ledger">Ids already delivered: such a message completes without a call. Null: every message is sent.</param>
    /// <param name="activity">Where each outcome is recorded for the operations page; null records nothing.</param>
    public MessageDispatcher(
        ILiveMessageSender sender, DeliveryMetrics metrics, ILogger<MessageDispatcher>? logger = null, IDeliveryLedger? ledger = null, DeliveryActivity? activity = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(metrics);
        _sender = sender;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _ledger = ledger is null ? null : new LedgeredSend(ledger, metrics, _logger);
        _activity = activity;
    }

    /// <summary>Reads a queue message (envelope JSON, or its base64) and delivers it. An unreadable message is <see cref="RejectedForGood"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<DeliveryOutcome> DispatchAsync(string queueMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queueMessage);
        MessageEnvelope envelope;
        try
        {
            envelope = MessageEnvelopeSerializer.Deserialize(queueMessage);
        }
        catch (EnvelopeFormatException ex)
        {
            DeliveryLog.EnvelopeUnreadable(_logger, queueMessage.Length, ex.Message);
            _metrics.Rejected(DeliveryMetrics.UnknownOperation, LiveMessageSender.PermanentKind, RejectedForGood.InvalidEnvelope);
            _activity?.RecordUnreadable(ex.Message);
            return Task.FromResult<DeliveryOutcome>(new RejectedForGood(RejectedForGood.InvalidEnvelope, ex.Message, 0));
        }

        return DispatchAsync(envelope, cancellationToken);
    }

    /// <summary>Delivers one envelope.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DeliveryOutcome> DispatchAsync(MessageEnvelope envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        using var scope = DeliveryLog.BeginEnvelopeScope(_logger, envelope.Id, envelope.EventId, envelope.Source);
        DeliveryLog.Dispatching(_logger, envelope.Kind == MessageKind.Group ? "group" : "user", envelope.CreatedAt);
        DeliveryOutcome outcome;
        if (_ledger is null)
        {
            outcome = ToOutcome(await _sender.SendAsync(envelope.Message, cancellationToken).ConfigureAwait(false));
        }
        else
        {
            // Null: the ledger says the API already accepted this id. Attempts 0 says no call was made for it now.
            var result = await _ledger.SendAsync(envelope, _sender, cancellationToken).ConfigureAwait(false);
            outcome = result is null ? new Delivered(string.Empty, null, 0) : ToOutcome(result);
        }

        _activity?.RecordOutcome(envelope, outcome);
        return outcome;
    }

    /// <summary>The queue's view of a send's result.</summary>
    public static DeliveryOutcome ToOutcome(SendResult result) => result switch
    {
        SendSucceeded s => new Delivered(s.RequestId, s.MessageId, s.Attempts),
        SendFailed { Kind: SendFailureKind.Permanent } f => new RejectedForGood(f.Code, f.Message, f.Attempts),
        SendFailed f => new RetryLater(f.RetryDelay ?? TimeSpan.Zero, $"{f.Code}: {f.Message}", f.Code, f.Attempts, f.Kind == SendFailureKind.Deferred),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, "Unknown send result."),
    };
}
