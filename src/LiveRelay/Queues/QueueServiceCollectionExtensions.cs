using System.Diagnostics.Metrics;
using LiveRelay.Queues.AzureStorage;
using LiveRelay.Queues.InMemory;
using LiveRelay.Queues.Processing;
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
    /// <c>LiveRelay:Queues</c>. The factory talks to Azure Queue Storage (or Azurite) when <c>AzureWebJobsStorage</c>
    /// is configured (<see cref="QueueServiceConnectionParser"/>), and otherwise keeps queues in memory.
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

        services.AddHttpClient(AzureStorageMessageQueueFactory.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<IMessageQueueFactory>(provider =>
        {
            var time = provider.GetRequiredService<TimeProvider>();
            var connection = QueueServiceConnectionParser.FromConfiguration(configuration);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(QueueServiceCollectionExtensions).FullName!);
            if (connection is null)
            {
                logger?.LogWarning("AzureWebJobsStorage is not set: queues are kept in memory and lost when the process ends.");
                return new InMemoryMessageQueueFactory(time);
            }

            logger?.LogInformation("Queues on {Connection}", connection);
            return new AzureStorageMessageQueueFactory(
                provider.GetRequiredService<IHttpClientFactory>(),
                connection,
                provider.GetRequiredService<IOptions<QueueProcessingOptions>>().Value.RequestTimeout,
                time,
                provider.GetService<ILogger<AzureStorageMessageQueueFactory>>());
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
