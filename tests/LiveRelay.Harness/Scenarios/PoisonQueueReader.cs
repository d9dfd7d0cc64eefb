using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Collects everything parked in one poison queue. Each read takes the messages that arrived since the last one (they
/// are received and kept invisible for an hour, so none is counted twice) and reads each one's reason and envelope id.
/// </summary>
internal sealed class PoisonQueueReader(IMessageQueue queue, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
{
    private static readonly TimeSpan Hold = TimeSpan.FromHours(1);
    private readonly Dictionary<string, ParkedMessage> _parked = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ParkedMessage> Parked => _parked.Values;

    public async Task<IReadOnlyCollection<ParkedMessage>> ReadAsync(CancellationToken cancellationToken)
    {
        for (var round = 0; round < 10_000; round++)
        {
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(QueueLimits.MaxMessagesPerReceive, Hold, cancellationToken).ConfigureAwait(false);
            }
            catch (MessageQueueException ex) when (ex.ErrorCode is QueueErrorCodes.QueueNotFound or QueueErrorCodes.ConnectionFailed or QueueErrorCodes.Timeout)
            {
                // Not there yet, or a moment's trouble: the next read catches up.
                break;
            }

            if (batch.Count == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                _parked.TryAdd(message.MessageId, Read(message));
            }
        }

        return Parked;
    }

    private ParkedMessage Read(QueueMessage message)
    {
        var content = QueueMessageCodec.Decode(message.Text, encoding);
        PoisonMessageSerializer.TryDeserialize(content, out var poison);
        return new ParkedMessage(message.MessageId, content, poison, EnvelopeIdOf(poison?.Message ?? content));
    }

    private static string? EnvelopeIdOf(string content)
    {
        try
        {
            return MessageEnvelopeSerializer.Deserialize(content).Id;
        }
        catch (EnvelopeFormatException)
        {
            return null;
        }
    }
}
