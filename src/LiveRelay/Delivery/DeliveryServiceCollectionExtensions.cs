using System.Diagnostics.Metrics;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers delivery: <see cref="DeliveryOptions"/> bound from <c>LiveRelay:Delivery</c> and validated at
    /// start-up, the process-wide <see cref="DeliveryPacing"/>, the shared <see cref="ILiveMessageSender"/>,
    /// <see cref="MessageDispatcher"/> (queued delivery) and <see cref="DirectDelivery"/>, and the Live API client
    /// (<see cref="LiveApiClientServiceCollectionExtensions.AddLiveApiClient"/>) unless it is registered already.
    /// The caller registers an <see cref="AlibabaCloud.Credentials.IAlibabaCloudCredentialProvider"/>.
    /// </summary>
    public static IServiceCollection AddLiveRelayDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DeliveryOptions>()
            .Bind(configuration.GetSection(DeliveryOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        if (!services.Any(static d => d.ServiceType == typeof(ILiveApiClient)))
        {
            services.AddLiveApiClient(configuration);
        }

        services.TryAddSingleton(static sp => new DeliveryMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<DeliveryPacing>();
        services.TryAddSingleton<ILiveMessageSender, LiveMessageSender>();
        services.TryAddSingleton<MessageDispatcher>();
        services.TryAddSingleton<DirectDelivery>();
        return services;
    }
}
