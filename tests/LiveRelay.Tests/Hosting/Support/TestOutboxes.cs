using LiveRelay.Hosting;
using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Testing;
using LiveRelay.Tests.Queues;
using Microsoft.Extensions.Options;

namespace LiveRelay.Tests.Hosting.Support;

/// <summary>Real <see cref="QueueMessageOutbox"/>es: over queues in memory, or over the Azure SDK queue client aimed at a closed port.</summary>
internal static class TestOutboxes
{
    public static (QueueMessageOutbox Outbox, IMessageQueue LiveMessages) InMemory(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var queues = new InMemoryMessageQueueFactory();
        return (new QueueMessageOutbox(queues, Options.Create(new HostJsonQueueOptions { MessageEncoding = encoding })), queues.GetQueue(QueueNames.LiveMessages));
    }

    /// <summary>
    /// An outbox whose queue service cannot be reached: every send fails with <see cref="QueueErrorCodes.ConnectionFailed"/>
    /// (after the SDK's retries, here a few milliseconds apart).
    /// </summary>
    public static QueueMessageOutbox Unreachable()
    {
        var closed = TestQueues.StorageClients(AzuriteQueueServer.DevelopmentConnectionString(
            new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}/{AzuriteQueueServer.DevelopmentAccountName}")));
        var queues = new AzureStorageMessageQueueFactory(closed.CreateQueueServiceClient(static options => options.Retry.Delay = TimeSpan.FromMilliseconds(5)));
        return new QueueMessageOutbox(queues, Options.Create(new HostJsonQueueOptions()));
    }

    /// <summary>Every message on <paramref name="queue"/>, decoded, oldest first; the queue is left empty.</summary>
    public static async Task<IReadOnlyList<string>> DrainAsync(IMessageQueue queue, QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        await queue.CreateIfNotExistsAsync();
        var texts = new List<string>();
        while (true)
        {
            var batch = await queue.ReceiveAsync(QueueLimits.MaxMessagesPerReceive, TimeSpan.FromMinutes(1));
            if (batch.Count == 0)
            {
                return texts;
            }

            foreach (var message in batch)
            {
                texts.Add(QueueMessageCodec.Decode(message.Text, encoding));
                await queue.DeleteAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    public static async Task<IReadOnlyList<MessageEnvelope>> DrainEnvelopesAsync(IMessageQueue queue) =>
        (await DrainAsync(queue)).Select(text => MessageEnvelopeSerializer.Deserialize(text)).ToList();
}
