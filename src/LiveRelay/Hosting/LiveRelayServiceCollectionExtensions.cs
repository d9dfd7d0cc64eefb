using LiveRelay.Delivery;
using LiveRelay.Delivery.Ledger;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Hosting.Startup;
using LiveRelay.Intake;
using LiveRelay.Logging;
using LiveRelay.Operations;
using LiveRelay.Operations.Status;
using LiveRelay.Queues;
using LiveRelay.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting;

public static class LiveRelayServiceCollectionExtensions
{
    /// <summary>
    /// Everything both hosts share: secrets and credentials (Key Vault or configuration), the Live API client,
    /// delivery (sender, pacing, dispatcher), intake (sources) with a start-up check of every source's signing secrets
    /// (<see cref="SourceSecretsStartupCheck"/>), <see cref="RelayService"/>, the admin API and readiness, and log lines that carry no
    /// function key and cannot be forged (<see cref="LogSafetyServiceCollectionExtensions.AddLiveRelayLogSafety"/>).
    /// </summary>
    public static IServiceCollection AddLiveRelay(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLiveRelayLogSafety(configuration);
        services.AddLiveRelaySecrets(configuration);
        services.AddLiveRelayDelivery(configuration);
        services.AddDeliveryLedger(configuration);
        services.AddLiveRelayIntake(configuration);
        services.AddLiveRelayOperations(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SourceSecretsStartupCheck>());
        services.TryAddSingleton<RelayService>();
        services.TryAddSingleton<RequestBodyReader>();
        return services;
    }

    /// <summary>
    /// The standalone host's queues, with the Functions runtime's semantics from host.json: <c>live-events</c> and
    /// <c>live-messages</c> processors, and <see cref="QueueMessageOutbox"/> for queued delivery. Azure Queue Storage
    /// (or Azurite) when <c>AzureWebJobsStorage</c> is set, otherwise queues in memory.
    /// </summary>
    public static IServiceCollection AddLiveRelayQueueProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddMessageQueues(configuration);
        services.AddLiveRelayOperationsStatus();
        services.TryAddSingleton<QueueMessageOutbox>();
        services.TryAddSingleton<IMessageOutbox>(static provider => provider.GetRequiredService<QueueMessageOutbox>());
        services.AddQueueProcessor(QueueNames.LiveEvents, static provider => new LiveEventsQueueHandler(
            provider.GetRequiredService<RelayService>(), provider.GetRequiredService<QueueMessageOutbox>()));
        services.AddQueueProcessor(QueueNames.LiveMessages, static provider => new LiveMessagesQueueHandler(
            provider.GetRequiredService<RelayService>(),
            provider.GetRequiredService<DeliveryPacing>(),
            provider.GetRequiredService<IOptions<FleetPacingOptions>>()));
        return services;
    }
}
