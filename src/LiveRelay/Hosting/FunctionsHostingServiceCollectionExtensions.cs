using LiveRelay.Operations.Status;
using LiveRelay.Queues;
using LiveRelay.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveRelay.Hosting;

public static class FunctionsHostingServiceCollectionExtensions
{
    /// <summary>
    /// What the Azure Functions app adds to <see cref="LiveRelayServiceCollectionExtensions.AddLiveRelay"/>:
    /// <list type="bullet">
    /// <item><see cref="QueueMessageOutbox"/> as the <see cref="IMessageOutbox"/> of the HTTP functions, on the storage
    /// account of <c>AzureWebJobsStorage</c> (connection string or identity-based, as the runtime reads it). HTTP intake
    /// writes to <c>live-messages</c> before it answers, so a 202 means the messages are queued and a queue failure is
    /// a 503 the caller retries; an output binding is written only after the answer has gone out.</item>
    /// <item><see cref="QueueTriggerSettlement"/> for the queue triggers, with host.json <c>extensions.queues</c>
    /// (add host.json with <see cref="Queues.Processing.HostJsonConfigurationExtensions.AddHostJson"/>).</item>
    /// <item><see cref="RequestBodyReader"/>.</item>
    /// <item>Start-up without the key pair or a required secret (<see cref="RequiredSecretsOptions.StartWithoutSecrets"/>):
    /// right after <c>azd up</c> the key is not in the vault yet and role assignments are still applying, and a worker
    /// that fails its start takes every function down. Health says what is missing; sends wait for it.</item>
    /// </list>
    /// No queue processors: the Functions runtime runs the queue triggers.
    /// </summary>
    public static IServiceCollection AddLiveRelayFunctionsHosting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMessageQueues(configuration);
        services.AddLiveRelayOperationsStatus();
        services.TryAddSingleton<QueueMessageOutbox>();
        services.TryAddSingleton<IMessageOutbox>(static provider => provider.GetRequiredService<QueueMessageOutbox>());
        services.TryAddSingleton<QueueTriggerSettlement>();
        services.TryAddSingleton<RequestBodyReader>();
        services.Configure<RequiredSecretsOptions>(static options => options.StartWithoutSecrets = true);
        return services;
    }
}
