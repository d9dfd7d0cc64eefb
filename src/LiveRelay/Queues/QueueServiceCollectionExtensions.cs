using System.Diagnostics.Metrics;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
using LiveRelay.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Queues;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMessageQueueFactory"/> and the queue options, validated at start-up:
    /// <see cref="HostJsonQueueOptions"/> from <c>AzureFunctionsJobHost:extensions:queues</c> (add host.json with
    /// <see cref="HostJsonConfigurationExtensions.AddHostJson"/>) and <see cref="QueueProcessingOptions"/> from
    /// <c>LiveRelay:Queues</c>. The factory uses Azure Queue Storage (or Azurite) through the Azure SDK when
    /// <c>AzureWebJobsStorage</c> is configured (<see cref="StorageServiceCollectionExtensions.AddLiveRelayStorage"/>), and
    /// otherwise keeps queues in memory.
    /// </summary>
    public static IServiceCollection AddMessageQueues(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<HostJsonQueueOptions>().Bind(configuration.GetSection(HostJsonQueueOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HostJsonQueueOptions>, HostJsonQueueOptionsValidator>());
        services.AddOptions<QueueProcessingOptions>().Bind(configuration.GetSection(QueueProcessingOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QueueProcessingOptions>, QueueProcessingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddLiveRelayStorage(configuration);

        services.TryAddSingleton<IMessageQueueFactory>(provider =>
        {
            var storage = provider.GetRequiredService<StorageClientFactory>();
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(QueueServiceCollectionExtensions).FullName!);
            if (!storage.IsConfigured)
            {
                logger?.LogWarning("AzureWebJobsStorage is not set: queues are kept in memory and lost when the process ends.");
                return new InMemoryMessageQueueFactory(provider.GetRequiredService<TimeProvider>());
            }

            var requestTimeout = provider.GetRequiredService<IOptions<QueueProcessingOptions>>().Value.RequestTimeout;
            var service = storage.CreateQueueServiceClient(options => options.Retry.NetworkTimeout = requestTimeout);
            logger?.LogInformation("Queues on {QueueService} ({Connection})", service.Uri.GetLeftPart(UriPartial.Path), storage.Connection);
            return new AzureStorageMessageQueueFactory(service);
        });
        return services;
    }

    /// <summary>Runs a <see cref="QueueProcessor"/> for <paramref name="queueName"/> as a hosted service, with the handler the factory makes.</summary>
    public static IServiceCollection AddQueueProcessor(
        this IServiceCollection services, string queueName, Func<IServiceProvider, IQueueMessageHandler> handlerFactory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(handlerFactory);
        QueueNames.PoisonQueueFor(queueName);
        services.AddSingleton<IHostedService>(provider => new QueueProcessorService(new QueueProcessor(
            provider.GetRequiredService<IMessageQueueFactory>(),
            queueName,
            handlerFactory(provider),
            provider.GetRequiredService<IOptions<HostJsonQueueOptions>>().Value,
            provider.GetRequiredService<IOptions<QueueProcessingOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<QueueProcessor>>(),
            provider.GetService<IMeterFactory>())));
        return services;
    }
}
