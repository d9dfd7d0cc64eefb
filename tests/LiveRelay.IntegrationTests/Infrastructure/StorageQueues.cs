using LiveRelay.Messages;
using LiveRelay.Queues;
using LiveRelay.Queues.Processing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// A producer's and an operator's view of a storage account's queues, through the same queue client the host uses (Azure SDK):
/// put events and envelopes on the queues, read what was parked in the poison queues.
/// </summary>
public sealed class StorageQueues : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IMessageQueueFactory _factory;

    private StorageQueues(ServiceProvider services)
    {
        _services = services;
        _factory = services.GetRequiredService<IMessageQueueFactory>();
    }

    public static StorageQueues Open(StorageAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = account.ConnectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddMessageQueues(configuration);
        return new StorageQueues(services.BuildServiceProvider());
    }

    public IMessageQueue Queue(string name) => _factory.GetQueue(name);

    /// <summary>Puts one message on <paramref name="queueName"/> (created if need be), encoded as a producer chose.</summary>
    public async Task PutAsync(string queueName, string content, QueueMessageEncoding encoding, CancellationToken cancellationToken = default)
    {
        var queue = Queue(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        await queue.SendAsync(QueueMessageCodec.Encode(content, encoding), cancellationToken: cancellationToken);
    }

    /// <summary>Puts envelopes on <c>live-messages</c> as the host's outbox does (base64), several at a time, in order of the list.</summary>
    public async Task PutEnvelopesAsync(IReadOnlyList<MessageEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        var queue = Queue(QueueNames.LiveMessages);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        await Parallel.ForEachAsync(
            envelopes,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (envelope, token) => await queue.SendAsync(
                QueueMessageCodec.Encode(MessageEnvelopeSerializer.SerializeToString(envelope), QueueMessageEncoding.Base64), cancellationToken: token));
    }

    /// <summary>The messages parked in <c>&lt;queueName&gt;-poison</c> (up to 32), as the processor wrote them.</summary>
    public async Task<IReadOnlyList<PoisonMessage>> ReadPoisonAsync(string queueName, CancellationToken cancellationToken = default)
    {
        var poison = Queue(QueueNames.PoisonQueueFor(queueName));
        await poison.CreateIfNotExistsAsync(cancellationToken);
        var peeked = await poison.PeekAsync(QueueLimits.MaxMessagesPerReceive, cancellationToken);
        var parked = new List<PoisonMessage>();
        foreach (var message in peeked)
        {
            var text = QueueMessageCodec.Decode(message.Text, QueueMessageEncoding.Base64);
            Assert.True(PoisonMessageSerializer.TryDeserialize(text, out var read), $"Not a poison message: {text}");
            parked.Add(read!);
        }

        return parked;
    }

    /// <summary>Messages on the queue, visible or not.</summary>
    public async Task<int> CountAsync(string queueName, CancellationToken cancellationToken = default)
    {
        var queue = Queue(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken);
        return await queue.GetApproximateCountAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
