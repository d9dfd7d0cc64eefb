using System.Text;

namespace LiveRelay.Queues.Processing;

/// <summary>
/// Writes failed messages to <c>&lt;queue&gt;-poison</c> in the <see cref="PoisonMessageSerializer"/> format, creating
/// the queue on first use as the Functions runtime does. Parked messages never expire.
/// </summary>
internal sealed class PoisonQueueWriter(IMessageQueue poisonQueue, string sourceQueue, QueueMessageEncoding encoding, TimeProvider timeProvider)
{
    private Task<bool>? _creation;

    public string Name => poisonQueue.Name;

    /// <returns>False when the message was too large to wrap with its reason and was parked as it was.</returns>
    public async Task<bool> WriteAsync(QueueMessage message, string body, string reason, string code)
    {
        var poison = new PoisonMessage(
            reason, code, message.DequeueCount, timeProvider.GetUtcNow(), sourceQueue, message.MessageId, message.InsertedOn, body);
        var text = QueueMessageCodec.Encode(PoisonMessageSerializer.Serialize(poison), encoding);
        var wrapped = Encoding.UTF8.GetByteCount(text) <= QueueLimits.MaxMessageBytes;
        if (!wrapped)
        {
            text = message.Text;
        }

        await EnsureCreatedAsync().ConfigureAwait(false);

        // A parked message waits for a person, however long that takes.
        await poisonQueue.SendAsync(text, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        return wrapped;
    }

    /// <summary>
    /// Every writer waits for the one creation: several messages may fail at once when a queue is first used, and a
    /// send that overtook the creation would find no queue. A failed creation is tried again by the next writer.
    /// </summary>
    private Task<bool> EnsureCreatedAsync()
    {
        var creation = Volatile.Read(ref _creation);
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            var started = poisonQueue.CreateIfNotExistsAsync(CancellationToken.None);
            var seen = Interlocked.CompareExchange(ref _creation, started, creation);
            creation = ReferenceEquals(seen, creation) ? started : seen!;
        }

        return creation;
    }
}
