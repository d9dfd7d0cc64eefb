using LiveRelay.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Storage;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Harness.Hosting;

/// <summary>The harness's own client for the queues on an Azurite instance (LiveRelay's Azure SDK queues), to inspect them.</summary>
internal sealed class AzuriteQueues : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly AzureStorageMessageQueueFactory _factory;

    public AzuriteQueues(AzuriteQueueServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StorageConnection.DefaultName] = server.ConnectionString })
            .Build();
        _services = new ServiceCollection().AddLiveRelayStorage(configuration).BuildServiceProvider();
        _factory = new AzureStorageMessageQueueFactory(_services.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());
    }

    public IMessageQueueFactory Factory => _factory;

    public IMessageQueue Get(string name) => _factory.GetQueue(name);

    /// <summary>Messages in the queue, visible or not; 0 when it does not exist yet; -1 when Azurite could not be asked this time.</summary>
    public async Task<int> CountAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await Get(name).GetApproximateCountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
        {
            return 0;
        }
        catch (MessageQueueException ex) when (ex.ErrorCode is QueueErrorCodes.ConnectionFailed or QueueErrorCodes.Timeout)
        {
            return -1;
        }
    }

    public void Dispose() => _services.Dispose();
}
