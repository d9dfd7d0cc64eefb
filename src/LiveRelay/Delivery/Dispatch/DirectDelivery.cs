using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Dispatch;

/// <summary>
/// Delivers intake's envelopes at once, for sources whose delivery is <c>direct</c>: through the same
/// dispatcher and sender as queued delivery (same pacing, retries and outcomes), several at a time.
/// </summary>
public sealed class DirectDelivery
{
    private readonly MessageDispatcher _dispatcher;
    private readonly int _concurrency;
    private readonly ILogger _logger;

    public DirectDelivery(MessageDispatcher dispatcher, IOptions<DeliveryOptions> options, ILogger<DirectDelivery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        ArgumentNullException.ThrowIfNull(options);
        _dispatcher = dispatcher;
        _concurrency = options.Value.DirectConcurrency;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Sends every envelope and reports each one's outcome; one envelope's failure does not stop the others.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<DirectDeliveryReport> DeliverAsync(IReadOnlyList<MessageEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        for (var i = 0; i < envelopes.Count; i++)
        {
            if (envelopes[i] is null)
            {
                throw new ArgumentException($"Envelope {i} is null.", nameof(envelopes));
            }
        }

        var outcomes = new EnvelopeOutcome[envelopes.Count];
        await Parallel.ForAsync(
            0,
            envelopes.Count,
            new ParallelOptions { MaxDegreeOfParallelism = _concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                outcomes[i] = new EnvelopeOutcome(envelopes[i].Id, await _dispatcher.DispatchAsync(envelopes[i], ct).ConfigureAwait(false));
            }).ConfigureAwait(false);

        var report = new DirectDeliveryReport(outcomes);
        DeliveryLog.DirectDeliveryDone(_logger, outcomes.Length, report.DeliveredCount, report.RetryLaterCount, report.RejectedForGoodCount);
        return report;
    }
}
