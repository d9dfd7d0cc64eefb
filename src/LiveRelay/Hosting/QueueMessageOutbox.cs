using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using LiveRelay.Telemetry;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

/// <summary>
/// Sends envelopes to the <c>live-messages</c> queue, encoded as host.json's <c>messageEncoding</c> says, several at a
/// time so that a large fan-out is enqueued quickly.
/// </summary>
public sealed class QueueMessageOutbox : IMessageOutbox
{
    private const int MaxConcurrentSends = 16;

    private readonly IMessageQueue _queue;
    private readonly QueueMessageEncoding _encoding;
    private volatile bool _queueExists;

    public QueueMessageOutbox(IMessageQueueFactory queues, IOptions<HostJsonQueueOptions> options)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(options);
        _queue = queues.GetQueue(QueueNames.LiveMessages);
        _encoding = options.Value.MessageEncoding;
    }

    public async ValueTask EnqueueAsync(IReadOnlyList<MessageEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        using var activity = QueueTracing.StartSend(_queue.Name, envelopes.Count);

        // The envelopes carry the enqueue's context, so their processing continues this trace under it.
        var traceParent = activity?.Id;
        if (!_queueExists)
        {
            // Creating is idempotent, so concurrent first calls may all try; a failure is retried by the next call.
            await _queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            _queueExists = true;
        }

        if (envelopes.Count == 1)
        {
            // Most webhooks make one message: Parallel.ForEachAsync would cost a few work items and allocations for nothing.
            await SendAsync(envelopes[0], traceParent, cancellationToken).ConfigureAwait(false);
            return;
        }

        await Parallel.ForEachAsync(
            envelopes,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentSends, CancellationToken = cancellationToken },
            (envelope, token) => new ValueTask(SendAsync(envelope, traceParent, token))).ConfigureAwait(false);
    }

    private Task<SendReceipt> SendAsync(MessageEnvelope envelope, string? traceParent, CancellationToken cancellationToken)
    {
        var traced = traceParent is null ? envelope : envelope with { TraceParent = traceParent };
        var text = QueueMessageCodec.Encode(MessageEnvelopeSerializer.SerializeTransient(traced), _encoding);
        return _queue.SendAsync(text, cancellationToken: cancellationToken);
    }
}
