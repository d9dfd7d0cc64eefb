using System.Diagnostics.Metrics;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Delivery.Sending;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Operations.Status;
using LiveRelay.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers delivery: <see cref="DeliveryOptions"/> bound from <c>LiveRelay:Delivery</c> and
    /// <see cref="FleetPacingOptions"/> from <c>LiveRelay:Delivery:Fleet</c>, validated at start-up; the process-wide
    /// <see cref="DeliveryPacing"/> and, when the fleet shares the limits through Table Storage, the
    /// <see cref="FleetPacingCoordinator"/> that hands out this process's share; the shared <see cref="ILiveMessageSender"/>,
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

        services.AddOptions<FleetPacingOptions>()
            .Bind(configuration.GetSection(FleetPacingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FleetPacingOptions>, FleetPacingOptionsValidator>());

        services.TryAddSingleton(static sp => new DeliveryMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton<DeliveryActivity>();
        if (UsesSharedCoordinator(configuration))
        {
            services.AddLiveRelayStorage(configuration);
            services.TryAddSingleton<IFleetShareStore>(static sp =>
            {
                var factory = sp.GetRequiredService<StorageClientFactory>();
                var tableName = sp.GetRequiredService<IOptions<FleetPacingOptions>>().Value.TableName;
                return new TableFleetShareStore(() => factory.CreateTableServiceClient(FailFastTableOptions.Apply).GetTableClient(tableName), tableName);
            });
            services.TryAddSingleton(static sp => new DeliveryPacing(
                sp.GetRequiredService<IOptions<DeliveryOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DeliveryMetrics>(), startWithoutShare: true));
            services.TryAddSingleton<FleetPacingCoordinator>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, FleetPacingCoordinator>(static sp => sp.GetRequiredService<FleetPacingCoordinator>()));
        }

        services.TryAddSingleton<DeliveryPacing>();
        services.TryAddSingleton<ILiveMessageSender, LiveMessageSender>();
        services.TryAddSingleton<MessageDispatcher>();
        services.TryAddSingleton<DirectDelivery>();
        return services;
    }

    /// <summary>Table Storage when asked for, or by default whenever <c>AzureWebJobsStorage</c> is set: then other processes may be sending too.</summary>
    private static bool UsesSharedCoordinator(IConfiguration configuration)
    {
        var kind = configuration.GetSection(FleetPacingOptions.SectionName).GetValue<FleetCoordinatorKind?>(nameof(FleetPacingOptions.Coordinator)) ?? FleetCoordinatorKind.Auto;
        return kind == FleetCoordinatorKind.Table || (kind == FleetCoordinatorKind.Auto && StorageConnection.Read(configuration).IsConfigured);
    }
}
