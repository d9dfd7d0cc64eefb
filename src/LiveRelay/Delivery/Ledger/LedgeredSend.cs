using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Azure;
using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using Microsoft.Extensions.Logging;

namespace LiveRelay.Delivery.Ledger;

/// <summary>
/// A send guarded by the <see cref="IDeliveryLedger"/>: an id already recorded is not sent again (counted as
/// <c>liverelay.delivery.duplicates_suppressed</c>), and an id the API accepted is recorded. A ledger that cannot be
/// read or written does not stop delivery: the message is sent (a duplicate is possible while the ledger is down,
/// a lost message is not).
/// </summary>
internal sealed partial class LedgeredSend
{
    private readonly IDeliveryLedger _ledger;
    private readonly ILogger _logger;
    private readonly Counter<long> _suppressed;
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);

    public LedgeredSend(IDeliveryLedger ledger, DeliveryMetrics metrics, ILogger logger)
    {
        _ledger = ledger;
        _logger = logger;
        _suppressed = metrics.Meter.CreateCounter<long>(
            "liverelay.delivery.duplicates_suppressed", "{message}", "Messages completed without a call because the delivery ledger already had their id.");
    }

    /// <summary>
    /// Null when the ledger already has the envelope's id; otherwise the sender's result. Copies of one id that arrive
    /// together in this process (a replay burst, a redelivery racing the original) go one at a time, so the first one's
    /// record is there when the next one checks.
    /// </summary>
    public async Task<SendResult?> SendAsync(MessageEnvelope envelope, ILiveMessageSender sender, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var running = _inFlight.GetOrAdd(envelope.Id, mine.Task);
            if (running != mine.Task)
            {
                await running.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                return await SendOnceAsync(envelope, sender, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _inFlight.TryRemove(KeyValuePair.Create(envelope.Id, mine.Task));
                mine.SetResult();
            }
        }
    }

    private async Task<SendResult?> SendOnceAsync(MessageEnvelope envelope, ILiveMessageSender sender, CancellationToken cancellationToken)
    {
        if (await WasDeliveredAsync(envelope.Id, cancellationToken).ConfigureAwait(false))
        {
            _suppressed.Add(1, new KeyValuePair<string, object?>(DeliveryMetrics.OperationTag, LiveMessageSender.OperationOf(envelope.Kind)));
            LogSuppressed(_logger);
            return null;
        }

        var result = await sender.SendAsync(envelope.Message, cancellationToken).ConfigureAwait(false);
        if (result is SendSucceeded)
        {
            try
            {
                // Not cancelled with the send: the API has the message, and the record is what stops a second one.
                await _ledger.RecordAsync(envelope.Id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException or TimeoutException or HttpRequestException)
            {
                LogRecordFailed(_logger, ex.GetType().Name);
            }
        }

        return result;
    }

    private async Task<bool> WasDeliveredAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await _ledger.WasDeliveredAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or TimeoutException or HttpRequestException)
        {
            LogCheckFailed(_logger, ex.GetType().Name);
            return false;
        }
    }

    [LoggerMessage(EventId = 5130, Level = LogLevel.Information, Message = "Already delivered (delivery ledger): completed without a call")]
    private static partial void LogSuppressed(ILogger logger);

    [LoggerMessage(EventId = 5131, Level = LogLevel.Warning, Message = "The delivery ledger could not be read ({Error}); sending without the duplicate check")]
    private static partial void LogCheckFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5132, Level = LogLevel.Warning, Message = "The delivery ledger could not record a delivered message ({Error}); a redelivery of it would be sent again")]
    private static partial void LogRecordFailed(ILogger logger, string error);
}
