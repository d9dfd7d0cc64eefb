using LiveRelay.Messages;

namespace LiveRelay.Hosting;

/// <summary>
/// Where accepted envelopes go for queued delivery: the <c>live-messages</c> queue. The standalone host writes to the
/// queue itself (<see cref="QueueMessageOutbox"/>); the Functions app collects them for a queue output binding
/// (<see cref="BufferedMessageOutbox"/>), which the runtime writes when the function returns.
/// </summary>
public interface IMessageOutbox
{
    /// <summary>Enqueues every envelope, or throws; on failure the caller is told to retry, and the deterministic ids make the retry safe.</summary>
    ValueTask EnqueueAsync(IReadOnlyList<MessageEnvelope> envelopes, CancellationToken cancellationToken = default);
}
