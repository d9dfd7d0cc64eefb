using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
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

    public MessageDispatcher(ILiveMessageSender sender, DeliveryMetrics metrics, ILogger<MessageDispatcher>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(metrics);
        _sender = sender;
        _metrics = metrics;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
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
        var result = await _sender.SendAsync(envelope.Message, cancellationToken).ConfigureAwait(false);
        return ToOutcome(result);
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
