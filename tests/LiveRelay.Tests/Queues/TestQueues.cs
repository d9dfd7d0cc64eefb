using Azure.Storage.Queues;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Storage;
using LiveRelay.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Tests.Queues;

internal static class TestQueues
{
    /// <summary>A queue name no other test uses.</summary>
    public static string UniqueName(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..24];

    /// <summary>The storage client factory the hosts use, over these settings (<c>AzureWebJobsStorage</c> and the like).</summary>
    public static StorageClientFactory StorageClients(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLiveRelayStorage(configuration).BuildServiceProvider().GetRequiredService<StorageClientFactory>();
    }

    /// <summary>The storage client factory over <c>AzureWebJobsStorage</c> = <paramref name="connectionString"/>.</summary>
    public static StorageClientFactory StorageClients(string connectionString) =>
        StorageClients(new Dictionary<string, string?> { [StorageConnection.DefaultName] = connectionString });

    public static AzureStorageMessageQueueFactory AzuriteFactory(AzuriteQueueServer server, Action<QueueClientOptions>? configure = null) =>
        new(StorageClients(server.ConnectionString).CreateQueueServiceClient(configure));

    /// <summary>Polls a condition until it holds or the time is up; tests bound their own run time with it.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var started = DateTime.UtcNow;
        while (!condition())
        {
            if (DateTime.UtcNow - started > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(10);
        }
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var started = DateTime.UtcNow;
        while (!await condition())
        {
            if (DateTime.UtcNow - started > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(50);
        }
    }
}
