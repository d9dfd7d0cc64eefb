using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRelay.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers, once however often it is called: Microsoft.Extensions.Azure's <see cref="AzureComponentFactory"/>,
    /// the <see cref="StorageConnection"/> <c>AzureWebJobsStorage</c> as the Functions runtime reads it, a
    /// <see cref="StorageClientFactory"/> over it, and one <see cref="QueueServiceClient"/> and one
    /// <see cref="TableServiceClient"/> on that account. Ask <see cref="StorageConnection.IsConfigured"/> before
    /// resolving the clients: without storage settings they throw, naming the setting.
    /// </summary>
    public static IServiceCollection AddLiveRelayStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddAzureClientsCore();
        services.TryAddSingleton(_ => StorageConnection.Read(configuration));
        services.TryAddSingleton(provider => new StorageClientFactory(
            provider.GetRequiredService<AzureComponentFactory>(), provider.GetRequiredService<StorageConnection>()));
        services.TryAddSingleton(provider => provider.GetRequiredService<StorageClientFactory>().CreateQueueServiceClient());
        services.TryAddSingleton(provider => provider.GetRequiredService<StorageClientFactory>().CreateTableServiceClient());
        return services;
    }
}
