using System.Collections.Concurrent;
using Azure.Storage.Queues;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>Queues on one storage account (or Azurite) through the Azure SDK's <see cref="QueueServiceClient"/>.</summary>
public sealed class AzureStorageMessageQueueFactory : IMessageQueueFactory
{
    private readonly ConcurrentDictionary<string, AzureStorageMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly QueueServiceClient _service;

    /// <param name="service">A client that sends and reads message text as given (<see cref="QueueMessageEncoding.None"/>): encoding is the caller's concern.</param>
    public AzureStorageMessageQueueFactory(QueueServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    public Uri ServiceUri => _service.Uri;

    public IMessageQueue GetQueue(string name)
    {
        QueueNames.Validate(name);
        return _queues.GetOrAdd(name, static (n, service) => new AzureStorageMessageQueue(service.GetQueueClient(n)), _service);
    }
}
